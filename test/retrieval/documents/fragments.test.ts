import { describe, expect, it } from 'vitest';
import { findFragments } from '../../../src/retrieval/documents/fragments.js';
import { page, range } from './shingle-pages.js';

describe('findFragments', () => {
  it('a text source half shown by a larger HTML page is a fragment of the page showing most of it', () => {
    const fragment = page('diff-options.txt', 100, range(0, 40));
    const log = page('git-log.html', 900, [...range(0, 30), ...range(500, 50)], true);
    const show = page('git-show.html', 800, [...range(0, 20), ...range(600, 50)], true);
    expect(findFragments([fragment, log, show])).toEqual(new Map([['diff-options.txt', 'git-log.html']]));
  });

  it('keeps a source mostly its own, one shown only by smaller pages or by other text files, and HTML pages', () => {
    const own = page('rerere.txt', 100, range(0, 40));
    const quoting = page('index.html', 900, [...range(0, 10), ...range(500, 50)], true);
    const small = page('small.html', 50, range(0, 40), true);
    const other = page('notes.txt', 900, range(0, 40));
    expect(findFragments([own, quoting, small, other]).size).toBe(0);
    const part = page('part.html', 100, range(1000, 40), true);
    const whole = page('whole.html', 900, range(1000, 40), true);
    expect(findFragments([part, whole]).size).toBe(0);
  });
});
