import { describe, expect, it } from 'vitest';
import {
  HEADING_WEIGHT,
  questionStems,
  sectionScore,
  shownChunk,
  termsIn,
} from '../../../src/retrieval/search/shown-chunk.js';
import { makeSnippet } from '../../../src/retrieval/search/snippet.js';
import type { Chunk } from '../../../src/retrieval/types.js';

const chunk = (n: number, headings: string[], text: string): Chunk => ({
  id: `api.md#${n}`,
  collection: 'c',
  source: 'api.md',
  component: null,
  headings,
  lines: [n * 10 + 1, n * 10 + 9],
  text,
});

// A file's pooled chunks in first-stage order: the short note dense in the question's words ranks first.
const NOTES = chunk(
  1,
  ['API', 'Notes on Identifiers'],
  'Add a filter to the filter dict as to.str to group filters.',
);
const CUSTOM = chunk(
  2,
  ['API', 'Custom Filters'],
  'Filters are Python functions; register one in Environment.filters.',
);
const BASICS = chunk(0, ['API', 'Basics'], 'An environment loads templates from a folder.');

describe('the chunk that shows a file', () => {
  it('reads question terms as stems, identifiers as their words, stop words left out', () => {
    const q = questionStems('how do I add my own filter?');
    expect([...q.terms].sort()).toEqual(['add', 'filter']);
    expect([...termsIn('Filters: add one', q)].sort()).toEqual(['add', 'filter']);
    expect([...termsIn('call add_filter() or filtering', questionStems('filter'))]).toEqual(['filter']);
    expect([...termsIn('request_finished', questionStems('when is a request finished?'))].sort()).toEqual([
      'finish',
      'request',
    ]);
  });

  it('scores heading terms HEADING_WEIGHT times and text terms once, each distinct term once', () => {
    const q = questionStems('add my own filter');
    expect(sectionScore(NOTES, q)).toBe(2);
    expect(sectionScore(CUSTOM, q)).toBe(HEADING_WEIGHT + 1);
    expect(sectionScore(BASICS, q)).toBe(0);
  });

  it('shows the section whose heading names the question, not the first-stage best chunk', () => {
    expect(shownChunk(questionStems('how do I add my own filter?'), [NOTES, BASICS, CUSTOM])).toBe(2);
  });

  it("counts a merged chunk's member headings as its heading path's: the best member's", () => {
    // A run of small sections merged into one chunk under their parent's path (documents/chunker.ts): its own
    // path names none of the question's words, one member's heading names two.
    const merged: Chunk = {
      ...chunk(3, ['API', 'Reference'], 'Globals\nShared names.\n\nFilter registry\nWhere filters live.'),
      members: [
        { headings: ['API', 'Reference', 'Globals'], lines: [31, 32], from: 0 },
        { headings: ['API', 'Reference', 'Filter registry'], lines: [34, 35], from: 3 },
      ],
    };
    const q = questionStems('where is the filter registry?');
    // the member's heading is a line of the text too: its words count as a heading's, not again as text
    expect(sectionScore(merged, q)).toBe(HEADING_WEIGHT * 2);
    const { members: _, ...whole } = merged;
    expect(sectionScore(whole, q)).toBe(2);
    // a member's heading is read like a path's, so the chunk is read further down the first stage's order too
    expect(sectionScore(merged, q, 7)).toBe(HEADING_WEIGHT * 2);
    const dense = chunk(4, ['API', 'Notes'], 'The registry of filters: where a filter is kept.');
    expect(shownChunk(q, [dense, merged])).toBe(1);
  });

  it('keeps the first-stage order among equals and for a file with one pooled chunk', () => {
    const q = questionStems('environment loads templates');
    expect(shownChunk(q, [BASICS, NOTES])).toBe(0);
    expect(shownChunk(questionStems('nothing matches here'), [NOTES, CUSTOM, BASICS])).toBe(0);
    expect(shownChunk(q, [NOTES])).toBe(0);
  });
});

describe('makeSnippet', () => {
  it('starts at the line with the most distinct question terms and joins the next line', () => {
    const text = 'Intro line.\nRegister a filter with add_filter.\nThen use it.\nUnrelated tail.';
    expect(makeSnippet(questionStems('how do I add a filter?'), text)).toEqual({
      text: 'Register a filter with add_filter. Then use it.',
      line: 1,
    });
  });

  it('skips fence lines and cuts long passages with an ellipsis', () => {
    const text = `\`\`\`\n${'filter '.repeat(60)}\n\`\`\``;
    const snippet = makeSnippet(questionStems('filter'), text, 40);
    expect(snippet.text).toHaveLength(40);
    expect(snippet.text.endsWith('…')).toBe(true);
    expect(snippet.line).toBe(1);
  });

  it('gives the line of the text it starts at, counting empty lines', () => {
    const text = 'Intro.\n\nOther words.\n\nThe filter registry.';
    expect(makeSnippet(questionStems('filter'), text).line).toBe(4);
  });
});
