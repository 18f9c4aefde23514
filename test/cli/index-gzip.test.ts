/**
 * Gzipped documents through the built CLI: `batuta index --dry-run` shows which are read and the rule that
 * leaves out each other one (a bomb, damaged data, archives, change logs, copies of a page), `batuta index`
 * reads them and counts the rest, `batuta oracle --rag` finds and cites them by their real file names with
 * the inflated text, and a refresh goes by the text's fingerprint.
 */
import { readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { formatBytes } from '../../src/cli/index-dry-run.js';
import {
  CONFIGURATION_MD,
  KEPT,
  LEFT_OUT,
  LEFT_OUT_COUNTS,
  writeGzipTree,
} from '../retrieval/documents/gzip-tree.js';
import { tempDir } from '../temp-dirs.js';
import { runBatuta } from './run-batuta.js';

const home = tempDir('batuta-gzip-cli');
afterAll(() => rmSync(home, { recursive: true, force: true }));
const folder = writeGzipTree(join(home, 'brewctl'));
const db = join(home, 'index.db');

function index(): Record<string, unknown> {
  const run = runBatuta(['index', folder, '--db', db, '--no-dense', '--json'], home);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout).collections[0];
}

function search(question: string) {
  const run = runBatuta(['oracle', '--rag', '--json', '--db', db, '--collection', 'brewctl', question], home);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout).results as Array<{
    source: string;
    lines: [number, number];
    snippet: string;
  }>;
}

describe('gzipped documents (built CLI)', () => {
  it('--dry-run --json lists the gzipped pages to read and the rule for every other file', () => {
    const run = runBatuta(['index', folder, '--dry-run', '--json'], home);
    expect(run.code, run.stderr).toBe(0);
    const plan = JSON.parse(run.stdout).collections[0];
    expect(plan.files.map((file: { source: string }) => file.source)).toEqual(KEPT);
    expect(plan.files).toContainEqual(
      expect.objectContaining({ source: 'guide/user_guide.rst.gz', kind: 'rst' }),
    );
    const rules = Object.fromEntries(
      plan.skipped.map((skip: { source: string; rule: string }) => [skip.source, skip.rule]),
    );
    expect(rules).toEqual(LEFT_OUT);
    expect(plan.summary.byRule).toEqual(LEFT_OUT_COUNTS);
  });

  it('--dry-run in words names the bomb, the damaged file and the change logs with their reasons', () => {
    const run = runBatuta(['index', folder, '--dry-run'], home);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('  index  topics/configuration.md.gz\n');
    expect(run.stdout).toContain(
      '  skip   bomb.md.gz  (inflates to more than 4 MB (a gzip bomb, or a document to split))\n',
    );
    expect(run.stdout).toMatch(/ {2}skip {3}broken\.md\.gz {2}\(damaged gzip data \(.+\)\)\n/);
    expect(run.stdout).toMatch(/ {2}skip {3}changelog\.Debian\.gz {2}\(change log.*\)\n/);
    expect(run.stdout).toContain('  skip   api/fs.md.gz  (source of api/fs.html)\n');
    expect(run.stdout).toMatch(/brewctl: would index 8 files .*; left out 11: changelog 3, damaged 2/);
  });

  it('--dry-run counts the inflated bytes that are searched beside the bytes on disk, alike in words and JSON', () => {
    const run = runBatuta(['index', folder, '--dry-run', '--json'], home);
    expect(run.code, run.stderr).toBe(0);
    const plan = JSON.parse(run.stdout).collections[0];
    type Planned = { source: string; diskSize: number; contentSize: number };
    for (const file of plan.files as Planned[]) {
      const raw = readFileSync(join(folder, file.source));
      expect(file.diskSize).toBe(raw.length);
      expect(file.contentSize).toBe(file.source.endsWith('.gz') ? gunzipSync(raw).length : raw.length);
    }
    const sum = (key: 'diskSize' | 'contentSize') =>
      (plan.files as Planned[]).reduce((total, file) => total + file[key], 0);
    expect(plan.summary).toMatchObject({ diskBytes: sum('diskSize'), contentBytes: sum('contentSize') });
    expect(plan.summary.contentBytes).toBeGreaterThan(plan.summary.diskBytes);
    const text = runBatuta(['index', folder, '--dry-run'], home);
    expect(text.stdout).toContain(
      `would index 8 files (${formatBytes(sum('contentSize'))} once inflated, ${formatBytes(sum('diskSize'))} on disk)`,
    );
  });

  it('indexes the gzipped pages and counts what it left out, without a crash or a read error', () => {
    const summary = index();
    expect(summary).toMatchObject({ collection: 'brewctl', files: 8, added: 8, skipped: [] });
    expect(summary['excluded']).toHaveLength(11);
  });

  it('finds a gzipped page by its real file name and shows its inflated text', () => {
    const [hit] = search('where does brewctl keep its settings file');
    expect(hit).toMatchObject({ source: 'topics/configuration.md.gz', lines: [7, 8] });
    // The snippet starts at line 8: BREWCTL_CONFIG reads as "brewctl config" (search/shown-chunk.ts).
    expect(hit!.snippet).toMatch(/^read first, so the per-user file overrides it\. Set `BREWCTL_CONFIG`/);
    expect(CONFIGURATION_MD.split('\n')[6]).toMatch(/^The per-user file is/);
    const [steep] = search('what temperature does the kettle stop at for oolong leaves');
    expect(steep).toMatchObject({ source: 'guide/user_guide.rst.gz' });
    const [cold] = search('how long does a cold brew sit in the fridge');
    expect(cold).toMatchObject({ source: 'pages/brew.html.gz' });
    expect(cold!.snippet).not.toMatch(/<\/?[a-z]|console\.log/);
    const [debian] = search('why can the kettle serial device be opened without root on Debian');
    expect(debian).toMatchObject({ source: 'README.Debian.gz' });
  });

  it('refreshes by the text: recompressed unchanged text is unchanged, changed text is updated', () => {
    const path = join(folder, 'topics/configuration.md.gz');
    writeFileSync(path, gzipSync(CONFIGURATION_MD, { level: 1 }));
    utimesSync(path, new Date(), new Date(Date.now() + 5000));
    expect(index()).toMatchObject({ added: 0, updated: 0, unchanged: 8 });
    writeFileSync(path, gzipSync(CONFIGURATION_MD.replace('one other file', 'one kettle.toml file')));
    utimesSync(path, new Date(), new Date(Date.now() + 10_000));
    expect(index()).toMatchObject({ added: 0, updated: 1, unchanged: 7 });
    expect(search('where does brewctl keep its settings file')[0]!.snippet).toContain('kettle.toml');
  });
});
