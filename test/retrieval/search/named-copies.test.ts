import { describe, expect, it } from 'vitest';
import { COPIES_NAMED, namedCopies } from '../../../src/retrieval/search/named-copies.js';

describe('namedCopies', () => {
  it('names every copy up to COPIES_NAMED, and counts the rest', () => {
    const places = ['a.md:1-2', 'b.md:1-2', 'c.md:1-2', 'd.md:1-2', 'e.md:1-2'];
    expect(COPIES_NAMED).toBe(3);
    expect(namedCopies(places.slice(0, 1))).toBe('a.md:1-2');
    expect(namedCopies(places.slice(0, 3))).toBe('a.md:1-2, b.md:1-2, c.md:1-2');
    expect(namedCopies(places)).toBe('a.md:1-2, b.md:1-2, c.md:1-2 and 2 more');
  });
});
