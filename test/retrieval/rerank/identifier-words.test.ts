/**
 * Identifiers in the file reranker's features (src/retrieval/rerank/identifier-words.ts): for a natural
 * question a snake_case name on an API page (`request_finished`) is read as its words, so the question
 * finds them there as it finds them in prose, whether the chunk's words are stored or read from its text;
 * a keyword question keeps names whole.
 */
import { describe, expect, it } from 'vitest';
import { encodeChunkTokens } from '../../../src/retrieval/rerank/chunk-tokens.js';
import { FILE_FEATURE_NAMES, fileFeatures } from '../../../src/retrieval/rerank/file-features.js';
import {
  identifierWords,
  questionWords,
  withIdentifierWords,
} from '../../../src/retrieval/rerank/identifier-words.js';
import {
  encodeTranslationTable,
  translationTableOf,
} from '../../../src/retrieval/rerank/translation-table.js';
import type { RerankCandidate } from '../../../src/retrieval/types.js';
import { WINK_PORTER2 } from '../../../src/text/stemmers.js';
import { candidate, chunk } from './file-fixtures.js';

const col = (name: (typeof FILE_FEATURE_NAMES)[number]) => FILE_FEATURE_NAMES.indexOf(name);
const READ = ['file_coverage', 'best_coverage', 'proximity', 'bigrams', 'translation'] as const;

/** A table in which each question stem explains only itself: the translation column is plain matching. */
const TABLE = translationTableOf(
  encodeTranslationTable(
    new Map(['request', 'finish', 'url', 'build'].map((stem) => [stem, [[stem, 1] as [string, number]]])),
  ),
  'test',
  'run npm run train:models',
);

/** The same candidates with every chunk's words stored, as an indexed collection hands them over. */
function stored(head: readonly RerankCandidate[]): RerankCandidate[] {
  return head.map((c) => ({
    ...c,
    tokens: [c.chunk, ...c.others].map((k) => encodeChunkTokens(k, WINK_PORTER2.stem) ?? undefined),
  }));
}

describe('identifier words', () => {
  it('splits snake_case names into their words and leaves other tokens whole', () => {
    expect(identifierWords('request_finished')).toEqual(['request', 'finished']);
    expect(identifierWords('__init__')).toEqual(['init']);
    expect(identifierWords('max_content_length')).toEqual(['max', 'content', 'length']);
    expect(identifierWords('_')).toEqual([]);
    expect(identifierWords('teardown')).toEqual(['teardown']);
    expect(questionWords('When is request_finished sent?', true)).toEqual(['request', 'finished', 'sent']);
    expect(questionWords('request_finished sent', false)).toEqual(['request_finished', 'sent']);
  });

  it('replaces identifiers by their words in a sequence of word ids, and returns a plain one as it is', () => {
    const parts = [null, Int32Array.of(2, 3), null, null];
    const plain = Int32Array.of(0, 2, 3);
    expect(withIdentifierWords(plain, parts)).toBe(plain);
    expect([...withIdentifierWords(Int32Array.of(0, 1, 0), parts)]).toEqual([0, 2, 3, 0]);
    expect([...withIdentifierWords(Int32Array.of(1), [null, Int32Array.of()])]).toEqual([]);
  });
});

describe('the reranker features over identifiers', () => {
  // The API page names the signal; the prose page says the same words; the third page says neither.
  const head = [
    candidate(1, [chunk('api.md', 0, 'Signal request_finished is sent when the response is done.')], 3, 0.5),
    candidate(
      2,
      [chunk('prose.md', 0, 'Signal request finished is sent when the response is done.')],
      3,
      0.5,
    ),
    candidate(
      3,
      [chunk('garden.md', 0, 'Gardening notes about weather and soil and the rain today.')],
      1,
      0.1,
    ),
  ];

  it("finds a natural question's word written inside a name as it finds it in prose", async () => {
    const question = 'How do I know when a request finished?';
    const [api, prose, garden] = await fileFeatures(question, head, undefined, TABLE);
    for (const name of READ) expect(api![col(name)], name).toBeCloseTo(prose![col(name)]!, 10);
    expect(api![col('file_coverage')]).toBeGreaterThan(garden![col('file_coverage')]!);
    expect(api![col('bigrams')]).toBeGreaterThan(0);
    expect(api![col('proximity')]).toBeGreaterThan(0);
  });

  it('keeps names whole for a keyword question, which matches a typed name exactly', async () => {
    const [api, prose] = await fileFeatures('request finished signal', head);
    expect(api![col('file_coverage')]).toBeLessThan(prose![col('file_coverage')]!);
    const [named, spelled] = await fileFeatures('request_finished signal', head);
    expect(named![col('file_coverage')]).toBeGreaterThan(spelled![col('file_coverage')]!);
  });

  it('reads a name in the question as its words too', async () => {
    const urls = [
      candidate(1, [chunk('helpers.md', 0, 'Build a link with url_for(endpoint).', ['flask.url_for'])]),
      candidate(2, [chunk('notes.md', 0, 'Build a link with the url for the endpoint.')]),
    ];
    const [api, prose] = await fileFeatures('How do I use url_for to build a link?', urls);
    expect(api![col('file_coverage')]).toBeCloseTo(prose![col('file_coverage')]!, 10);
    expect(api![col('title_coverage')]).toBeGreaterThan(prose![col('title_coverage')]!);
  });

  it('gives the same rows from stored words as from the text', async () => {
    for (const question of [
      'How do I know when a request finished?',
      'request_finished',
      'request finished',
    ]) {
      expect(await fileFeatures(question, stored(head), undefined, TABLE)).toEqual(
        await fileFeatures(question, head, undefined, TABLE),
      );
    }
  });
});
