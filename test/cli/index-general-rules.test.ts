/**
 * General hygiene rules through the built CLI, on fixture trees shaped like real Debian folders: a binary
 * file with a text extension, format copies of short pages (DocBook XSL's `fo/` and `html/` parameter
 * pages), compilation pages (a site on one page), the build configuration of a Sphinx or MkDocs source tree
 * and man2html pages. Each rule shows in `--dry-run --json` and the index leaves the file out.
 */
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { type DryRunPlan, dryRunPlan, ruleOf } from './dry-run-plan.js';
import { runBatuta } from './run-batuta.js';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/doc-builders');
const home = tempDir('batuta-general-rules-');
afterAll(() => rmSync(home, { recursive: true, force: true }));

/** The fixture `tree` copied under the test's home as `usr/share/doc/PACKAGE`. */
function copied(tree: string, pkg: string): string {
  const folder = join(home, 'usr', 'share', 'doc', pkg);
  cpSync(join(FIXTURES, tree), folder, { recursive: true });
  return folder;
}

/** Indexes `folder` (BM25 only) into its own database; the JSON summary of the collection. */
function indexed(folder: string, name: string) {
  const run = runBatuta(
    ['index', folder, '--db', join(home, `${name}.db`), '--name', name, '--no-dense', '--json'],
    home,
  );
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout).collections[0];
}

describe('batuta index: general hygiene rules (built CLI)', () => {
  it('a binary file with a text extension is left out by rule binary in the dry-run and in the run alike', () => {
    const folder = join(home, 'blobs');
    mkdirSync(folder);
    writeFileSync(join(folder, 'blob.md'), Buffer.from([0x23, 0x20, 0x41, 0, 1, 2, 0, 3]));
    const alone = runBatuta(['index', folder, '--dry-run', '--json'], home);
    expect(alone.code, alone.stderr).toBe(1);
    const only: DryRunPlan = JSON.parse(alone.stdout).collections[0];
    expect(only.files).toEqual([]);
    expect(ruleOf(only)).toEqual({ 'blob.md': 'binary' });
    const run = runBatuta(['index', folder, '--db', join(home, 'blobs.db'), '--no-dense'], home);
    expect(run.code).toBe(1);
    writeFileSync(join(folder, 'notes.md'), '# Notes\n\nKilns fire clay.\n');
    expect(ruleOf(dryRunPlan(home, folder))).toEqual({ 'blob.md': 'binary' });
    const summary = indexed(folder, 'blobs');
    expect(summary).toMatchObject({ files: 1, added: 1, skipped: [] });
    expect(summary.excluded).toEqual([expect.objectContaining({ source: 'blob.md', rule: 'binary' })]);
  });

  it('short pages whose text is the same under the same name in two format folders are indexed once', () => {
    const docbook = dryRunPlan(home, copied('docbook-formats', 'docbook-kiln-doc-html'));
    expect(docbook.files.map((file) => file.source)).toEqual([
      'doc/fo/glaze.depth.html',
      'doc/fo/paper.type.html',
      'doc/html/kiln.stylesheet.html',
    ]);
    // Each format's index.html is a reference division holding only its table of contents.
    expect(ruleOf(docbook)).toMatchObject({
      'doc/html/glaze.depth.html': 'duplicate',
      'doc/fo/index.html': 'docbook',
      'doc/html/index.html': 'docbook',
    });
  });

  it('a page that puts the other pages together is left out as a compilation; its parts are searched', () => {
    const folder = copied('compilation', 'pottery-guide-doc');
    const p = dryRunPlan(home, folder);
    expect(ruleOf(p)).toEqual({ 'guide.html': 'compilation' });
    const summary = indexed(folder, 'pottery');
    expect(summary.files).toBe(6);
    expect(summary.excluded).toEqual([
      expect.objectContaining({ source: 'guide.html', rule: 'compilation' }),
    ]);
    const search = runBatuta(
      [
        'oracle',
        '--rag',
        '--json',
        '--db',
        join(home, 'pottery.db'),
        '--collection',
        'pottery',
        'trapped air split the pot wedging',
      ],
      home,
    );
    expect(search.code, search.stderr).toBe(0);
    const sources = JSON.parse(search.stdout).results.map((result: { source: string }) => result.source);
    expect(sources[0]).toBe('wedging.html');
    expect(sources).not.toContain('guide.html');
  });

  it("a Sphinx project's conf.py is left out by rule sphinx-source, with a reason naming build configuration", () => {
    const p = dryRunPlan(home, copied('sphinx-project', 'kilnlog-doc'));
    expect(p.files.map((file) => file.source)).toEqual([
      'examples/record.py',
      'guide/conf.py',
      'index.rst',
      'usage.rst',
    ]);
    expect(p.skipped).toContainEqual({
      source: 'conf.py',
      rule: 'sphinx-source',
      reason: 'build configuration of the documentation (sphinx-source: conf.py)',
    });
    const summary = indexed(join(home, 'usr/share/doc/kilnlog-doc'), 'kilnlog');
    expect(summary.files).toBe(4);
  });

  it('a man2html page is searched by command: a result names the builtin it cites, not only the section', () => {
    copied('man2html', 'kilnsh-doc');
    const summary = indexed(join(home, 'usr/share/doc/kilnsh-doc'), 'kilnsh');
    expect(summary.files).toBe(1);
    const search = runBatuta(
      [
        'oracle',
        '--rag',
        '--json',
        '--db',
        join(home, 'kilnsh.db'),
        '--collection',
        'kilnsh',
        'open the vent plug',
      ],
      home,
    );
    expect(search.code, search.stderr).toBe(0);
    const first = JSON.parse(search.stdout).results[0];
    expect(first).toMatchObject({
      source: 'kilnsh.html',
      heading: 'KILNSH > SHELL BUILTIN COMMANDS > vent open|close',
    });
    expect(first.snippet).not.toMatch(/man2html|Return to Main Contents/);
  });
});
