import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';

const ROOT = resolve(import.meta.dirname, '../..');
const RECALL = join(ROOT, 'dist/bench/retrieval/first-stage-recall.js');

/** Three documents and three graded dev questions (one low-overlap), in a fresh folder. */
function makeSet(): { dir: string; setFile: string; corpus: string } {
  const dir = tempDir('first-stage-recall-');
  const corpus = join(dir, 'docs');
  mkdirSync(corpus);
  writeFileSync(
    join(corpus, 'gpu.md'),
    '# GPU\nDispatch to the GPU only when compute outweighs the PCIe transfer.\n',
  );
  writeFileSync(join(corpus, 'simd.md'), '# SIMD\nSIMD vectors speed up element-wise loops on the CPU.\n');
  writeFileSync(
    join(corpus, 'trace.md'),
    '# Tracing\nRenacer records syscalls of both programs and diffs them.\n',
  );
  const setFile = join(dir, 'tiny.yaml');
  writeFileSync(
    setFile,
    [
      'corpus: docs',
      'questions:',
      '  - { id: t1, question: "PCIe transfer", split: dev, relevant: { gpu.md: 2, simd.md: 1 } }',
      '  - { id: t2, question: "How do SIMD vectors speed up loops?", split: dev, relevant: { simd.md: 2 } }',
      '  - { id: t3, question: "compare what both programs ask the kernel", split: dev, low_overlap: true,',
      '      relevant: { trace.md: 2 } }',
      '  - { id: t4, question: "Renacer syscalls", split: test, relevant: { trace.md: 2 } }',
    ].join('\n'),
  );
  return { dir, setFile, corpus };
}

function run(args: string[]) {
  const result = spawnSync(process.execPath, [RECALL, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('node dist/bench/retrieval/first-stage-recall.js', () => {
  it('places every grade-2 file of the dev questions in each order and reuses its index', () => {
    const { dir, setFile, corpus } = makeSet();
    const db = join(dir, 'recall.db');
    const first = run(['--set', setFile, '--db', db, '--json']);
    expect(first.code).toBe(0);
    expect(first.stderr).toContain('indexing');
    const report = JSON.parse(first.stdout);
    expect(report.split).toBe('dev');
    expect(report.rows.map((row: { id: string }) => row.id)).toEqual(['t1', 't2', 't3']);
    const t1 = report.rows[0];
    expect(t1.answers).toEqual(['gpu.md']);
    expect(t1.ranks.bm25).toEqual([1]);
    expect(report.summary.all.questions).toBe(3);
    expect(report.summary['low-overlap'].questions).toBe(1);
    expect(report.summary.other.questions).toBe(2);
    // Three files: every order holds every file it found within 30, and the head is what the reranker read.
    for (const order of ['bm25', 'hybrid', 'head']) expect(report.summary.other[order]['recall@30']).toBe(1);
    // The same folder through a link is the same corpus: the index is reused.
    const link = join(dir, 'link');
    symlinkSync(corpus, link);
    const again = run(['--set', setFile, '--db', db, '--split', 'all', '--corpus-root', link, '--json']);
    expect(again.code).toBe(0);
    expect(again.stderr).not.toContain('indexing');
    expect(JSON.parse(again.stdout).rows).toHaveLength(4);
  });

  it('splits the loss of each question under the reranker with --losses', () => {
    const { dir, setFile } = makeSet();
    const db = join(dir, 'recall.db');
    const json = run(['--set', setFile, '--db', db, '--json']);
    expect(json.code).toBe(0);
    for (const row of JSON.parse(json.stdout).rows) {
      const { loss, recall, ungraded, graded } = row.loss;
      expect(loss).toBeCloseTo(1 - row.ndcg, 12);
      expect(recall + ungraded + graded).toBeCloseTo(loss, 12);
    }
    const text = run(['--set', setFile, '--db', db, '--losses']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^sum, all +[\d.]+ [\d.]+ [\d.]+ [\d.]+$/m);
    expect(text.stdout).toMatch(/^sum, low overlap /m);
  });

  it('answers bad input with one line and the usage code', () => {
    const { dir, setFile, corpus } = makeSet();
    const db = join(dir, 'recall.db');
    expect(run(['--set', setFile, '--db', db]).code).toBe(0);
    const other = join(dir, 'other');
    mkdirSync(other);
    writeFileSync(join(other, 'a.md'), '# A\nSomething else.\n');
    const moved = run(['--set', setFile, '--db', db, '--corpus-root', other]);
    expect(moved.code).toBe(2);
    expect(moved.stderr.trim().split('\n')).toHaveLength(1);
    expect(moved.stderr).toContain(corpus);
    for (const args of [['--rerank-depth', '0'], ['--split', 'half'], ['--unknown']]) {
      const out = run(['--set', setFile, '--db', db, ...args]);
      expect(out.code).toBe(2);
      expect(out.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
