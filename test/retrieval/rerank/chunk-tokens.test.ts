/**
 * A chunk's stored words (src/retrieval/rerank/chunk-tokens.ts): they read back as tokenizing and
 * stemming the chunk's text gives them, the file reranker's features are the same with and without them,
 * and a blob that is of another version or does not fit its chunk is ignored.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CHUNK_TOKENS_VERSION,
  decodeChunkTokens,
  encodeChunkTokens,
  rerankText,
} from '../../../src/retrieval/rerank/chunk-tokens.js';
import { fileFeatures } from '../../../src/retrieval/rerank/file-features.js';
import { createWordSimilarities } from '../../../src/retrieval/rerank/similarity.js';
import {
  encodeTranslationTable,
  translationTableOf,
} from '../../../src/retrieval/rerank/translation-table.js';
import type { RerankCandidate } from '../../../src/retrieval/types.js';
import { featureVocabulary } from '../../../src/retrieval/wordvec/feature-vocabulary.js';
import { tokenize } from '../../../src/text/analyze.js';
import { WINK_PORTER2 } from '../../../src/text/stemmers.js';
import { candidate, chunk } from './file-fixtures.js';

const stem = WINK_PORTER2.stem;

/** The words and stems a blob reads back as, token by token. */
function readBack(blob: Uint8Array | null, c: { headings: string[]; text: string }) {
  const stored = decodeChunkTokens(blob ?? undefined, c);
  if (stored === undefined) return undefined;
  return [...stored.sequence].map((i) => [stored.words[i], stored.stems[i]]);
}

function expected(c: { headings: string[]; text: string }) {
  return tokenize(rerankText(c)).map((word) => [word, stem(word)]);
}

function withTokens(c: RerankCandidate, blobs: Array<Uint8Array | undefined>): RerankCandidate {
  return { ...c, tokens: blobs };
}

describe("a chunk's stored words", () => {
  it('read back as tokenizing and stemming its heading path and text give them', () => {
    const c = {
      headings: ['Streaming Contents', 'Étude — naïve'],
      text: 'Streaming responses: running generators yield chunks; ran, runs, 2nd ÆON_value x² 日本語.',
    };
    expect(readBack(encodeChunkTokens(c, stem), c)).toEqual(expected(c));
    const empty = { headings: [], text: '' };
    expect(readBack(encodeChunkTokens(empty, stem), empty)).toEqual([]);
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 12 }), { maxLength: 3 }),
        fc.array(fc.oneof(fc.constantFrom('running', 'the', 'stems', 'Ünïcode', '42', ' ', '\n', '.')), {
          maxLength: 60,
        }),
        (headings, parts) => {
          const text = parts.join(' ');
          const got = readBack(encodeChunkTokens({ headings, text }, stem), { headings, text });
          expect(got).toEqual(expected({ headings, text }));
        },
      ),
      { seed: 11, numRuns: 200 },
    );
  });

  it('are ignored when of another version, for another text, truncated or out of range', () => {
    const c = { headings: ['Pool'], text: 'The memory pool allocator hands out pinned buffers.' };
    const blob = encodeChunkTokens(c, stem)!;
    const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
    expect(view.getUint32(0, true)).toBe(CHUNK_TOKENS_VERSION);
    const changed = (edit: (copy: Uint8Array, v: DataView) => void) => {
      const copy = Uint8Array.from(blob);
      edit(copy, new DataView(copy.buffer));
      return decodeChunkTokens(copy, c);
    };
    expect(decodeChunkTokens(blob, c)).toBeDefined();
    expect(changed((_, v) => v.setUint32(0, CHUNK_TOKENS_VERSION + 1, true))).toBeUndefined();
    expect(decodeChunkTokens(blob, { ...c, text: `${c.text}!` })).toBeUndefined();
    expect(decodeChunkTokens(blob, { ...c, headings: ['Pool', ''] })).toBeUndefined();
    expect(changed((_, v) => v.setUint16(20, 500, true))).toBeUndefined();
    expect(changed((_, v) => v.setUint32(8, 3, true))).toBeUndefined();
    expect(changed((_, v) => v.setUint32(12, 100_000, true))).toBeUndefined();
    expect(decodeChunkTokens(blob.subarray(0, 10), c)).toBeUndefined();
    expect(decodeChunkTokens(blob.subarray(0, blob.length - 3), c)).toBeUndefined();
    expect(decodeChunkTokens(undefined, c)).toBeUndefined();
  });

  it('give the file reranker the same features as its text, and are what it reads', async () => {
    const head = [
      candidate(
        1,
        [chunk('stream.md', 0, 'Streaming contents: yield the rows from a generator.', ['Streaming'])],
        8,
        0.5,
      ),
      candidate(
        2,
        [
          chunk('files.md', 0, 'Sending files to the browser in parts, bit by bit.', ['Files']),
          chunk('files.md', 1, 'A large export is sent as it is built, never held in memory.'),
        ],
        6,
        0.9,
      ),
      candidate(3, [chunk('other.md', 0, 'Gardening and the weather.')]),
    ];
    const vocabulary = featureVocabulary(
      ['send', 'sending', 'stream', 'streaming', 'export', 'memory', 'the'],
      Float64Array.from([40, 40, 40, 40, 40, 40, 1_000_000]),
      2,
      Float32Array.from([1, 0.1, 0.95, 0.2, 0, 1, 0.1, 1, 0.7, 0.7, 0.3, 0.9, 1, 1]),
    );
    const soft = { vocabulary, similarities: createWordSimilarities() };
    const table = translationTableOf(
      encodeTranslationTable(
        new Map([
          [
            'send',
            [
              ['send', 0.6],
              ['stream', 0.4],
            ],
          ],
        ]),
      ),
      'test',
      'run npm run train:models',
    );
    const blobs = (c: RerankCandidate) =>
      [c.chunk, ...c.others].map((k) => encodeChunkTokens(k, stem) ?? undefined);
    for (const question of ['How do I send a big export bit by bit?', 'streaming export memory']) {
      const plain = await fileFeatures(question, head, soft, table);
      const stored = await fileFeatures(
        question,
        head.map((c) => withTokens(c, blobs(c))),
        soft,
        table,
      );
      expect(stored).toEqual(plain);
      // Only some chunks with stored words: the others are read from their text.
      const some = head.map((c, i) => withTokens(c, i === 1 ? [undefined, blobs(c)[1]] : blobs(c)));
      expect(await fileFeatures(question, some, soft, table)).toEqual(plain);
    }
    // Words stored for another text of the same length are read as they are (so they are what it reads).
    const decoy = chunk('stream.md', 0, 'Gardening: weeds, soil, rain and the compost heaps..', [
      'Streaming',
    ]);
    expect(decoy.text.length).toBe(head[0]!.chunk.text.length);
    const misled = [withTokens(head[0]!, [encodeChunkTokens(decoy, stem)!]), ...head.slice(1)];
    const question = 'How do I stream rows from a generator?';
    expect(await fileFeatures(question, misled, soft, table)).not.toEqual(
      await fileFeatures(question, head, soft, table),
    );
  });
});
