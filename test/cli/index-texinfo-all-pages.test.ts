/**
 * A texinfo manual in a Bootstrap template, shaped as Debian 12's ffmpeg-doc manual (built CLI): each tool has
 * an all-in-one page of the same library pages (`kilnctl-all.html`, `kilnlog-all.html`), and each heading
 * carries a `#` and a `TOC` link hidden from screen readers. Both all-in-one pages are compilations (the
 * smaller one is not a part of the larger), and results are headed by the sections' titles alone.
 */
import { cpSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { dryRunPlan, kept, ruleOf } from './dry-run-plan.js';
import { runBatuta, searchCollection } from './run-batuta.js';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/texinfo-all-pages');
const home = tempDir('batuta-texinfo-all-');
afterAll(() => rmSync(home, { recursive: true, force: true }));
const folder = join(home, 'usr', 'share', 'doc', 'kiln', 'manual');
cpSync(FIXTURES, folder, { recursive: true });
const db = join(home, 'index.db');

describe('a texinfo manual with two all-in-one pages (built CLI)', () => {
  it('leaves out both all-in-one pages as compilations and keeps every page they repeat', () => {
    const plan = dryRunPlan(home, folder);
    expect(ruleOf(plan)).toEqual({ 'kilnctl-all.html': 'compilation', 'kilnlog-all.html': 'compilation' });
    expect(kept(plan)).toEqual([
      'kiln-clays.html',
      'kiln-firing.html',
      'kiln-glazes.html',
      'kiln-shelves.html',
      'kilnctl.html',
      'kilnlog.html',
    ]);
  });

  it("answers from the library page, headed by its section's title without the hidden '#' and 'TOC' links", () => {
    const run = runBatuta(['index', folder, '--db', db, '--no-dense', '--json'], home);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).collections[0]).toMatchObject({ collection: 'kiln', files: 6 });
    const search = searchCollection(
      db,
      'kiln',
      'why does my celadon turn darker in the carved grooves',
      home,
    );
    expect(search.code, search.stderr).toBe(0);
    const [first] = JSON.parse(search.stdout).results;
    // The page's short sections are one chunk (the chunker merges small sections), cited by the one that
    // holds the passage.
    expect(first).toMatchObject({
      source: 'kiln-glazes.html',
      heading: 'Glaze recipes > 1 Glaze recipes > 1.1 Celadon',
    });
    expect(first.snippet).toContain('celadon');
    expect(search.stdout).not.toContain('TOC');
  });
});
