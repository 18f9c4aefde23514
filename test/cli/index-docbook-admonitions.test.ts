/**
 * A DocBook XSL book as Debian 12's mutt manual writes it (built CLI): sections hold admonition boxes
 * (`<div class="warning"><h3 class="title">`), and the title page lists the book's tables and examples. The
 * text after a box is cited under its own section's title, not under "Warning" or "Note", and the lists of
 * titles are contents, not text that answers.
 */
import { cpSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { runBatuta, searchCollection } from './run-batuta.js';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/docbook-admonitions');
const home = tempDir('batuta-docbook-notes-');
afterAll(() => rmSync(home, { recursive: true, force: true }));
const folder = join(home, 'hivelog-guide');
cpSync(FIXTURES, folder, { recursive: true });
const db = join(home, 'index.db');

describe('DocBook admonition boxes (built CLI)', () => {
  it("cites the text after a warning box under its section's title", () => {
    const run = runBatuta(['index', folder, '--db', db, '--no-dense', '--json'], home);
    expect(run.code, run.stderr).toBe(0);
    const search = searchCollection(
      db,
      'hivelog-guide',
      'count the frames of capped brood before closing the hive',
      home,
    );
    expect(search.code, search.stderr).toBe(0);
    const [first] = JSON.parse(search.stdout).results;
    expect(first).toMatchObject({
      source: 'hives.html',
      heading: 'Chapter 2. Keeping hives > 1. Inspecting a colony',
    });
    expect(first.snippet).toContain('capped brood');
    expect(search.stdout).not.toMatch(/> (Warning|Note)"/);
  });

  it("does not answer from the title page's lists of tables and examples", () => {
    const search = searchCollection(db, 'hivelog-guide', 'capped brood frames', home);
    expect(search.code, search.stderr).toBe(0);
    const sources = JSON.parse(search.stdout).results.map((result: { source: string }) => result.source);
    expect(sources[0]).toBe('hives.html');
    expect(sources).not.toContain('index.html');
  });
});
