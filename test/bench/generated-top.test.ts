import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';

const SCRIPT = resolve(import.meta.dirname, '../../dist/bench/retrieval/generated-top.js');

/** A Sphinx-like folder (a page, its _sources copy, searchindex.js, another page) and a two-question set. */
function makeSet(): string {
  const dir = tempDir('generated-top-');
  const docs = join(dir, 'docs');
  mkdirSync(join(docs, '_sources'), { recursive: true });
  const body = 'Run the app behind nginx with gunicorn workers for production traffic.';
  writeFileSync(join(docs, 'deploy.html'), `<html><body><h1>Deploying</h1><p>${body}</p></body></html>`);
  writeFileSync(join(docs, '_sources/deploy.rst.txt'), `Deploying\n=========\n${body}\n`);
  writeFileSync(
    join(docs, 'searchindex.js'),
    'Search.setIndex({"terms":{"nginx":0,"gunicorn":0,"workers":0}})',
  );
  writeFileSync(
    join(docs, 'templates.html'),
    '<html><body><h1>Templates</h1><p>Jinja templates render pages with inheritance.</p></body></html>',
  );
  const set = join(dir, 'set.yaml');
  writeFileSync(
    set,
    [
      'corpus: docs',
      'questions:',
      '  - { id: t1, question: "gunicorn workers behind nginx", split: dev, relevant: { deploy.html: 2 } }',
      '  - { id: t2, question: "template inheritance", split: test, relevant: { templates.html: 2 } }',
    ].join('\n'),
  );
  return set;
}

describe('node dist/bench/retrieval/generated-top.js', () => {
  it('counts the questions whose CLI top 10 holds a generated file, by rule', () => {
    const run = spawnSync(process.execPath, [SCRIPT, '--set', makeSet(), '--modes', 'bm25'], {
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.counts).toHaveLength(1);
    const [bm25] = report.counts;
    expect(bm25.mode).toBe('bm25');
    expect(bm25.questions).toBe(2);
    // only the deployment question matches the generated files; the page itself still comes first, and its
    // _sources copy (the same text) is folded into it as "also in", so only searchindex.js is counted
    expect(bm25.withGenerated).toBe(1);
    expect(bm25.generatedFirst).toBe(0);
    expect(bm25.byRule).toEqual({ 'sphinx searchindex.js': 1 });
    expect(bm25.ndcg).toBeGreaterThan(0.5);
  });

  it('answers an unknown mode or split with one line and exit 2', () => {
    const set = makeSet();
    for (const args of [
      ['--modes', 'magic'],
      ['--split', 'train'],
    ]) {
      const run = spawnSync(process.execPath, [SCRIPT, '--set', set, ...args], { encoding: 'utf8' });
      expect(run.status).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(/^generated-top: /);
      expect(run.stdout).toBe('');
    }
  });
});
