import { describe, expect, it } from 'vitest';
import type { SearchResult } from '../../../src/retrieval/search/hybrid.js';
import { labelHeadingless } from '../../../src/retrieval/search/page-labels.js';

const result = (source: string, heading: string, copies?: SearchResult['copies']): SearchResult => ({
  collection: 'c',
  source,
  component: null,
  heading,
  lines: [1, 4],
  score: 1,
  snippet: 'text',
  ...(copies === undefined ? {} : { copies }),
});

describe('labelHeadingless', () => {
  it("labels heading-less results and copies by their page's title, else its file name, and says which", async () => {
    const read: string[] = [];
    const titles: Record<string, string | null> = { 'guide/index.html': 'Kiln Guide', 'notes/log.txt': null };
    const titleOf = async (source: string) => {
      read.push(source);
      return titles[source] ?? null;
    };
    const labelled = await labelHeadingless(
      [
        result('guide/index.html', ''),
        result('api/items.md', 'Items > kiln_get_item', [
          { source: 'notes/log.txt', heading: '', lines: [2, 3] },
          { source: 'api/more.md', heading: 'More', lines: [1, 2] },
        ]),
        result('guide/index.html', ''),
      ],
      titleOf,
    );
    expect(labelled.map((r) => [r.heading, r.headingFrom])).toEqual([
      ['Kiln Guide', 'title'],
      ['Items > kiln_get_item', undefined],
      ['Kiln Guide', 'title'],
    ]);
    expect(labelled[1]).not.toHaveProperty('headingFrom');
    expect(labelled[1]!.copies).toEqual([
      { source: 'notes/log.txt', heading: 'log.txt', headingFrom: 'file name', lines: [2, 3] },
      { source: 'api/more.md', heading: 'More', lines: [1, 2] },
    ]);
    // Each page's title is read once, and only for heading-less results.
    expect(read.sort()).toEqual(['guide/index.html', 'notes/log.txt']);
  });
});
