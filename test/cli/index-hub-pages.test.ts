/**
 * Hub pages and chrome made of links through the built CLI, on a manual shaped like one an XSLT build
 * writes (a menu bar and a breadcrumb above each title, the page's other languages above and below it, a
 * site map and a directive index that only list other pages): the hubs show in `--dry-run --json` with
 * rule `hub`, an `--include` brings one back, pages with many links in their sentences or with a list of
 * their parts amid prose are kept, and what a search cites holds none of the chrome.
 */
import { cpSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { runBatuta } from './run-batuta.js';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/doc-builders');
const home = tempDir('batuta-hub-pages-');
afterAll(() => rmSync(home, { recursive: true, force: true }));

interface Plan {
  readonly files: Array<{ source: string }>;
  readonly skipped: Array<{ source: string; rule: string; reason: string }>;
  readonly summary: { readonly byRule: Record<string, number> };
}

const folder = join(home, 'usr', 'share', 'doc', 'kiln-server-doc', 'manual', 'en');
cpSync(join(FIXTURES, 'xslt-manual'), folder, { recursive: true });

function plan(...extra: string[]): Plan {
  const run = runBatuta(['index', folder, '--dry-run', '--json', ...extra], home);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout).collections[0];
}

describe('batuta index on hub pages', () => {
  it('leaves out the pages that only list other pages, by rule hub, and keeps pages with links in their text', () => {
    const p = plan();
    expect(p.files.map((file) => file.source)).toEqual([
      'firing.html',
      'mod/mod_firing.html',
      'tutorial.html',
    ]);
    expect(p.skipped.map(({ source, rule }) => ({ source, rule }))).toEqual([
      { source: 'mod/directives.html', rule: 'hub' },
      { source: 'sitemap.html', rule: 'hub' },
    ]);
    expect(p.summary.byRule).toEqual({ hub: 2 });
  });

  it('an --include glob naming a hub page brings it back', () => {
    const p = plan('--include', 'sitemap.html');
    expect(p.files).toEqual([
      expect.objectContaining({
        source: 'sitemap.html',
        included: expect.objectContaining({ rules: ['hub'] }),
      }),
    ]);
  });

  it('a search cites the page that explains, and its text holds no menu, breadcrumb or language list', () => {
    const db = join(home, 'kiln.db');
    const indexed = runBatuta(['index', folder, '--db', db, '--name', 'kiln', '--no-dense', '--json'], home);
    expect(indexed.code, indexed.stderr).toBe(0);
    const search = runBatuta(
      [
        'oracle',
        '--rag',
        '--json',
        '--db',
        db,
        '--collection',
        'kiln',
        'HoldTime directive keeps the kiln at peak',
      ],
      home,
    );
    expect(search.code, search.stderr).toBe(0);
    const results = JSON.parse(search.stdout).results as Array<{ source: string; snippet: string }>;
    expect(results[0]!.source).toBe('mod/mod_firing.html');
    expect(results.map((result) => result.source)).not.toContain('mod/directives.html');
    for (const { snippet } of results) {
      expect(snippet).not.toMatch(/Modules \| Directives|Documentation > Version|Available Languages/);
    }
  });
});
