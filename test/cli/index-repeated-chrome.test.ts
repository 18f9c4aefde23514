/**
 * Repeated chrome through the built CLI: a themed manual whose every page carries a title line, a version
 * banner and a box of links is searched without them (snippets hold none), while an API reference keeps
 * the structure and text it repeats (a method table, a doc comment shared by six of ten pages, a license
 * page that is only its license). A refresh after the banner left most pages re-chunks the unchanged pages
 * that still hold it, so a search finds it there again.
 */
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  BANNER_TOPICS,
  LICENSE,
  writeApiSite,
  writeBannerSite,
} from '../retrieval/documents/repeated-chrome-sites.js';
import { tempDir } from '../temp-dirs.js';
import { runBatuta, searchCollection } from './run-batuta.js';

const home = tempDir('batuta-repeated-chrome-cli');
afterAll(() => rmSync(home, { recursive: true, force: true }));

interface Result {
  readonly source: string;
  readonly snippet: string;
}

const CHROME = /Anvil Forge Server|archived manual|Known issues|Report a bug|anvil changelog/;

function index(folder: string, db: string, name: string) {
  const run = runBatuta(['index', folder, '--db', db, '--name', name, '--no-dense', '--json'], home);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout).collections[0];
}

/** The results of a search; none (exit code 1, an empty list) when no document matches. */
function search(db: string, name: string, question: string): Result[] {
  const run = searchCollection(db, name, question, home);
  expect([0, 1], run.stderr).toContain(run.code);
  return JSON.parse(run.stdout).results;
}

describe('batuta index on pages that repeat chrome', () => {
  it('searches a themed manual without its title line, banner and box of links', () => {
    const db = join(home, 'anvil.db');
    index(writeBannerSite(join(home, 'anvil')), db, 'anvil');
    const found = search(db, 'anvil', 'quenching hardens a blade in brine or oil');
    expect(found[0]!.source).toBe('quenching.html');
    expect(found[0]!.snippet).toMatch(/Quenching hardens a blade/);
    for (const question of [
      'quenching hardens a blade',
      'archived manual for the 3.x series',
      'known issues',
    ]) {
      for (const { snippet } of search(db, 'anvil', question)) expect(snippet).not.toMatch(CHROME);
    }
  });

  it('keeps what an API reference repeats as text: its method table, a shared doc comment, a license page', () => {
    const db = join(home, 'api.db');
    index(writeApiSite(join(home, 'api')), db, 'api');
    const order = search(db, 'api', 'order of visitor methods of implemented interfaces then the superclass');
    expect(order[0]!.snippet).toMatch(/implemented interfaces first, then the superclass/);
    const license = search(db, 'api', 'Apache License Version 2.0 compliance');
    expect(license.map((result) => result.source)).toContain('license.html');
    expect(license.find((result) => result.source === 'license.html')!.snippet).toContain(
      LICENSE.slice(0, 40),
    );
    for (const result of license.filter(({ source }) => source !== 'license.html'))
      expect(result.snippet).not.toContain(LICENSE.slice(0, 40));
  });

  it('a refresh after the banner left most pages chunks again the unchanged pages that still hold it', () => {
    const folder = join(home, 'refresh');
    cpSync(writeBannerSite(join(home, 'refresh-source')), folder, { recursive: true });
    const db = join(home, 'refresh.db');
    index(folder, db, 'refresh');
    const [kept, dropped] = [BANNER_TOPICS.slice(0, 4), BANNER_TOPICS.slice(4)];
    writeBannerSite(folder, dropped);
    const again = index(folder, db, 'refresh');
    expect(again).toMatchObject({ updated: 10, unchanged: 0 });
    const found = search(db, 'refresh', 'archived manual for the 3.x series');
    expect(kept.map((topic) => `${topic}.html`)).toContain(found[0]!.source);
    expect(found[0]!.snippet).toMatch(/archived manual/);
    // Nothing changed since: the next run keeps every chunk.
    expect(index(folder, db, 'refresh')).toMatchObject({ updated: 0, unchanged: 10 });
  });
});
