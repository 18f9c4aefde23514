/**
 * The head's words (src/retrieval/rerank/head-words.ts): a pooled chunk's term positions and word counts,
 * read once per distinct word of the chunk, are exactly what reading it token by token gives (each token
 * looked up, identifiers replaced by their words, each counted word added in order of first occurrence),
 * from stored words or from the text, for natural and keyword questions.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeChunkTokens, rerankText } from '../../../src/retrieval/rerank/chunk-tokens.js';
import {
  chunkPositions,
  emptyWordList,
  type FileCounts,
  type Question,
  type WordList,
  wordId,
} from '../../../src/retrieval/rerank/head-words.js';
import { withIdentifierWords } from '../../../src/retrieval/rerank/identifier-words.js';
import type { Chunk } from '../../../src/retrieval/types.js';
import { tokenize } from '../../../src/text/analyze.js';
import { cachedStem, WINK_PORTER2 } from '../../../src/text/stemmers.js';
import { chunk } from './file-fixtures.js';

const st = cachedStem(WINK_PORTER2.stem, Number.POSITIVE_INFINITY);

function question(words: readonly string[], names: boolean): Question {
  const terms = new Map<string, number>();
  for (const word of words) if (!terms.has(st(word))) terms.set(st(word), terms.size);
  const prefixes = new Set([...words, ...terms.keys()].map((word) => word.slice(0, 3)));
  return { terms, prefixes, count: terms.size, names };
}

/** The token-by-token reading: every token looked up, identifiers expanded, counted words in first order. */
function tokenByToken(chunks: readonly Chunk[], q: Question, head: WordList) {
  const words: number[] = [];
  const counts: number[] = [];
  const positions = chunks.map((c) => {
    const ids = Int32Array.from(tokenize(rerankText(c)), (token) => wordId(head, token, q, st));
    const expanded = withIdentifierWords(ids, head.parts);
    for (const id of expanded) {
      if (head.stop[id]) continue;
      const at = words.indexOf(id);
      if (at >= 0) counts[at]! += 1;
      else {
        words.push(id);
        counts.push(1);
      }
    }
    return Array.from(expanded, (id) => head.term[id]!);
  });
  return { positions, words, counts, list: head.list };
}

function perDistinctWord(chunks: readonly Chunk[], q: Question, head: WordList, store: boolean) {
  const counted: FileCounts = { file: 0, words: [], counts: [] };
  const positions = chunks.map((c) =>
    chunkPositions(c, store ? (encodeChunkTokens(c, st) ?? undefined) : undefined, q, st, head, counted),
  );
  return { positions, words: counted.words, counts: counted.counts, list: head.list };
}

const VOCABULARY = [
  'request',
  'requests',
  'finished',
  'request_finished',
  'a_b_a',
  '__init__',
  '_',
  '__',
  'the',
  'of',
  'is',
  'signal',
  'signals',
  'send_file',
  'file',
  'send',
  'teardown',
  'x_the_y',
];

describe('head words', () => {
  it('reads a chunk as its tokens read one by one would, stored or not, natural or keyword', () => {
    const text = fc.array(fc.constantFrom(...VOCABULARY), { maxLength: 40 }).map((w) => w.join(' '));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(text, fc.array(text, { maxLength: 2 })), { minLength: 1, maxLength: 4 }),
        fc.subarray(['request', 'finished', 'signal', 'file', 'init', 'teardown'], { minLength: 1 }),
        fc.boolean(),
        fc.boolean(),
        (parts, asked, names, store) => {
          const chunks = parts.map(([body, headings], n) => chunk('api.md', n, body, headings));
          const q = question(asked, names);
          expect(perDistinctWord(chunks, q, emptyWordList(), store)).toEqual(
            tokenByToken(chunks, q, emptyWordList()),
          );
        },
      ),
      { seed: 16, numRuns: 300 },
    );
  });

  it('expands identifiers into their words in place and counts their words, never the name itself', () => {
    const head = emptyWordList();
    const counted: FileCounts = { file: 0, words: [], counts: [] };
    const q = question(['request', 'finished'], true);
    const c = chunk('api.md', 0, 'request_finished the max_size_max _ request');
    const positions = chunkPositions(c, encodeChunkTokens(c, st) ?? undefined, q, st, head, counted);
    // "the" and the three words of max_size_max match nothing; "_" stands for no word at all.
    expect(positions).toEqual([0, 1, -1, -1, -1, -1, 0]);
    const counts = Object.fromEntries(counted.words.map((id, i) => [head.list[id], counted.counts[i]]));
    expect(counts).toEqual({ request: 2, finished: 1, max: 2, size: 1 });
    expect(counted.words.map((id) => head.list[id])).toEqual(['request', 'finished', 'max', 'size']);
  });

  it('keeps a name whole for a keyword question and counts nothing without a file to count for', () => {
    const head = emptyWordList();
    const q = question(['request_finished'], false);
    const c = chunk('api.md', 0, 'request_finished request');
    expect(chunkPositions(c, undefined, q, st, head, null)).toEqual([0, -1]);
    expect(head.parts.every((parts) => parts === null)).toBe(true);
  });
});
