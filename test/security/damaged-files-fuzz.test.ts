/**
 * No file on disk can make batuta die by signal: seeded fast-check mutations (truncations, bit flips,
 * runs of random bytes) of an HNSW index and of a word-vector model's files are loaded in a child process
 * (a crash there cannot take the test runner down), which must exit normally after every case. Model
 * files are tried twice: under their manifest as written, and with the manifest re-hashed to match, so the
 * damaged bytes reach the vocabulary parser, the vectors reader and onnxruntime.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VectorIndex } from '../../src/retrieval/dense/hnsw.js';
import { EMBEDDER_FILE, sha256, writeWordModel } from '../../src/retrieval/dense/model-files.js';
import { initVectors } from '../../src/retrieval/wordvec/skipgram.js';
import { tempDir } from '../temp-dirs.js';
import type { DamagedCase } from './load-damaged.js';

const CHILD = resolve(import.meta.dirname, '../../dist/test/security/load-damaged.js');
const DIMENSION = 16;
/** CI runs the defaults (a few seconds); a longer soak: BATUTA_FUZZ_RUNS=5000 BATUTA_FUZZ_SEED=7 npx vitest run … */
const SEED = Number(process.env['BATUTA_FUZZ_SEED'] ?? 1616);
const HNSW_RUNS = Number(process.env['BATUTA_FUZZ_RUNS'] ?? 300);
const MODEL_RUNS = Math.ceil(HNSW_RUNS / 2.5);
const MODEL_FILES = [`${EMBEDDER_FILE}.onnx`, `${EMBEDDER_FILE}.vocab.txt`, `${EMBEDDER_FILE}.vectors.bin`];

/** A change to a file's bytes. */
type Mutation =
  | { readonly kind: 'truncate'; readonly at: number }
  | { readonly kind: 'flip'; readonly bits: ReadonlyArray<readonly [number, number]> }
  | { readonly kind: 'overwrite'; readonly at: number; readonly bytes: readonly number[] };

/** Mutations of a file of `size` bytes, a third of them aimed at its first `header` bytes. */
function mutations(size: number, header: number): fc.Arbitrary<Mutation> {
  const offset = fc.oneof(
    { arbitrary: fc.nat(header - 1), weight: 1 },
    { arbitrary: fc.nat(size - 1), weight: 2 },
  );
  return fc.oneof(
    fc.record({ kind: fc.constant('truncate' as const), at: fc.nat(size - 1) }),
    fc.record({
      kind: fc.constant('flip' as const),
      bits: fc.array(fc.tuple(offset, fc.nat(7)), { minLength: 1, maxLength: 8 }),
    }),
    fc.record({
      kind: fc.constant('overwrite' as const),
      at: offset,
      bytes: fc.array(fc.nat(255), { minLength: 1, maxLength: 256 }),
    }),
  );
}

function mutate(bytes: Buffer, mutation: Mutation): Buffer {
  if (mutation.kind === 'truncate') return bytes.subarray(0, mutation.at);
  const copy = Buffer.from(bytes);
  if (mutation.kind === 'flip') {
    for (const [at, bit] of mutation.bits) copy[at] = copy[at]! ^ (1 << bit);
  } else {
    copy.set(mutation.bytes.slice(0, copy.length - mutation.at), mutation.at);
  }
  return copy;
}

/** Runs the loader child on `cases`; returns its exit and one outcome line per case it finished. */
function runLoader(dir: string, cases: readonly DamagedCase[]) {
  const list = join(dir, `cases-${cases.length}-${cases[0]?.kind}.json`);
  writeFileSync(list, JSON.stringify(cases));
  const child = spawnSync(process.execPath, [CHILD, list], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const lines = child.stdout.split('\n').filter((line) => line.startsWith('done '));
  return { code: child.status, signal: child.signal, stderr: child.stderr, lines };
}

/** The case a dead child was working on, for the failure message. */
function lastCase(cases: readonly DamagedCase[], finished: number): string {
  return finished < cases.length ? JSON.stringify(cases[finished]) : 'none';
}

describe('damaged files never kill the process', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir('batuta-fuzz-');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`survives ${HNSW_RUNS} truncated, flipped and overwritten HNSW files`, async () => {
    const index = await VectorIndex.create(DIMENSION, 64);
    const random = fc.sample(fc.float({ min: -1, max: 1, noNaN: true }), { seed: SEED, numRuns: 300 * 16 });
    for (let label = 0; label < 300; label += 1) {
      index.add(label, Float32Array.from(random.slice(label * 16, label * 16 + 16)));
    }
    for (let label = 0; label < 300; label += 7) index.remove(label);
    const base = join(dir, 'base.hnsw');
    await index.save(base);
    const bytes = readFileSync(base);
    const sample = fc.sample(mutations(bytes.length, 96), { seed: SEED, numRuns: HNSW_RUNS });
    const cases: DamagedCase[] = [{ kind: 'hnsw', path: base, dimension: DIMENSION }];
    for (const [i, mutation] of sample.entries()) {
      const path = join(dir, `damaged-${i}.hnsw`);
      writeFileSync(path, mutate(bytes, mutation));
      cases.push({ kind: 'hnsw', path, dimension: DIMENSION });
    }
    const run = runLoader(dir, cases);
    expect(run.signal, `died on ${lastCase(cases, run.lines.length)}`).toBeNull();
    expect(run.code, run.stderr).toBe(0);
    expect(run.lines).toHaveLength(cases.length);
    expect(run.lines[0]).toMatch(/^done 0 loaded: 10 hits/);
    expect(run.lines.filter((line) => / refused: /.test(line)).length).toBeGreaterThan(HNSW_RUNS / 2);
  });

  it(`survives ${MODEL_RUNS} damaged model files, under their manifest and re-hashed to pass it`, () => {
    const words = Array.from({ length: 60 }, (_, i) => `word${i}`);
    const counts = Float64Array.from(words, (_, i) => 100 - i);
    const intact = join(dir, 'model');
    mkdirSync(intact);
    const files = writeWordModel(intact, initVectors(words, counts, 8, SEED));
    writeFileSync(join(intact, 'manifest.json'), JSON.stringify({ files }));
    const target = fc.constantFrom(...MODEL_FILES);
    const plans = fc.sample(
      target.chain((file) =>
        fc.record({
          file: fc.constant(file),
          rehash: fc.boolean(),
          mutation: mutations(files[file]!.bytes, 64),
        }),
      ),
      { seed: SEED, numRuns: MODEL_RUNS },
    );
    const cases: DamagedCase[] = [{ kind: 'model', dir: intact }];
    for (const [i, plan] of plans.entries()) {
      const folder = join(dir, `model-${i}`);
      mkdirSync(folder);
      for (const file of MODEL_FILES) copyFileSync(join(intact, file), join(folder, file));
      const damaged = mutate(readFileSync(join(intact, plan.file)), plan.mutation);
      writeFileSync(join(folder, plan.file), damaged);
      const entry = plan.rehash ? { sha256: sha256(damaged), bytes: damaged.length } : files[plan.file]!;
      writeFileSync(
        join(folder, 'manifest.json'),
        JSON.stringify({ files: { ...files, [plan.file]: entry } }),
      );
      cases.push({ kind: 'model', dir: folder });
    }
    const run = runLoader(dir, cases);
    expect(run.signal, `died on ${lastCase(cases, run.lines.length)}`).toBeNull();
    expect(run.code, run.stderr).toBe(0);
    expect(run.lines).toHaveLength(cases.length);
    expect(run.lines[0]).toMatch(/^done 0 loaded: 8-d, a vocabulary/);
  });
});
