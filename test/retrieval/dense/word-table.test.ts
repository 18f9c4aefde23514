import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BatutaError } from '../../../src/errors.js';
import { parseVocabularyIndex } from '../../../src/retrieval/dense/model-files.js';
import { encodeWordTable, readWordTable } from '../../../src/retrieval/dense/word-table.js';

const PATH = '/models/word-embedder.words.bin';
const REBUILD = 'run "batuta index" on the collection again';

/** The rows a Map filled in row order gives: what the vocabulary text's parser answers. */
function expectedRows(words: readonly string[]): Map<string, number> {
  return new Map(words.map((word, i) => [word, i]));
}

function failure(action: () => unknown): BatutaError {
  try {
    action();
  } catch (error) {
    return error as BatutaError;
  }
  throw new Error('reading should have failed');
}

describe('words files', () => {
  it('give every word the row the vocabulary text gives it, and nothing for other words', () => {
    // Repeated words keep their last row; UTF-8 of two, three and four bytes.
    const words = ['the', 'flask', 'bär', 'the', 'naïve', '配置', 'x😀y', '', 'flask2'];
    const counts = Float64Array.from(words, (_, i) => 100 - i);
    const read = readWordTable(encodeWordTable(words, counts, 7), PATH, REBUILD);
    const text = `7\n${words.map((word, i) => `${word}\t${counts[i]}`).join('\n')}\n`;
    const parsed = parseVocabularyIndex(text, 'v.txt');
    expect(read.dim).toBe(7);
    expect(read.counts).toEqual(parsed.counts);
    expect(read.index.size).toBe(parsed.index.size);
    for (const word of [...words, 'bar', 'thé', 'flas', 'flasks', 'x😀', '😀', 'bä', 'naï', 'flask\u0080'])
      expect(read.index.get(word)).toBe(parsed.index.get(word));
  });

  it('answer as a Map does for any vocabulary (seeded)', () => {
    const word = fc.stringMatching(/^[a-zé_]{0,6}$/);
    fc.assert(
      fc.property(fc.array(word, { maxLength: 60 }), fc.array(word, { maxLength: 20 }), (words, others) => {
        const read = readWordTable(encodeWordTable(words, new Float64Array(words.length), 3), PATH, REBUILD);
        const rows = expectedRows(words);
        expect(read.index.size).toBe(rows.size);
        for (const w of [...words, ...others]) expect(read.index.get(w)).toBe(rows.get(w));
      }),
      { seed: 20261206, numRuns: 200 },
    );
  });

  it('are read in place or copied when the bytes do not start on an aligned offset', () => {
    const words = ['alpha', 'beta', 'gamma'];
    const bytes = encodeWordTable(words, Float64Array.from([3, 2, 1]), 4);
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    const read = readWordTable(shifted.subarray(1), PATH, REBUILD);
    expect(Array.from(read.counts)).toEqual([3, 2, 1]);
    expect(words.map((w) => read.index.get(w))).toEqual([0, 1, 2]);
  });

  it('name the file and how to rebuild it when damaged', () => {
    const bytes = encodeWordTable(['alpha', 'beta'], Float64Array.from([1, 2]), 4);
    const notOurs = Buffer.from(bytes);
    notOurs.write('XXXX', 0, 'latin1');
    const truncated = bytes.subarray(0, bytes.length - 1);
    for (const damaged of [notOurs, truncated, bytes.subarray(0, 10)]) {
      const error = failure(() => readWordTable(damaged, PATH, REBUILD));
      expect(error.code).toBe('INVALID_DATA');
      expect(error.details['file']).toBe(PATH);
      expect(error.message).toContain(REBUILD);
    }
  });

  it('report a table that points outside the file when a lookup reaches it', () => {
    const bytes = Buffer.from(encodeWordTable(['alpha'], Float64Array.from([1]), 4));
    const slots = 24 + 8;
    // Every slot of the table names a row the file does not hold.
    for (let at = slots; at < slots + 4 * 16; at += 4) bytes.writeInt32LE(9, at);
    const read = readWordTable(bytes, PATH, REBUILD);
    const error = failure(() => read.index.get('alpha'));
    expect(error.code).toBe('INVALID_DATA');
    expect(error.details['file']).toBe(PATH);
  });
});
