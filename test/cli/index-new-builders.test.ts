/**
 * A new user's trial of builders first met in session 10 (built CLI), on fixture trees shaped like Debian's
 * asciidoctor-doc (RDoc), ghc-doc (Haddock), qtbase5-doc-html (qdoc), erlang-doc, bash-doc (texinfo on one
 * page), docbook-xsl-doc-html (DocBook XSL in ISO-8859-1) and doxygen-doc (formulas): what is left out by
 * rule, and what the results' headings and snippets say.
 */
import { cpSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { dryRunPlan } from './dry-run-plan.js';
import { runBatuta, searchCollection } from './run-batuta.js';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/doc-builders');
const home = tempDir('batuta-new-builders-');
afterAll(() => rmSync(home, { recursive: true, force: true }));

interface Result {
  readonly source: string;
  readonly heading: string;
  readonly snippet: string;
}

/** The fixture `tree`, copied under the test's home as `usr/share/doc/PACKAGE/html`. */
function copied(tree: string, pkg: string): string {
  const folder = join(home, 'usr', 'share', 'doc', pkg, 'html');
  cpSync(join(FIXTURES, tree), folder, { recursive: true });
  return folder;
}

/** Indexes `folder` (BM25 only) into its own database and returns a search function over it. */
function indexed(folder: string, name: string): (question: string) => Result[] {
  const db = join(home, `${name}.db`);
  const run = runBatuta(['index', folder, '--db', db, '--name', name, '--no-dense'], home);
  expect(run.code, run.stderr).toBe(0);
  return (question) => {
    const search = searchCollection(db, name, question, home);
    expect(search.code, search.stderr).toBe(0);
    return JSON.parse(search.stdout).results;
  };
}

describe('batuta index on builders first met in session 10 (built CLI)', () => {
  it('RDoc: its contents page, scripts and styles are left out by rule rdoc', () => {
    const rdoc = dryRunPlan(home, copied('rdoc', 'ruby-kiln-doc'));
    expect(rdoc.files.map((file) => file.source)).toEqual(['Kiln/Schedule.html', 'index.html']);
    expect(rdoc.summary.byRule).toEqual({ rdoc: 5 });
  });

  it('Haddock: its index pages, source views and Hoogle file are left out by rule haddock', () => {
    const haddock = dryRunPlan(home, copied('haddock', 'haskell-rings-doc'));
    expect(haddock.files.map((file) => file.source)).toEqual(['Data-Ring.html', 'index.html']);
    expect(haddock.summary.byRule).toEqual({ haddock: 6, type: 1 });
  });

  it('qdoc: the lists of all members are left out by rule qdoc', () => {
    const qdoc = dryRunPlan(home, copied('qdoc', 'qtrings5-doc-html'));
    expect(qdoc.files.map((file) => file.source)).toEqual(['qring.html']);
    expect(qdoc.summary.byRule).toEqual({ qdoc: 2, type: 2 });
  });

  it("RDoc and Haddock results carry no 'toggle source', source copy or 'Source #' link", () => {
    const rdoc = indexed(
      join(home, 'usr/share/doc/ruby-kiln-doc/html'),
      'kiln',
    )('lower the kiln temperature');
    expect(rdoc[0]).toMatchObject({ source: 'Kiln/Schedule.html' });
    expect(rdoc[0]?.heading).toMatch(/ > cool_down\(rate = 80\)$/);
    expect(rdoc.map((result) => result.snippet).join('\n')).not.toMatch(/toggle source|# File lib|@segments/);
    const ring = indexed(
      join(home, 'usr/share/doc/haskell-rings-doc/html'),
      'rings',
    )('turn the ring by n places');
    expect(ring[0]).toMatchObject({
      source: 'Data-Ring.html',
      heading: expect.stringMatching(/^Data\.Ring\b/),
    });
    expect(ring[0]?.snippet).not.toMatch(/Source|#\s*$/);
  });

  it('Erlang/OTP and texinfo: section titles are headings, the index and contents are not results', () => {
    const erlang = indexed(resolve(FIXTURES, 'erlang'), 'erlang')('start the ring server');
    expect(erlang[0]?.heading).toBe('2 Getting Started > 2.1 Starting a Ring Server');
    const texinfo = indexed(resolve(FIXTURES, 'texinfo'), 'kiln-manual')('cooling firing index contents');
    expect(texinfo.length).toBeGreaterThan(0);
    for (const result of texinfo) expect(result.snippet).not.toMatch(/Jump to|Index Entry|Table of Contents/);
  });

  it('Sphinx sources (MyST markdown, reStructuredText): a reference target alone is no result', () => {
    const search = indexed(resolve(FIXTURES, 'sphinx-sources'), 'pip-sources');
    const results = search('requirements file format');
    expect(results[0]).toMatchObject({
      source: 'requirements-file-format.md',
      heading: expect.stringMatching(/^Requirements File Format/),
    });
    const all = [...results, ...search('pip config usage settings')];
    for (const result of all) expect(result.snippet).not.toMatch(/^\(.*\)=$|\.\. _/m);
    for (const result of all) expect(result.heading).not.toBe('');
  });

  it('Doxygen formulas are searched and shown as their TeX', () => {
    const formulas = indexed(resolve(FIXTURES, 'doxygen'), 'matrix')('frobenius norm sqrt');
    expect(formulas[0]).toMatchObject({ source: 'formulas.html', heading: 'Including formulas' });
    expect(formulas[0]?.snippet).toContain('$\\sqrt{\\sum_{ij} a_{ij}^2}$');
  });
});
