/**
 * The cache of materialised PostgreSQL models, on real folders: a model folder is removed only once no
 * process has marked it used for a day, a process that keeps a model loaded marks it while it searches and
 * learns when it is gone, and nothing but model folders and dead writers' staging folders is touched.
 */
import { existsSync, mkdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createModelKeeper,
  MODEL_UNUSED_MS,
  pruneModelCache,
} from '../../src/retrieval/postgres/pg-models.js';
import { tempDir } from '../temp-dirs.js';

const HOUR = 60 * 60 * 1000;

function modelFolder(root: string, name: string, at: number): string {
  const folder = join(root, name);
  mkdirSync(join(folder, 'v-0123456789ab'), { recursive: true });
  writeFileSync(join(folder, 'current.json'), '{"version":"v-0123456789ab"}\n');
  utimesSync(folder, at / 1000, at / 1000);
  return folder;
}

describe('the materialised model cache', () => {
  it('removes a model folder unused for a day and keeps one a process marks while it searches', () => {
    const root = tempDir('pg-model-cache');
    const keepModelFolder = createModelKeeper();
    const start = Date.now();
    const used = modelFolder(root, 'sif-w2v_aaaaaaaaaaaa', start);
    const idle = modelFolder(root, 'sif-w2v_bbbbbbbbbbbb', start);
    // The searching process marks its folder every ten minutes at most, here every hour for a day.
    for (let t = start + HOUR / 2; t <= start + MODEL_UNUSED_MS + HOUR; t += HOUR) {
      expect(keepModelFolder(used, t)).toBe(true);
      expect(pruneModelCache(root, t)).toEqual(t - start > MODEL_UNUSED_MS ? [idle] : []);
    }
    expect(existsSync(used)).toBe(true);
    expect(existsSync(idle)).toBe(false);
  });

  it('tells a process that kept a model loaded when its folder is gone', () => {
    const root = tempDir('pg-model-cache');
    const keepModelFolder = createModelKeeper();
    const start = Date.now();
    const folder = modelFolder(root, 'sif-w2v_cccccccccccc', start);
    expect(keepModelFolder(folder, start)).toBe(true);
    expect(statSync(folder).mtimeMs).toBeCloseTo(start, -3);
    // Marked a minute ago: not marked again.
    expect(keepModelFolder(folder, start + 60_000)).toBe(true);
    expect(statSync(folder).mtimeMs).toBeCloseTo(start, -3);
    // Idle for more than a day, then removed by another process writing a new model.
    expect(pruneModelCache(root, start + MODEL_UNUSED_MS + 1)).toEqual([folder]);
    expect(keepModelFolder(folder, start + MODEL_UNUSED_MS + 2)).toBe(false);
  });

  it('touches nothing in the cache folder but model folders and staging folders of ended writers', () => {
    const root = tempDir('pg-model-cache');
    const old = Date.now() - 2 * MODEL_UNUSED_MS;
    const ours = process.pid;
    const kept = [
      join(root, 'notes.txt'),
      join(root, 'not-a-model'),
      join(root, `sif-w2v_dddddddddddd.${ours}.${old}`),
    ];
    writeFileSync(kept[0]!, 'x');
    mkdirSync(kept[1]!);
    mkdirSync(kept[2]!);
    const ended = join(root, `sif-w2v_eeeeeeeeeeee.999999999.${old}`);
    mkdirSync(ended);
    for (const path of [...kept, ended]) utimesSync(path, old / 1000, old / 1000);
    expect(pruneModelCache(root)).toEqual([ended]);
    for (const path of kept) expect(existsSync(path)).toBe(true);
    expect(pruneModelCache(join(root, 'missing'))).toEqual([]);
  });
});
