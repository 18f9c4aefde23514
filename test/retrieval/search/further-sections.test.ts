import { describe, expect, it } from 'vitest';
import { furtherSections, type ShownFile } from '../../../src/retrieval/search/further-sections.js';
import { questionStems } from '../../../src/retrieval/search/shown-chunk.js';
import { chunk } from '../rerank/file-fixtures.js';

/** A fused item at `score`. */
const ranked = (id: string, score: number) => ({ id, score, ranks: {} });

function member(source: string, n: number, headings: string[], text: string, score: number) {
  const c = chunk(source, n, text, headings);
  return { item: ranked(c.id, score), chunk: c };
}

const q = questionStems('how do I parse a date?');

describe('furtherSections', () => {
  const manual: ShownFile = {
    item: ranked('manual.html#0', 1),
    members: [
      member('manual.html', 0, ['Manual', 'Dates'], 'parse a date with the parser', 0.9),
      member('manual.html', 1, ['Manual', 'Times'], 'times of day', 0.8),
      member(
        'manual.html',
        2,
        ['Manual', 'Dates'],
        'a second chunk of the same section on date parsing',
        0.7,
      ),
      member('manual.html', 3, ['Manual', 'Parsing dates'], 'formats the parser reads', 0.6),
    ],
    shown: 0,
  };
  const notes: ShownFile = {
    item: ranked('notes.md#0', 0.4),
    members: [member('notes.md', 0, ['Notes'], 'a date', 0.5)],
    shown: 0,
  };

  it('gives the other sections of the files, most question terms first, each heading path once', () => {
    const sections = furtherSections([manual, notes], q, 5);
    expect(sections.map((s) => s.chunk.id)).toEqual(['manual.html#3', 'manual.html#1']);
  });

  it('caps each score by the one before, starting below the last file', () => {
    const sections = furtherSections([manual, notes], q, 5);
    expect(sections.map((s) => s.score)).toEqual([0.4, 0.4]);
    const high = furtherSections([manual], q, 5);
    expect(high.map((s) => s.score)).toEqual([0.6, 0.6]);
  });

  it('fills no more than the room left, and nothing when there is none', () => {
    expect(furtherSections([manual], q, 1).map((s) => s.chunk.id)).toEqual(['manual.html#3']);
    expect(furtherSections([manual], q, 0)).toEqual([]);
  });

  it('tells chunks of a file without headings apart by their lines', () => {
    const plain: ShownFile = {
      item: ranked('README#0', 1),
      members: [member('README', 0, [], 'parse a date', 0.9), member('README', 1, [], 'more on dates', 0.5)],
      shown: 0,
    };
    expect(furtherSections([plain], q, 3).map((s) => s.chunk.id)).toEqual(['README#1']);
  });
});
