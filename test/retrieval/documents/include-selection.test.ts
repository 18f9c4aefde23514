/**
 * --include brings back what a selection rule guessed should be left out, when the glob chooses those files
 * on purpose, and never what is left out for safety; --exclude beats it.
 */
import { cpSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type SelectOptions, selectFiles } from '../../../src/retrieval/documents/selection.js';
import { tempDir } from '../../temp-dirs.js';
import { writeGzipTree } from './gzip-tree.js';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/doc-builders');

function writeTree(): string {
  const home = tempDir('batuta-include-');
  const root = writeGzipTree(join(home, 'pkg'));
  cpSync(join(FIXTURES, 'sphinx'), join(root, 'html'), { recursive: true });
  const files: Record<string, string | Buffer> = {
    'setup.cfg': '[metadata]\nname = brewctl\n# the kettle answers on /dev/ttyUSB0\n',
    'docs/setup.cfg': '[tool]\nsteep = 4\n',
    'docs/guide.md': '# Guide\n\nSteep the leaves.\n',
    'blob.dat': Buffer.concat([Buffer.from('header'), Buffer.alloc(64), Buffer.from('tail')]),
    'huge.cfg': 'x = 1\n'.repeat(800_000),
    '.gitignore': 'private/\nscratch.md\n',
    '.batutaignore': 'drafts/*\n!drafts/keep.md\n!html/genindex.html\n',
    'scratch.md': '# Scratch\n\nNotes to self about oolong.\n',
    'private/secret-recipe.md': '# Recipe\n\nTwo spoons of sencha.\n',
    'drafts/wip.md': '# WIP\n',
    'drafts/keep.md': '# Keep\n\nA draft kept by a negated line.\n',
    '.github/CONTRIBUTING.md': '# Contributing\n\nOpen a pull request.\n',
    'node_modules/leftpad/README.md': '# leftpad\n\nPads the left.\n',
  };
  for (const [source, content] of Object.entries(files)) {
    mkdirSync(join(root, source, '..'), { recursive: true });
    writeFileSync(join(root, source), content);
  }
  writeFileSync(join(home, 'outside.md'), '# Outside\n');
  symlinkSync(join(home, 'outside.md'), join(root, 'outside-link.md'));
  return root;
}

const root = writeTree();
const pick = (options: SelectOptions) => {
  const selection = selectFiles(root, options);
  return {
    ...selection,
    sources: selection.files.map((file) => file.source),
    rules: Object.fromEntries(selection.skipped.map((skip) => [skip.source, skip.rule])),
    over: Object.fromEntries(selection.included.map((file) => [file.source, file])),
  };
};

describe('selectFiles: --include over the rules that guess', () => {
  it('without --include the rules leave these files out, as before', () => {
    const { rules, included, unmatchedInclude } = pick({});
    expect(rules).toMatchObject({
      'changelog.gz': 'changelog',
      'html/_sources/index.rst.txt': 'sphinx',
      'html/genindex.html': 'sphinx',
      'setup.cfg': 'type',
      'private/': 'gitignore',
      'scratch.md': 'gitignore',
      'drafts/wip.md': 'batutaignore',
      '.github/': 'hidden',
      'node_modules/': 'vendored',
      'api/fs.md.gz': 'duplicate',
    });
    expect(rules['drafts/keep.md']).toBeUndefined();
    expect(included).toEqual([]);
    expect(unmatchedInclude).toEqual([]);
  });

  it('a glob naming a change log brings it back, read as text, and says over which rule', () => {
    const { files, over, rules } = pick({ include: ['changelog.gz'] });
    expect(files.map((file) => [file.source, file.kind])).toEqual([['changelog.gz', 'text']]);
    expect(files[0]!.inflated?.size).toBeGreaterThan(0);
    expect(over['changelog.gz']).toEqual({
      source: 'changelog.gz',
      glob: 'changelog.gz',
      rules: ['changelog'],
    });
    expect(rules['changelog.Debian.gz']).toBe('include');
  });

  it("'_sources/**' brings back a Sphinx tree's sources; '*.txt' alone does not", () => {
    const sources = pick({ include: ['html/_sources/**'] });
    expect(sources.sources).toEqual(['html/_sources/index.rst.txt', 'html/_sources/quickstart.rst.txt']);
    expect(sources.over['html/_sources/index.rst.txt']?.rules).toEqual(['sphinx']);
    const broad = pick({ include: ['*.txt'] });
    expect(broad.sources).not.toContain('html/_sources/index.rst.txt');
    expect(broad.rules['html/_sources/index.rst.txt']).toBe('sphinx');
  });

  it("'*.cfg' reads text files of an unknown type; 'docs/**' narrows and brings back nothing", () => {
    const cfg = pick({ include: ['*.cfg'] });
    expect(cfg.files.map((file) => [file.source, file.kind])).toEqual([
      ['docs/setup.cfg', 'text'],
      ['setup.cfg', 'text'],
    ]);
    expect(cfg.rules['huge.cfg']).toBe('too-large');
    const docs = pick({ include: ['docs/**'] });
    expect(docs.sources).toEqual(['docs/guide.md']);
    expect(docs.rules['docs/setup.cfg']).toBe('type');
  });

  it('a generated page comes back only when named: *.html keeps genindex.html out', () => {
    expect(pick({ include: ['*.html'] }).rules['html/genindex.html']).toBe('sphinx');
    const named = pick({ include: ['genindex.html'] });
    expect(named.sources).toEqual(['html/genindex.html']);
    expect(named.over['html/genindex.html']?.rules).toEqual(['sphinx']);
  });

  it('ignore-file entries, hidden and vendored folders and copies come back when named', () => {
    const { sources, over } = pick({
      include: ['scratch.md', 'private/**', '.github/**', 'node_modules/leftpad/README.md', 'api/fs.*'],
    });
    expect(sources).toEqual([
      '.github/CONTRIBUTING.md',
      'api/fs.html',
      'api/fs.md.gz',
      'node_modules/leftpad/README.md',
      'private/secret-recipe.md',
      'scratch.md',
    ]);
    expect(over['scratch.md']?.rules).toEqual(['gitignore']);
    expect(over['private/secret-recipe.md']?.rules).toEqual(['gitignore']);
    expect(over['.github/CONTRIBUTING.md']?.rules).toEqual(['hidden']);
    expect(over['node_modules/leftpad/README.md']?.rules).toEqual(['vendored']);
    // The markdown source is a copy of its page and, shown in it, a fragment of it: the glob overrides both.
    expect(over['api/fs.md.gz']?.rules).toEqual(['duplicate', 'fragment']);
  });

  it('never brings back what is left out for safety: links out, binary, damaged, bombs, too large', () => {
    const { sources, rules, included } = pick({
      include: ['outside-link.md', 'blob.dat', 'broken.md.gz', 'bomb.md.gz', 'huge.cfg', 'packed.txt.gz'],
    });
    expect(sources).toEqual([]);
    expect(included).toEqual([]);
    expect(rules).toMatchObject({
      'outside-link.md': 'link-outside',
      'blob.dat': 'binary',
      'broken.md.gz': 'damaged',
      'bomb.md.gz': 'too-large',
      'huge.cfg': 'too-large',
      'packed.txt.gz': 'binary',
    });
  });

  it('--exclude beats --include for the same file or folder', () => {
    const { sources, rules } = pick({
      include: ['changelog.gz', 'private/**'],
      exclude: ['changelog.gz', 'private'],
    });
    expect(sources).toEqual([]);
    expect(rules['changelog.gz']).toBe('exclude');
    expect(rules['private/']).toBe('gitignore');
  });

  it('a negated line in .batutaignore undoes only an ignore line, never a builder rule', () => {
    const { sources, rules } = pick({});
    expect(sources).toContain('drafts/keep.md');
    expect(rules['html/genindex.html']).toBe('sphinx');
  });

  it('names the include globs that matched no file', () => {
    expect(pick({ include: ['changelog.gz', 'CHANGES.txt', 'nope/**'] }).unmatchedInclude).toEqual([
      'CHANGES.txt',
      'nope/**',
    ]);
  });
});
