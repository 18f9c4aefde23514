/**
 * A Doxygen page whose code example is a Python script with `##` and `#` comments (built CLI), as the Doxygen
 * manual's "Comment blocks in Python": the example is code, so the text after it is cited under its section's
 * title, not under one of the script's comments.
 */
import { cpSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { runBatuta, searchCollection } from './run-batuta.js';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/doxygen-fragments');
const home = tempDir('batuta-doxygen-fragments-');
afterAll(() => rmSync(home, { recursive: true, force: true }));
const folder = join(home, 'hivelog-manual');
cpSync(FIXTURES, folder, { recursive: true });
const db = join(home, 'index.db');

describe('Doxygen code fragments (built CLI)', () => {
  it("cites the text after a commented Python example under its section's title", () => {
    const run = runBatuta(['index', folder, '--db', db, '--no-dense', '--json'], home);
    expect(run.code, run.stderr).toBe(0);
    const search = searchCollection(
      db,
      'hivelog-manual',
      'keep the first sentence of each block short for the summary table',
      home,
    );
    expect(search.code, search.stderr).toBe(0);
    const results: Array<{ source: string; heading: string }> = JSON.parse(search.stdout).results;
    expect(results[0]).toMatchObject({
      source: 'commenting.html',
      heading: 'Commenting the hive scripts > Comments in Python scripts',
    });
    const comments = /Records a swarm|Tracks the swarms|Holds up to four|The hives standing/;
    expect(results.filter((result) => comments.test(result.heading))).toEqual([]);
  });
});
