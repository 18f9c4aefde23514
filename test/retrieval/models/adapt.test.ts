import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMBEDDER_FILE, writeWordModel } from '../../../src/retrieval/dense/model-files.js';
import { createModelProvider, currentAdaptedDir } from '../../../src/retrieval/models/provider.js';
import { initVectors } from '../../../src/retrieval/wordvec/skipgram.js';
import { tempDir } from '../../temp-dirs.js';

function temp(): string {
  const dir = tempDir('models-adapt-');
  return dir;
}

/** A base model that knows a few generic words and none of the collection's names. */
function baseModel(): string {
  const dir = temp();
  const words = ['the', 'store', 'vectors', 'search', 'train', 'model', 'gpu', 'shell', 'script', 'query'];
  const counts = Float64Array.from(words, (_, i) => 100 - i);
  const files = writeWordModel(dir, initVectors(words, counts, 8, 5));
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ files }));
  return dir;
}

/** A tiny collection where "trueno" and "simd" always appear together, "bashrs" with "shell". */
const TEXTS = Array.from({ length: 40 }, (_, i) =>
  i % 2 === 0
    ? 'trueno simd vectors gpu trueno simd kernels'
    : 'bashrs shell script lint bashrs shell script',
);

const cosine = (a: Float32Array, b: Float32Array) => a.reduce((sum, v, i) => sum + v * b[i]!, 0);

describe('ModelProvider.adapt', () => {
  it('learns the collection words and stores a version that embedder(modelDir) loads', async () => {
    const provider = createModelProvider({
      dir: baseModel(),
      adapt: { tokenBudget: 50_000, maxEpochs: 200, subsample: 1e-2 },
    });
    const modelDir = join(temp(), 'model');
    const progress: number[] = [];
    const adapted = await provider.adapt!(TEXTS, modelDir, (f) => progress.push(f));
    const base = await provider.embedder(null);
    expect(adapted.id).not.toBe(base.id);
    expect(progress.at(-1)).toBe(1);
    const vocab = readFileSync(join(currentAdaptedDir(modelDir)!, `${EMBEDDER_FILE}.vocab.txt`), 'utf8');
    expect(vocab).toMatch(/^trueno\t/m);
    expect((await provider.embedder(modelDir)).id).toBe(adapted.id);
    const [baseVector] = await base.embed(['trueno bashrs']);
    expect(Array.from(baseVector!).every((v) => v === 0)).toBe(true);
    const [trueno, simd, bashrs] = await adapted.embed(['trueno', 'simd', 'bashrs']);
    expect(cosine(trueno!, simd!)).toBeGreaterThan(cosine(trueno!, bashrs!));
  });

  it('is deterministic for a seed', async () => {
    const base = baseModel();
    const read = async () => {
      const modelDir = join(temp(), 'model');
      await createModelProvider({
        dir: base,
        adapt: { tokenBudget: 50_000, maxEpochs: 200, subsample: 1e-2 },
      }).adapt!(TEXTS, modelDir, () => {});
      return readFileSync(join(currentAdaptedDir(modelDir)!, `${EMBEDDER_FILE}.vectors.bin`));
    };
    expect((await read()).equals(await read())).toBe(true);
  });

  it('switches versions atomically and keeps the previous one a round longer', async () => {
    const provider = createModelProvider({
      dir: baseModel(),
      adapt: { tokenBudget: 50_000, maxEpochs: 200, subsample: 1e-2 },
    });
    const modelDir = join(temp(), 'model');
    await provider.adapt!(TEXTS, modelDir, () => {});
    const first = currentAdaptedDir(modelDir)!;
    await provider.adapt!([...TEXTS, 'renacer trace syscalls renacer trace'], modelDir, () => {});
    const second = currentAdaptedDir(modelDir)!;
    expect(second).not.toBe(first);
    expect(existsSync(first)).toBe(true);
    await provider.adapt!(TEXTS.slice(0, 10), modelDir, () => {});
    expect(existsSync(first)).toBe(false);
    expect(readdirSync(modelDir).filter((e) => e.startsWith('staging'))).toEqual([]);
  });

  it('loads the kept earlier version or the base model by id while their vectors are still in use', async () => {
    const provider = createModelProvider({ dir: baseModel(), adapt: { tokenBudget: 20_000 } });
    const modelDir = join(temp(), 'model');
    const base = await provider.embedder(null);
    const first = await provider.adapt!(TEXTS, modelDir, () => {});
    const second = await provider.adapt!(
      [...TEXTS, 'renacer trace syscalls renacer trace'],
      modelDir,
      () => {},
    );
    expect(new Set([base.id, first.id, second.id]).size).toBe(3);
    expect((await provider.embedder(modelDir)).id).toBe(second.id);
    expect((await provider.embedder(modelDir, first.id)).id).toBe(first.id);
    expect((await provider.embedder(modelDir, base.id)).id).toBe(base.id);
    expect((await provider.embedder(modelDir, second.id)).id).toBe(second.id);
    // Gone or never made: the current version, whose id the caller then sees differs.
    expect((await provider.embedder(modelDir, 'sif-w2v/000000000000')).id).toBe(second.id);
  });

  it('appends LSA dimensions when asked to', async () => {
    const provider = createModelProvider({
      dir: baseModel(),
      adapt: { tokenBudget: 50_000, maxEpochs: 200, subsample: 1e-2, method: 'lsa+skipgram', lsaDim: 4 },
    });
    const adapted = await provider.adapt!(TEXTS, join(temp(), 'model'), () => {});
    expect(adapted.dimension).toBe(8 + 4);
    const [trueno, simd, bashrs] = await adapted.embed(['trueno', 'simd', 'bashrs']);
    expect(cosine(trueno!, simd!)).toBeGreaterThan(cosine(trueno!, bashrs!));
  });

  it('reports a broken version pointer as invalid data', async () => {
    const modelDir = temp();
    writeFileSync(join(modelDir, 'current.json'), '{"version": "../../etc"}');
    await expect(createModelProvider({ dir: baseModel() }).embedder(modelDir)).rejects.toMatchObject({
      code: 'INVALID_DATA',
    });
  });

  it('replaces a broken version pointer when adapting again', async () => {
    const modelDir = temp();
    writeFileSync(join(modelDir, 'current.json'), 'not json');
    const provider = createModelProvider({ dir: baseModel(), adapt: { tokenBudget: 5_000 } });
    const adapted = await provider.adapt!(TEXTS, modelDir, () => {});
    expect((await provider.embedder(modelDir)).id).toBe(adapted.id);
  });
});
