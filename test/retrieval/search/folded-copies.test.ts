import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  COPY_RESEMBLANCE,
  foldCopies,
  foldQuestion,
  nameParts,
  resemblance,
  type ShownText,
} from '../../../src/retrieval/search/folded-copies.js';
import { type SearchLegs, type SearchRequest, searchLegs } from '../../../src/retrieval/search/hybrid.js';
import { createSearcher } from '../../../src/retrieval/search/searcher.js';
import { questionStems } from '../../../src/retrieval/search/shown-chunk.js';
import type { Chunk } from '../../../src/retrieval/types.js';

const HIVE_OPEN =
  'int hive_open(const char *path, hive **out)\nOpens the hive kept at path and hands back a handle. ' +
  'Parameters: path where the hive file lives; out the handle written on success. Returns zero on success ' +
  'or a negative error code when the file cannot be read.';
const HIVE_CLOSE =
  'void hive_close(hive *h)\nCloses a hive opened by hive_open and frees its buffers. Parameters: h the ' +
  'handle to close. After the call the handle must not be used again by any thread of the program.';
/** A template page: the same text on every page but for the page's own name. */
const token = (name: string): string =>
  `pub struct ${name} {\n    pub span: Span,\n}\n${name.toLowerCase()}\nNo need to remember the name of this type: the Keyword! macro names it for you.`;

const shown = (source: string, text: string): ShownText => ({ source, text });

describe('resemblance', () => {
  it('is 1 for the same words from two files, whatever the markup and spacing', () => {
    expect(resemblance(shown('group_a.html', HIVE_OPEN), shown('group_b.html', HIVE_OPEN))).toBe(1);
    const rendered = `Function: ${HIVE_OPEN.replace(/ /g, '\t')}`;
    expect(resemblance(shown('a.html', HIVE_OPEN), shown('b.html', rendered))).toBeGreaterThan(
      COPY_RESEMBLANCE,
    );
  });

  it('reads template pages that differ only in their own names as the same text', () => {
    const pub = shown('token/struct.Pub.html', token('Pub'));
    const loop = shown('token/struct.Loop.html', token('Loop'));
    // Masked as the file names write them: the keyword "pub" stays, the lower-cased token line differs.
    expect(resemblance(pub, loop)).toBeGreaterThanOrEqual(COPY_RESEMBLANCE);
    // The same texts under names that are not the pages' own differ.
    expect(resemblance({ ...pub, source: 'a.html' }, { ...loop, source: 'b.html' })).toBeLessThan(
      COPY_RESEMBLANCE,
    );
  });

  it('keeps apart texts that share words but say different things, short texts, and one file', () => {
    expect(resemblance(shown('a.html', HIVE_OPEN), shown('b.html', HIVE_CLOSE))).toBeLessThan(
      COPY_RESEMBLANCE,
    );
    expect(resemblance(shown('a.html', 'Hive Internals'), shown('b.html', 'Hive Internals'))).toBe(0);
    expect(resemblance(shown('a.html', HIVE_OPEN), shown('a.html', HIVE_OPEN))).toBe(0);
  });

  it('folds a near copy that holds a few words more (a closing author line)', () => {
    const signed = `${HIVE_OPEN}\nWritten by the hive keepers`;
    expect(resemblance(shown('a.html', HIVE_OPEN), shown('b.html', signed))).toBeGreaterThanOrEqual(
      COPY_RESEMBLANCE,
    );
  });
});

describe('nameParts', () => {
  it('reads the words of snake_case, dotted and lowerCamel names, not prose, hyphens, UpperCamel or letters', () => {
    const parts = nameParts('Call pam_get_item, Assert.assertThrows or getMessage() in std::io');
    expect([...parts].sort()).toEqual(['assert', 'get', 'io', 'item', 'message', 'pam', 'std', 'throws']);
    expect(nameParts('A how-to, i.e. a page, inside <IfModule> for JavaScript.').size).toBe(0);
  });
});

const asking = (question: string) => foldQuestion(question, questionStems(question));
const q = asking('open a hive file');

describe('foldCopies', () => {
  const texts: ShownText[] = [
    shown('group_internal.html', HIVE_OPEN),
    shown('group_api.html', HIVE_OPEN),
    shown('guide.html', HIVE_CLOSE),
    shown('token/struct.Pub.html', token('Pub')),
    shown('token/struct.Loop.html', token('Loop')),
    shown('token/struct.Move.html', token('Move')),
    shown(
      'overview.html',
      'An overview of hives, their files, their handles and the threads that share them.',
    ),
  ];

  it('folds each copy into the first result above it and lists it there, in rank order', () => {
    const folded = foldCopies(texts, (text) => text, 10, q);
    expect(folded.map(({ item, copies }) => [item.source, copies.map((copy) => copy.item.source)])).toEqual([
      ['group_internal.html', ['group_api.html']],
      ['guide.html', []],
      ['token/struct.Pub.html', ['token/struct.Loop.html', 'token/struct.Move.html']],
      ['overview.html', []],
    ]);
    expect(folded[0]!.copies[0]!.resemblance).toBe(1);
  });

  it('reads further down so that copies leave no gap among the first k', () => {
    const read: string[] = [];
    const folded = foldCopies(
      texts,
      (text) => {
        read.push(text.source);
        return text;
      },
      3,
      q,
    );
    expect(folded.map(({ item }) => item.source)).toEqual([
      'group_internal.html',
      'guide.html',
      'token/struct.Pub.html',
    ]);
    // Lazily: nothing after the third kept result is read.
    expect(read).toEqual(texts.slice(0, 4).map((text) => text.source));
  });

  it('keeps alike texts apart when they differ in a word of the question', () => {
    const setItem =
      'int burrow_set_item(burrow *b, int kind, const void *item)\nStores an item of the given kind in the ' +
      'handle; the library keeps its own copy, so the caller may free the item after the call returns.';
    const getItem = setItem.replaceAll('set_item', 'get_item').replace('Stores', 'Reads');
    const pair = [shown('app-guide.html', setItem), shown('module-guide.html', getItem)];
    expect(resemblance(pair[0]!, pair[1]!)).toBeGreaterThanOrEqual(COPY_RESEMBLANCE);
    const asked = (question: string) =>
      foldCopies(pair, (text) => text, 10, asking(question)).map(({ item }) => item.source);
    expect(asked('what kinds of item does the handle keep')).toEqual(['app-guide.html']);
    expect(asked('how do I read an item back from the handle')).toEqual([
      'app-guide.html',
      'module-guide.html',
    ]);
  });

  it('keeps alike texts apart when their names differ in a stop word the question asks ("get")', () => {
    const setItem =
      'int burrow_set_item(burrow *b, int kind, const void *item)\nLets applications and modules update the ' +
      'information of an item kind held by the burrow handle; the kinds are the name, the depth and the owner.';
    const getItem = setItem.replaceAll('set_item', 'get_item').replace('update', 'read');
    const pair = [shown('app-guide.html', setItem), shown('module-guide.html', getItem)];
    expect(resemblance(pair[0]!, pair[1]!)).toBeGreaterThanOrEqual(COPY_RESEMBLANCE);
    const asked = (question: string) =>
      foldCopies(pair, (text) => text, 10, asking(question)).map(({ item, copies }) => [
        item.source,
        copies.length,
      ]);
    // "get" is a stop word: search drops it, but burrow_get_item holds it and burrow_set_item does not.
    expect(asked('how do I get the depth of a burrow handle')).toEqual([
      ['app-guide.html', 0],
      ['module-guide.html', 0],
    ]);
    expect(asked('burrow_get_item depth')).toEqual([
      ['app-guide.html', 0],
      ['module-guide.html', 0],
    ]);
    // A stop word neither name holds, or one both hold, tells nothing apart.
    expect(asked('what is the depth of a burrow handle')).toEqual([['app-guide.html', 1]]);
    const both = pair.map((text) => ({ ...text, text: `${text.text} See burrow_get_item.` }));
    expect(foldCopies(both, (text) => text, 10, asking('how do I get the depth')).length).toBe(1);
  });

  it('keeps everything when nothing is copied, and nothing for no room', () => {
    const distinct = [texts[0]!, texts[2]!, texts[6]!];
    expect(foldCopies(distinct, (text) => text, 10, q).map(({ item }) => item)).toEqual(distinct);
    expect(foldCopies(texts, (text) => text, 0, q)).toEqual([]);
  });
});

/** Chunks of a small collection: two pages that hold the same member docs, and three other pages. */
const CHUNKS: Chunk[] = [
  ['group_internal.html', ['Internals', 'hive_open()'], HIVE_OPEN],
  ['group_api.html', ['API', 'hive_open()'], HIVE_OPEN],
  ['guide.html', ['Guide', 'Closing'], HIVE_CLOSE],
  ['token/struct.Pub.html', ['Struct Pub'], token('Pub')],
  ['token/struct.Loop.html', ['Struct Loop'], token('Loop')],
  ['guide.html', ['Guide', 'Opening'], 'Open a hive before reading it; one handle per thread.'],
].map(([source, headings, text], i) => ({
  id: `${source}#${i === 5 ? 1 : 0}`,
  collection: 'c',
  source: source as string,
  component: null,
  headings: headings as string[],
  lines: [i + 1, i + 5] as const,
  text: text as string,
}));

function legs(order: readonly string[]): SearchLegs {
  const byId = new Map(CHUNKS.map((chunk) => [chunk.id, chunk]));
  return {
    sparse: { search: () => order.map((chunkId, i) => ({ chunkId, score: 10 - i })) },
    dense: null,
    reranker: null,
    chunks: (ids) => new Map(ids.flatMap((id) => (byId.has(id) ? [[id, byId.get(id)!] as const] : []))),
  };
}

const request = (k: number, explain = false): SearchRequest => ({
  question: 'open a hive file',
  k,
  mode: 'bm25',
  rerank: false,
  explain,
});

describe('searchLegs with copies among the results', () => {
  const order = CHUNKS.map((chunk) => chunk.id);

  it('shows each text once, lists the files folded into it, and moves the next results up', async () => {
    const { results, fusion } = await searchLegs(request(3), legs(order));
    expect(results.map((result) => result.source)).toEqual([
      'group_internal.html',
      'guide.html',
      'token/struct.Pub.html',
    ]);
    expect(results[0]!.copies).toEqual([
      { source: 'group_api.html', heading: 'API > hive_open()', lines: [2, 6] },
    ]);
    expect(results[1]).not.toHaveProperty('copies');
    expect(fusion).toBeUndefined();
  });

  it('fills the places copies leave with further sections when the collection has no more files', async () => {
    const { results } = await searchLegs(request(5), legs(order));
    expect(results.map((result) => [result.source, result.heading])).toEqual([
      ['group_internal.html', 'Internals > hive_open()'],
      ['guide.html', 'Guide > Opening'],
      ['token/struct.Pub.html', 'Struct Pub'],
      ['guide.html', 'Guide > Closing'],
    ]);
    expect(results[2]!.copies?.map((copy) => copy.source)).toEqual(['token/struct.Loop.html']);
  });

  it('says what was folded with explain', async () => {
    const { results, fusion } = await searchLegs(request(3, true), legs(order));
    expect(results[0]!.copies).toEqual([
      { source: 'group_api.html', heading: 'API > hive_open()', lines: [2, 6], resemblance: 1 },
    ]);
    expect(fusion?.folded).toBe(1);
  });
});

describe('the built-in specs collection (searched from memory)', () => {
  it('folds copies as a stored collection does', async () => {
    const specsDir = resolve(import.meta.dirname, '../../fixtures/result-copies');
    const searcher = createSearcher({ dbPath: null, models: null, specsDir, specsSnapshot: null });
    const request = {
      question: 'open a burrow file',
      k: 3,
      mode: 'bm25' as const,
      rerank: false,
      explain: false,
    };
    const { results } = await searcher.search('specs', request);
    expect(results).toHaveLength(3);
    const pair = [results[0]!.source, ...(results[0]!.copies ?? []).map((copy) => copy.source)].sort();
    expect(pair).toEqual(['api/handles.md', 'api/internals.md']);
    await searcher.close();
  });
});
