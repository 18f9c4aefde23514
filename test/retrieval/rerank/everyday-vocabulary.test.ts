import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InvalidDataError } from '../../../src/errors.js';
import { loadEverydayVocabulary } from '../../../src/retrieval/rerank/everyday-vocabulary.js';
import { everydayFiles } from '../../../src/retrieval/train/build-everyday.js';
import { packageFiles } from '../../../src/retrieval/train/package-models.js';
import { loadEverydayVectors } from '../../../src/retrieval/wordvec/everyday.js';

const SHIPPED = resolve(import.meta.dirname, '../../../embeddings');
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function folder(words: string[], vectors: number[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'everyday-vocab-'));
  dirs.push(dir);
  packageFiles(dir, everydayFiles(words, Float32Array.from(vectors), 2), 'everyday', { dim: 2 });
  return dir;
}

describe('everyday vectors as reranker features', () => {
  it('finds every word at its row, and no other word', () => {
    const vocab = loadEverydayVocabulary(
      folder(['the', 'boat', 'ship', 'x86-64'], [1, 1, 3, 0, 2, 0.5, 0, 4]),
    );
    expect(['the', 'boat', 'ship', 'x86-64'].map((w) => vocab.index.get(w))).toEqual([0, 1, 2, 3]);
    for (const word of ['', 'boa', 'boats', 'ship\n', 'schiff', 'café', 'x86'])
      expect(vocab.index.get(word)).toBeUndefined();
    const [boat, ship] = [vocab.unitRows([1]), vocab.unitRows([2])];
    expect(Math.hypot(...boat)).toBeCloseTo(1, 5);
    expect(boat[0]! * ship[0]! + boat[1]! * ship[1]!).toBeGreaterThan(0.95);
    expect(vocab.idf[0]!).toBeLessThan(vocab.idf[3]!);
    expect(vocab.unknownIdf).toBeGreaterThan(vocab.idf[3]!);
  });

  it('gives the shipped vectors the reader gives, row for row', () => {
    const vocab = loadEverydayVocabulary(SHIPPED);
    const reader = loadEverydayVectors(SHIPPED);
    for (const row of [0, 1, 4_321, reader.words.length - 1]) {
      const word = reader.words[row]!;
      expect(vocab.index.get(word)).toBe(row);
      const mine = vocab.unitRows([row]);
      reader.vector(word)!.forEach((v, k) => {
        expect(mine[k]).toBeCloseTo(v, 6);
      });
    }
  });

  it('refuses a damaged file, naming it and the rebuild command', () => {
    const dir = folder(['the', 'boat'], [1, 1, 3, 0]);
    const path = join(dir, 'everyday.vectors.bin');
    const bytes = readFileSync(path);
    bytes[0] = (bytes[0] ?? 0) ^ 0xff;
    writeFileSync(path, bytes);
    expect(() => loadEverydayVocabulary(dir)).toThrow(InvalidDataError);
    expect(() => loadEverydayVocabulary(dir)).toThrow(/everyday\.vectors\.bin.*npm run build:everyday/);
  });
});
