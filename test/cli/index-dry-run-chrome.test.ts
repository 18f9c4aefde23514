/**
 * `batuta index DIR --dry-run` names the lines an index run would leave out as repeated chrome: on a themed
 * manual whose pages share a title line, a banner and a box of links, those lines with the pages that lose
 * each (and not the structure the pages repeat as text), the same before and after a run stored what it
 * judged, capped in the text output with the count of the rest; nothing for a folder without HTML pages.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BANNER, TITLE_LINE, writeBannerSite } from '../retrieval/documents/repeated-chrome-sites.js';
import { tempDir } from '../temp-dirs.js';
import { runBatuta } from './run-batuta.js';

const home = tempDir('batuta-dry-run-chrome');
afterAll(() => rmSync(home, { recursive: true, force: true }));

interface Chrome {
  readonly htmlPages: number;
  readonly pages: number;
  readonly lines: ReadonlyArray<{ readonly text: string; readonly pages: number }>;
}

function dryRunChrome(folder: string, db: string): Chrome {
  const run = runBatuta(['index', folder, '--db', db, '--dry-run', '--json'], home);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout).collections[0].chrome;
}

/** Eight pages, each its own text (enough not to be a hub page) under a menu of `links` links. */
function writeMenuSite(folder: string, links: number): string {
  mkdirSync(folder, { recursive: true });
  const menu = Array.from({ length: links }, (_, i) => `<li><a href="s${i}.html">Section ${i}</a></li>`);
  for (let page = 0; page < 8; page += 1) {
    const text = `Page ${page} explains topic ${page} in its own words, step by step, with the reasons for each step. `;
    writeFileSync(
      join(folder, `page${page}.html`),
      `<html><body><ul>${menu.join('')}</ul><h1>Page ${page}</h1><p>${text.repeat(12)}</p></body></html>`,
    );
  }
  return folder;
}

describe('batuta index --dry-run and repeated chrome', () => {
  const anvil = writeBannerSite(join(home, 'anvil'));

  it('lists the title line, banner and box of links every page loses, and writes nothing', () => {
    const db = join(home, 'none.db');
    const chrome = dryRunChrome(anvil, db);
    expect(existsSync(db)).toBe(false);
    expect(chrome).toMatchObject({ htmlPages: 10, pages: 10 });
    const texts = chrome.lines.map((line) => line.text);
    expect(texts).toEqual(expect.arrayContaining([TITLE_LINE, BANNER]));
    for (const link of ['anvil changelog', 'Known issues', 'Report a bug'])
      expect(texts.some((text) => text.endsWith(link))).toBe(true);
    expect(chrome.lines.every((line) => line.pages === 10)).toBe(true);
    // What the pages repeat as text stays: a label, the note and the code block each page words its own way.
    expect(texts.some((text) => /Parameters|leather gloves|anvil strike|Bugfix checklist/.test(text))).toBe(
      false,
    );
  });

  it('names the same lines once an index run stored what it judged of the pages', () => {
    const db = join(home, 'anvil.db');
    const before = dryRunChrome(anvil, db);
    const run = runBatuta(['index', anvil, '--db', db, '--no-dense', '--json'], home);
    expect(run.code, run.stderr).toBe(0);
    expect(dryRunChrome(anvil, db)).toEqual(before);
  });

  it('shows a capped list in the text output with the count of the rest; --json lists every line', () => {
    const menu = writeMenuSite(join(home, 'menu'), 14);
    const db = join(home, 'none.db');
    expect(dryRunChrome(menu, db)).toMatchObject({ htmlPages: 8, pages: 8 });
    expect(dryRunChrome(menu, db).lines).toHaveLength(14);
    const run = runBatuta(['index', menu, '--db', db, '--dry-run'], home);
    expect(run.code, run.stderr).toBe(0);
    const shown = run.stdout.split('\n').filter((line) => line.startsWith('  chrome '));
    expect(shown).toHaveLength(11);
    expect(shown.at(-1)).toContain('4');
    expect(run.stdout).toContain('Section 0');
    expect(run.stdout).not.toContain('Section 13');
  });

  it('has no chrome for a folder without HTML pages', () => {
    const folder = join(home, 'notes');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'guide.md'), '# Guide\n\nSteep the leaves for three minutes.\n');
    expect(dryRunChrome(folder, join(home, 'none.db'))).toEqual({ htmlPages: 0, pages: 0, lines: [] });
    const run = runBatuta(['index', folder, '--db', join(home, 'none.db'), '--dry-run'], home);
    expect(run.stdout).not.toContain('  chrome ');
  });
});
