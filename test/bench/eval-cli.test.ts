import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';

const ROOT = resolve(import.meta.dirname, '../..');
const EVAL = join(ROOT, 'dist/bench/retrieval/eval.js');

/** A corpus of three documents and a set of three graded questions, written to a fresh folder. */
function makeSet(): { setFile: string; corpus: string } {
  const dir = tempDir('eval-cli-');
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
      '  - { id: t1, question: "PCIe transfer", split: dev, relevant: { gpu.md: 2 } }',
      '  - { id: t2, question: "How do SIMD vectors speed up loops?", split: test, relevant: { simd.md: 2 } }',
      '  - { id: t3, question: "compare what both programs ask the kernel", split: test, low_overlap: true,',
      '      relevant: { trace.md: 2 } }',
    ].join('\n'),
  );
  return { setFile, corpus };
}

function run(args: string[]) {
  const result = spawnSync(process.execPath, [EVAL, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('node dist/bench/retrieval/eval.js', () => {
  it('scores the baselines on a set and prints one JSON document', () => {
    const { setFile } = makeSet();
    const out = run([
      '--set',
      setFile,
      '--json',
      '--rankers',
      'fts5-and,bm25-or',
      '--pairs',
      'bm25-or:fts5-and',
    ]);
    expect(out.code).toBe(0);
    const report = JSON.parse(out.stdout);
    expect(report.documents).toBe(3);
    expect(report.counts).toEqual({ all: 3, dev: 1, test: 2, 'low-overlap': 1 });
    expect(report.summary.dev['bm25-or'].ndcg).toBe(1);
    expect(report.summary.dev['fts5-and'].ndcg).toBe(1);
    // every word must be present for FTS5: the "How do ..." question finds nothing
    const t2 = report.questions.find((q: { id: string }) => q.id === 't2');
    expect(t2.ranked['fts5-and']).toEqual([]);
    expect(t2.ranked['bm25-or'][0]).toBe('simd.md');
    expect(report.comparisons.map((c: { subset: string }) => c.subset)).toEqual(['all', 'test']);
    expect(report.comparisons[0].p).toBeGreaterThan(0);
  });

  it('prints markdown tables by default and filters by split', () => {
    const { setFile } = makeSet();
    const out = run(['--set', setFile, '--split', 'test', '--rankers', 'bm25-or']);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('| ranker | all (2) | low-overlap (1) |');
    expect(out.stdout).toMatch(/\| bm25-or \| 1\.000 \/ 1\.000 \/ 1\.000 \|/);
    expect(out.stdout).toContain('Command: node dist/bench/retrieval/eval.js');
  });

  it('searches with the model folder of --models instead of embeddings/', () => {
    const { setFile } = makeSet();
    const models = tempDir('eval-cli-models-');
    for (const name of readdirSync(join(ROOT, 'embeddings')))
      symlinkSync(join(ROOT, 'embeddings', name), join(models, name));
    const out = run(['--set', setFile, '--json', '--rankers', 'dense', '--models', models]);
    expect(out.code).toBe(0);
    expect(out.stderr).toContain(`ours: models from ${models}`);
    expect(JSON.parse(out.stdout).summary.all.dense.ndcg).toBeGreaterThan(0);
  });

  it("adapts the collection's embedder with the seed of --adapt-seed: another seed, another draw", () => {
    const { setFile } = makeSet();
    const embedderOf = (seed: string) => {
      const out = run(['--set', setFile, '--json', '--rankers', 'dense', '--adapt-seed', seed]);
      expect(out.code).toBe(0);
      expect(JSON.parse(out.stdout).adaptSeed).toBe(Number(seed));
      return /ours: embedder (\S+);/.exec(out.stderr)?.[1];
    };
    const first = embedderOf('3');
    expect(first).toMatch(/\//);
    expect(embedderOf('3')).toBe(first);
    expect(embedderOf('4')).not.toBe(first);
  });

  it('stops when the --models folder cannot give the dense leg, instead of scoring BM25 as dense', () => {
    const { setFile } = makeSet();
    const models = tempDir('eval-cli-broken-models-');
    for (const name of readdirSync(join(ROOT, 'embeddings')))
      if (name !== 'word-embedder.vectors.bin')
        symlinkSync(join(ROOT, 'embeddings', name), join(models, name));
    const out = run(['--set', setFile, '--json', '--rankers', 'dense,hybrid', '--models', models]);
    expect(out.code).toBe(1);
    expect(out.stdout).toBe('');
    expect(out.stderr.trim().split('\n').at(-1)).toMatch(/^eval: .*dense leg.*word-embedder\.vectors\.bin/);
    expect(out.stderr).not.toMatch(/^\s+at /m);
  });

  it('answers bad input with one line and a usage or failure code', () => {
    const { setFile, corpus } = makeSet();
    const cases: Array<[string[], number]> = [
      [['--set', setFile, '--split', 'train'], 2],
      [['--set', setFile, '--rankers', 'nope'], 2],
      [['--set', setFile, '--bogus'], 2],
      [['--set', setFile, '--rounds', '0'], 2],
      [['--set', setFile, '--adapt-seed', '-1'], 2],
      [['--set', join(corpus, 'missing.yaml')], 1],
      [['--set', setFile, '--corpus-root', join(corpus, 'nowhere')], 1],
      [['--set', join(corpus, 'gpu.md')], 1],
      [['--set', setFile, '--models', corpus], 2],
    ];
    for (const [args, code] of cases) {
      const out = run(args);
      expect(out.code, args.join(' ')).toBe(code);
      // one error line from eval (notes from the engine's rankers may precede it), never a stack trace
      const lines = out.stderr.trim().split('\n');
      expect(lines.filter((line) => line.startsWith('eval: '))).toHaveLength(1);
      expect(lines.at(-1)).toMatch(/^eval: /);
      expect(out.stderr).not.toMatch(/^\s+at /m);
      expect(out.stdout).toBe('');
    }
  });
});
