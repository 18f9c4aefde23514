import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it, vi } from 'vitest';
import { storeAdapted } from '../../../src/retrieval/adapt/store.js';
import { writeWordModel } from '../../../src/retrieval/dense/model-files.js';
import { createModelProvider, currentAdaptedDir } from '../../../src/retrieval/models/provider.js';
import { initVectors } from '../../../src/retrieval/wordvec/skipgram.js';
import { tempDir } from '../../temp-dirs.js';

function temp(): string {
  const dir = tempDir('adapt-run-');
  return dir;
}

function baseModel(): string {
  const dir = temp();
  const words = ['the', 'store', 'vectors', 'search', 'train', 'model', 'gpu', 'shell'];
  const files = writeWordModel(
    dir,
    initVectors(
      words,
      Float64Array.from(words, (_, i) => 50 - i),
      8,
      5,
    ),
  );
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ files }));
  return dir;
}

/** Enough generated text for adaptation to take a while (many progress messages). */
const TEXTS = Array.from({ length: 400 }, (_, i) =>
  Array.from({ length: 60 }, (_, j) => `w${(i * 31 + j * 7) % 500} topic${i % 9}`).join(' '),
);

const provider = () =>
  createModelProvider({ dir: baseModel(), adapt: { tokenBudget: 3_000_000, maxEpochs: 15, lsaDim: 8 } });

describe('adaptation in a worker thread', () => {
  it('keeps the event loop running while it adapts (timers fire between progress reports)', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 2);
    const seen: Array<{ fraction: number; ticks: number }> = [];
    try {
      await provider().adapt!(TEXTS, join(temp(), 'model'), (fraction) => seen.push({ fraction, ticks }));
    } finally {
      clearInterval(timer);
    }
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.at(-1)!.fraction).toBe(1);
    // Run on this thread, the progress callbacks would all come within one synchronous stretch: no ticks.
    expect(seen.at(-1)!.ticks - seen[0]!.ticks).toBeGreaterThan(0);
  });

  it('serves the previous version until the new one is stored, and a cancel keeps it', async () => {
    const models = provider();
    const modelDir = join(temp(), 'model');
    const first = await models.adapt!(TEXTS.slice(0, 50), modelDir, () => {});
    const firstDir = currentAdaptedDir(modelDir);
    const controller = new AbortController();
    const servedDuring: string[] = [];
    const terminate = vi.spyOn(Worker.prototype, 'terminate');
    const run = models.adapt!(
      TEXTS,
      modelDir,
      () => {
        if (servedDuring.length === 0) {
          servedDuring.push(currentAdaptedDir(modelDir)!);
          controller.abort();
        }
      },
      controller.signal,
    );
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
    // The worker stops at its next progress step and ends by itself; it is never terminated.
    expect(terminate).not.toHaveBeenCalled();
    terminate.mockRestore();
    expect(servedDuring).toEqual([firstDir]);
    expect(currentAdaptedDir(modelDir)).toBe(firstDir);
    expect((await models.embedder(modelDir)).id).toBe(first.id);
    expect(readdirSync(modelDir).filter((entry) => entry.startsWith('staging'))).toEqual([]);
  });

  it('keeps the previous version when the stop comes just before the switch', () => {
    const modelDir = join(temp(), 'model');
    const vectors = (seed: number) =>
      initVectors(['gpu', 'shell', 'store'], Float64Array.from([3, 2, 1]), 4, seed);
    const first = storeAdapted(modelDir, vectors(1));
    expect(() => storeAdapted(modelDir, vectors(2), () => true)).toThrow(
      expect.objectContaining({ code: 'CANCELLED' }),
    );
    expect(currentAdaptedDir(modelDir)).toBe(first);
    expect(readdirSync(modelDir).sort()).toEqual(['current.json', basename(first)]);
  });

  it('reports a failure inside the worker as one IO error', async () => {
    const blocked = join(temp(), 'not-a-folder');
    writeFileSync(blocked, 'a file where the model folder should be');
    await expect(provider().adapt!(TEXTS.slice(0, 20), blocked, () => {})).rejects.toMatchObject({
      code: 'IO',
      message: expect.stringMatching(/^adaptation failed: /),
    });
    expect(existsSync(join(blocked, 'current.json'))).toBe(false);
  });

  it('does not start when the signal has already fired', async () => {
    await expect(
      provider().adapt!(TEXTS, join(temp(), 'model'), () => {}, AbortSignal.abort()),
    ).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});
