/**
 * What a new user met indexing documentation folders of builders the hygiene rules were not written on
 * (built CLI): a Debian package named after its documentation tool, MkDocs' 404 page, links to single files
 * outside the folder, Doxygen page titles and tables of contents.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { dryRunPlan } from './dry-run-plan.js';
import { runBatuta, searchCollection } from './run-batuta.js';

const home = tempDir('batuta-unseen-');
afterAll(() => rmSync(home, { recursive: true, force: true }));

/** Writes `files` (path -> content) under `root`. */
function writeTree(root: string, files: Record<string, string>): string {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

const doxygenPage = (title: string, body: string) =>
  '<html><head><title>Doxygen: ' +
  title +
  '</title></head><body><div id="top"><div id="titlearea">Doxygen</div></div>' +
  `<div><div class="header"><div class="headertitle"><div class="title">${title} </div></div></div>` +
  '<div class="contents"><div class="toc"><h3>Table of Contents</h3><ul>' +
  '<li class="level1"><a href="#step1">Step 1: Creating a configuration file</a></li>' +
  '<li class="level1"><a href="#step2">Step 2: Running the generator on the bobbin sources</a></li></ul></div>' +
  `<div class="textblock">${body}</div></div></div></body></html>`;

describe('batuta index on folders of builders it was not written on (built CLI)', () => {
  it('names a package named after its documentation tool after it, not "html"', () => {
    const folder = writeTree(join(home, 'usr', 'share', 'doc', 'doxygen', 'html'), {
      'doxygen.css': 'body {}',
      'index.html': doxygenPage('Overview', '<p>Weaving manual.</p>'),
    });
    expect(dryRunPlan(home, folder).collection).toBe('doxygen');
    const db = join(home, 'names.db');
    const run = runBatuta(['index', folder, '--db', db, '--json', '--no-dense'], home);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).collections[0].collection).toBe('doxygen');
  });

  it('leaves out the 404 page MkDocs writes into every site', () => {
    const site = writeTree(join(home, 'mkdocs-site'), {
      'search/search_index.json': '{"docs": []}',
      'index.html': '<h1>Loom</h1><p>Weave with threads.</p>',
      '404.html': '<h1>404</h1><p>Page not found</p>',
      'user-guide/warping.html': '<h1>Warping</h1><p>Wind the warp on a board.</p>',
    });
    const p = dryRunPlan(home, site);
    expect(p.files.map((file) => file.source)).toEqual(['index.html', 'user-guide/warping.html']);
    expect(p.skipped.find((skip) => skip.source === '404.html')?.rule).toBe('mkdocs');
  });

  it('a link to a single file outside the folder names no folder to index instead', () => {
    const outside = writeTree(join(home, 'etc'), { passwd: 'root:x:0:0:root:/root:/bin/sh\n' });
    const folder = writeTree(join(home, 'linked'), { 'guide.md': '# Guide\n\nSpin the flax.\n' });
    symlinkSync(join(outside, 'passwd'), join(folder, 'passwd.txt'));
    const p = dryRunPlan(home, folder);
    const link = p.skipped.find((skip) => skip.source === 'passwd.txt');
    expect(link?.rule).toBe('link-outside');
    expect(link?.folder).toBeUndefined();
    expect(runBatuta(['index', folder, '--dry-run'], home).stdout).not.toContain('linked folder outside');
  });

  it('re-indexing a folder without --name refreshes the collection that holds it, whatever its name', () => {
    const folder = writeTree(join(home, 'handbook'), { 'keys.md': '# Keys\n\nRotate the signing keys.\n' });
    const db = join(home, 'renamed.db');
    const index = (...extra: string[]) => {
      const run = runBatuta(['index', folder, '--db', db, '--json', '--no-dense', ...extra], home);
      expect(run.code, run.stderr).toBe(0);
      return JSON.parse(run.stdout).collections[0];
    };
    expect(index('--name', 'team')).toMatchObject({ collection: 'team', added: 1 });
    writeFileSync(join(folder, 'tokens.md'), '# Tokens\n\nTokens expire after a day.\n');
    expect(index()).toMatchObject({ collection: 'team', added: 1, unchanged: 1 });
    expect(dryRunPlan(home, folder).collection).toBe('handbook');
    const dry = runBatuta(['index', folder, '--db', db, '--dry-run', '--json'], home);
    expect(JSON.parse(dry.stdout).collections[0].collection).toBe('team');
    const listed = JSON.parse(runBatuta(['collections', '--db', db, '--json'], home).stdout).collections;
    expect(listed.map((c: { name: string }) => c.name)).toEqual(['team']);
  });

  it('re-indexing without --name still repairs a damaged index (its names cannot be read first)', () => {
    const words = Array.from({ length: 400 }, (_, i) => `w${(i * 7919) % 5000}`).join(' ');
    const files = Object.fromEntries(
      Array.from({ length: 60 }, (_, i) => [`d${i}.md`, `# Document ${i}\n\nLooms and ${words} ${i}\n`]),
    );
    const folder = writeTree(join(home, 'weaving'), files);
    const db = join(home, 'damaged.db');
    expect(runBatuta(['index', folder, '--db', db, '--no-dense'], home).code).toBe(0);
    const bytes = readFileSync(db);
    const start = Math.floor((bytes.length * 0.4) / 4096) * 4096;
    for (let i = start; i < Math.min(bytes.length, start + 65536); i += 1) bytes[i] = (i * 2654435761) >>> 24;
    writeFileSync(db, bytes);
    const repair = runBatuta(['index', folder, '--db', db, '--no-dense', '--json'], home);
    expect(repair.code, repair.stderr).toBe(0);
    expect(readdirSync(home).filter((name) => name.startsWith('damaged.db.damaged-'))).toHaveLength(1);
    expect(JSON.parse(repair.stdout).collections[0].collection).toBe('weaving');
    const dry = runBatuta(['index', folder, '--db', db, '--dry-run', '--json'], home);
    expect(dry.code, dry.stderr).toBe(0);
  });

  it('a Doxygen page is found under its title, without its table of contents', () => {
    const folder = writeTree(join(home, 'loom-manual'), {
      'doxygen.css': 'body {}',
      'starting.html': doxygenPage(
        'Getting started',
        '<p>The executable reads a configuration file describing the bobbin sources.</p>' +
          '<h1><a class="anchor" id="step1"></a>Step 1: Creating a configuration file</h1><p>Run the tool with -g to write a template.</p>',
      ),
    });
    const db = join(home, 'doxygen.db');
    const run = runBatuta(['index', folder, '--db', db, '--no-dense'], home);
    expect(run.code, run.stderr).toBe(0);
    const search = searchCollection(db, 'loom-manual', 'executable reads a configuration file', home);
    expect(search.code, search.stderr).toBe(0);
    const first = JSON.parse(search.stdout).results[0];
    expect(first).toMatchObject({ source: 'starting.html', heading: 'Getting started' });
    expect(first.snippet).not.toContain('Table of Contents');
    expect(first.snippet).not.toContain('Running the generator');
  });
});
