import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeChromeRecord, encodeChromeRecord } from '../../../src/retrieval/documents/chrome-record.js';
import { htmlPage } from '../../../src/retrieval/documents/html.js';
import {
  changedChromeKeys,
  findRepeatedChrome,
  lineKey,
  pageLineKeys,
  type RepeatedChrome,
  repeatedChromeLines,
  withoutRepeatedChrome,
} from '../../../src/retrieval/documents/repeated-chrome.js';
import { selectFiles } from '../../../src/retrieval/documents/selection.js';
import { chromeRechunks } from '../../../src/retrieval/indexing/chrome-sync.js';
import { tempDir } from '../../temp-dirs.js';
import {
  BANNER,
  LICENSE,
  SHARED_COMMENT,
  TITLE_LINE,
  writeApiSite,
  writeBannerSite,
} from './repeated-chrome-sites.js';

const home = tempDir('batuta-repeated-chrome');

/** A page with no links: each line's link counts are zero. */
const plain = (lines: string[]) => ({ lines, lineLinks: lines.map(() => ({ linkWords: 0, links: 0 })) });

/** Chrome where each given line is held by `count` of `pages` pages. */
function chromeOf(pages: number, held: ReadonlyArray<readonly [string, number]>): RepeatedChrome {
  return { pages, lines: new Map(held.map(([line, count]) => [lineKey(line), count])) };
}

describe('repeated chrome of a collection', () => {
  it('finds the body lines on at least half of the pages, none in a collection of fewer than eight pages', () => {
    const page = (extra: string) => pageLineKeys(['# Title', 'shared line', '```', 'code', '```', extra]);
    const pages = Array.from({ length: 10 }, (_, at) => page(at < 5 ? 'half' : `own ${at}`));
    const chrome = findRepeatedChrome(pages);
    expect(chrome.pages).toBe(10);
    expect(new Set(chrome.lines.keys())).toEqual(new Set([lineKey('shared line'), lineKey('half')]));
    expect(chrome.lines.get(lineKey('shared line'))).toBe(10);
    expect(findRepeatedChrome(pages.slice(0, 7)).lines.size).toBe(0);
    // Headings and code are never keyed; whitespace does not make another line.
    expect(pageLineKeys(['# Title', '```', 'code', '```'])).toEqual([]);
    expect(lineKey('  a   b ')).toBe(lineKey('a b'));
  });

  it('removes a banner and a title line held by nearly every page, keeps short repeated labels and notes', () => {
    const chrome = chromeOf(10, [
      [TITLE_LINE, 10],
      ['Important', 9],
      [BANNER, 9],
      ['Note', 10],
      ['Parameters:', 10],
    ]);
    const page = plain([
      TITLE_LINE,
      '# The quenching step',
      'Important',
      BANNER,
      'Quenching hardens a blade.',
      'Note',
      'Wear gloves while quenching.',
      'Parameters:',
      'heat — the colour of the steel',
    ]);
    expect(withoutRepeatedChrome(page, chrome)).toEqual([
      '# The quenching step',
      'Quenching hardens a blade.',
      'Note',
      'Wear gloves while quenching.',
      'Parameters:',
      'heat — the colour of the steel',
    ]);
  });

  it('keeps a long repeated line held by more than half of the pages but not nearly all', () => {
    const chrome = chromeOf(10, [[SHARED_COMMENT, 6]]);
    const page = plain(['# Class LoadInstruction', SHARED_COMMENT]);
    expect(repeatedChromeLines(page, chrome).size).toBe(0);
  });

  it('removes a box of several links held by half of the pages; a single link stays', () => {
    const chrome = chromeOf(10, [
      ['- anvil changelog', 5],
      ['- Known issues', 5],
      ['Package org.example', 6],
    ]);
    const text = { linkWords: 0, links: 0 };
    const link = { linkWords: 2, links: 1 };
    const box = {
      lines: ['# Title', 'Text of its own.', '- anvil changelog', '- Known issues'],
      lineLinks: [text, text, link, link],
    };
    expect(withoutRepeatedChrome(box, chrome)).toEqual(['# Title', 'Text of its own.']);
    const single = { lines: ['# Title', 'Text.', 'Package org.example'], lineLinks: [text, text, link] };
    expect(withoutRepeatedChrome(single, chrome)).toEqual(single.lines);
  });

  it('never removes a heading or code, and a page that is nothing but repeated lines keeps them', () => {
    const chrome = chromeOf(10, [[LICENSE, 10]]);
    expect(withoutRepeatedChrome(plain([LICENSE]), chrome)).toEqual([LICENSE]);
    expect(withoutRepeatedChrome(plain(['# License', LICENSE]), chrome)).toEqual(['# License', LICENSE]);
    const code = plain(['# Setup', LICENSE, '```', LICENSE, '```']);
    expect(withoutRepeatedChrome(code, chrome)).toEqual(['# Setup', '```', LICENSE, '```']);
  });

  it('on real HTML: the banner site loses its banner, title line and box; the API site keeps its structure', () => {
    const banner = selectFiles(writeBannerSite(join(home, 'anvil')));
    const api = selectFiles(writeApiSite(join(home, 'api')));
    const text = (folder: string, chrome: RepeatedChrome, source: string) => {
      const page = htmlPage(readFileSync(join(home, folder, source), 'utf8'));
      return withoutRepeatedChrome(page, chrome);
    };
    const quenching = text('anvil', banner.chrome, 'quenching.html');
    expect(quenching.join('\n')).not.toMatch(/Anvil Forge Server|archived manual|Known issues|Report a bug/);
    expect(quenching).toEqual(
      expect.arrayContaining(['Note', 'Parameters:', '# The quenching step', 'anvil strike --step heat']),
    );
    const load = text('api', api.chrome, 'LoadInstruction.html');
    expect(load).not.toContain(LICENSE);
    expect(load).toEqual(
      expect.arrayContaining([
        'Modifier and Type Method Description',
        'void accept(Visitor v)',
        'Call corresponding visitor method(s).',
        SHARED_COMMENT,
        'Parameters:',
      ]),
    );
    expect(text('api', api.chrome, 'license.html')).toEqual([LICENSE]);
  });
});

describe('keeping chunks in step with the repeated chrome', () => {
  it('names the lines whose verdict changed, and the pages holding them', () => {
    const before = chromeOf(10, [
      ['a', 10],
      ['b', 6],
      ['c', 9],
    ]);
    const after = chromeOf(10, [
      ['a', 10],
      ['b', 9],
      ['d', 5],
    ]);
    expect(changedChromeKeys(before, after)).toEqual(new Set([lineKey('b'), lineKey('c'), lineKey('d')]));
    expect(changedChromeKeys(before, before).size).toBe(0);
    const page = (source: string, lines: string[]) => ({ source, lineKeys: pageLineKeys(lines) });
    const judgement = {
      pages: [page('one.html', ['a', 'x']), page('two.html', ['b']), page('three.md', [])],
      compilations: new Map(),
    } as never;
    const rechunk = chromeRechunks({ chrome: after, judgement }, before);
    expect(['one.html', 'two.html', 'three.md'].map(rechunk)).toEqual([false, true, false]);
    expect(chromeRechunks({ chrome: after, judgement }, undefined)('one.html')).toBe(true);
  });

  it('stores the chrome as a record read back the same; a damaged record is none', () => {
    const chrome = chromeOf(12, [
      ['a', 12],
      ['b', 7],
    ]);
    expect(decodeChromeRecord(encodeChromeRecord(chrome))).toEqual(chrome);
    expect(decodeChromeRecord(null)).toBeUndefined();
    expect(decodeChromeRecord('{"lineKeys":"other","pages":1,"lines":[]}')).toBeUndefined();
    expect(decodeChromeRecord('not json')).toBeUndefined();
  });
});
