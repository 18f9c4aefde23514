import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createModelProvider, shippedModelDir } from '../../../src/retrieval/models/provider.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const cosine = (a: Float32Array, b: Float32Array) => a.reduce((sum, v, i) => sum + v * b[i]!, 0);

describe('shipped models in embeddings/', () => {
  it('are listed in the manifest and stay within the 40 MB budget', () => {
    const dir = shippedModelDir();
    expect(dir).toBe(join(ROOT, 'embeddings'));
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
      files: Record<string, { bytes: number }>;
    };
    let total = 0;
    for (const [file, entry] of Object.entries(manifest.files)) {
      expect(statSync(join(dir, file)).size).toBe(entry.bytes);
      total += entry.bytes;
    }
    expect(total).toBeLessThanOrEqual(40 * 1024 * 1024);
    for (const card of ['word-embedder.md', 'reranker.md', 'everyday.md'])
      expect(existsSync(join(dir, card))).toBe(true);
  });

  it('load, verify and embed related technical texts closer than unrelated ones', async () => {
    const embedder = await createModelProvider().embedder(null);
    expect(embedder.dimension).toBe(96);
    const [regression, estimator, git] = await embedder.embed([
      'train a linear regression model',
      'fit the estimator on training data',
      'commit the branch and push to the remote',
    ]);
    expect(cosine(regression!, estimator!)).toBeGreaterThan(cosine(regression!, git!) + 0.1);
  });
});

describe('npm run train:models entry', () => {
  it('rejects an unknown flag with one line on stderr', () => {
    const main = join(ROOT, 'dist/src/retrieval/train/main.js');
    const result = spawnSync(process.execPath, [main, '--no-such-flag'], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^train: .*no-such-flag/);
  });
});
