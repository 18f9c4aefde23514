/**
 * The head cache of the leave-package-out harness (bench/retrieval/lpo-heads.ts): each file keeps the feature
 * columns its heads were recorded with, and heads whose key matches but whose columns are not this build's
 * (kept under --heads-code by a build that read others) are refused instead of being fitted as the wrong
 * features.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cached } from '../../bench/retrieval/lpo-heads.js';
import { FILE_FEATURE_NAMES } from '../../src/retrieval/rerank/file-features.js';
import { tempDir } from '../temp-dirs.js';

describe('cached LPO heads', () => {
  const store = (contents: object) => {
    const path = join(tempDir('lpo-heads'), 'keyword-git-doc.json');
    writeFileSync(path, JSON.stringify(contents));
    return path;
  };
  const computed = async () => 'recorded now';

  it('are recorded with the feature columns, and read back under their key', async () => {
    const path = join(tempDir('lpo-heads'), 'heads', 'natural-git-doc.json');
    expect(await cached(path, 'k1', computed)).toBe('recorded now');
    expect(JSON.parse(readFileSync(path, 'utf8')).features).toEqual([...FILE_FEATURE_NAMES]);
    expect(await cached(path, 'k1', async () => 'not asked')).toBe('recorded now');
    expect(await cached(path, 'k2', async () => 'another key')).toBe('another key');
  });

  it('refuse heads of other feature columns under a matching key, naming the file', async () => {
    const path = store({ key: 'k1', features: FILE_FEATURE_NAMES.slice(0, -1), data: 'old columns' });
    const refused = await cached(path, 'k1', computed).then(
      () => null,
      (error: { code?: string; message: string }) => error,
    );
    expect(refused?.code).toBe('INVALID_DATA');
    expect(refused?.message).toContain(path);
    expect(refused?.message).toContain('--heads-code');
  });

  it('read a file written before the columns were kept on its key alone', async () => {
    expect(await cached(store({ key: 'k1', data: 'older file' }), 'k1', computed)).toBe('older file');
  });
});
