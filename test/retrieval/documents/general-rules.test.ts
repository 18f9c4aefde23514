/**
 * selectFiles' general rules, detected from content and structure rather than one builder's names: binary
 * content behind a text extension, and (below) compilation pages and the build configuration of
 * documentation source trees.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { findCompilations, wordHashes } from '../../../src/retrieval/documents/compilations.js';
import { selectFiles } from '../../../src/retrieval/documents/selection.js';
import { tempDir } from '../../temp-dirs.js';
import { page, range } from './shingle-pages.js';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/doc-builders');
const home = tempDir('batuta-general-');
afterAll(() => rmSync(home, { recursive: true, force: true }));

const pick = (root: string) => {
  const selection = selectFiles(root);
  return {
    files: selection.files.map((file) => file.source),
    rules: Object.fromEntries(selection.skipped.map((skip) => [skip.source, skip.rule])),
  };
};

describe('selectFiles: general rules', () => {
  it('a file with a text extension and a NUL byte in its first 8 KB is binary, as reading finds it', () => {
    const folder = join(home, 'blobs');
    mkdirSync(folder);
    writeFileSync(
      join(folder, 'blob.md'),
      Buffer.concat([Buffer.from('# A\n'.repeat(1000)), Buffer.from([0])]),
    );
    writeFileSync(
      join(folder, 'late.md'),
      Buffer.concat([Buffer.from('# B\n'.repeat(2100)), Buffer.from([0])]),
    );
    writeFileSync(join(folder, 'page.html'), Buffer.from([0x3c, 0x70, 0x3e, 0, 0xff]));
    expect(pick(folder)).toEqual({
      files: ['late.md'],
      rules: { 'blob.md': 'binary', 'page.html': 'binary' },
    });
  });

  it('a page made of several other pages of the folder is a compilation; its parts are kept', () => {
    expect(pick(join(FIXTURES, 'compilation'))).toEqual({
      files: ['clay.html', 'firing.html', 'glazes.html', 'index.html', 'kilns.html', 'wedging.html'],
      rules: { 'guide.html': 'compilation' },
    });
    const skip = selectFiles(join(FIXTURES, 'compilation')).skipped[0];
    expect(skip?.reason).toMatch(/^repeats 5 other pages/);
  });

  it("Node.js's all-in-one page is a compilation like any other (no rule of its own)", () => {
    expect(pick(join(FIXTURES, 'nodedoc')).rules).toEqual({
      'all.html': 'compilation',
      'all.json': 'type',
      'assets/api.js': 'nodedoc',
      'assets/style.css': 'nodedoc',
    });
  });

  it('an include glob that names a compilation brings it back', () => {
    const root = join(FIXTURES, 'compilation');
    const files = selectFiles(root, { include: ['*.html', 'guide.html'] }).files.map((file) => file.source);
    expect(files).toContain('guide.html');
  });

  it('a compilation past the size limit is named a compilation, a large page of its own text too large', () => {
    const folder = join(home, 'large');
    mkdirSync(folder);
    // Long words make a page past 4 MB of few shingles, so the test reads quickly.
    const words = (seed: number) =>
      Array.from({ length: 24_000 }, (_, i) => `w${(seed * 7919 + i * 104729) % 1000003}${'x'.repeat(32)}`);
    const parts = [1, 2, 3, 4, 5].map((seed) => `<h2>Part ${seed}</h2><p>${words(seed).join(' ')}</p>`);
    for (const [index, part] of parts.entries()) writeFileSync(join(folder, `part${index + 1}.html`), part);
    writeFileSync(join(folder, 'all.html'), parts.join('\n'));
    writeFileSync(join(folder, 'big.html'), `<p>${words(9).join(' ').repeat(5)}</p>`);
    const { rules } = pick(folder);
    expect(rules).toEqual({ 'all.html': 'compilation', 'big.html': 'too-large' });
  });
});

describe('selectFiles: build configuration of documentation sources', () => {
  it("a Sphinx project's conf.py is left out; its pages, its examples and a conf.py of no project stay", () => {
    expect(pick(join(FIXTURES, 'sphinx-project'))).toEqual({
      files: ['examples/record.py', 'guide/conf.py', 'index.rst', 'usage.rst'],
      rules: { 'conf.py': 'sphinx-source', Makefile: 'type', 'make.bat': 'type' },
    });
  });

  it("a Docusaurus site's configuration and sidebars are left out; its pages and components stay", () => {
    expect(pick(join(FIXTURES, 'docusaurus-site'))).toEqual({
      files: ['docs/intro.md', 'src/recipe-card.js'],
      rules: { 'docusaurus.config.js': 'docusaurus', 'sidebars.js': 'docusaurus' },
    });
  });

  it('a gzipped conf.py beside a gzipped root document, as Debian ships sources, is left out too', () => {
    const folder = join(home, 'gz-sources');
    mkdirSync(folder);
    writeFileSync(join(folder, 'conf.py.gz'), gzipSync('project = "Kiln Log"\n'));
    writeFileSync(join(folder, 'index.md.gz'), gzipSync('# Kiln Log\n\nEvery firing, recorded.\n'));
    expect(pick(folder)).toEqual({ files: ['index.md.gz'], rules: { 'conf.py.gz': 'sphinx-source' } });
  });
});

describe('findCompilations', () => {
  it('a part, held whole by one larger page, is not a compilation; the larger page of three parts is', () => {
    const parts = [0, 1, 2].map((n) => page(`p${n}`, 100, range(n * 100, 60)));
    const whole = page('whole', 400, [...range(0, 60), ...range(100, 60), ...range(200, 60)]);
    expect([...findCompilations([...parts, whole]).keys()]).toEqual(['whole']);
  });

  it('another compilation is not a part: two all-in-one pages of nearly the same parts are both compilations', () => {
    // As ffmpeg's manual: tool-a-all.html and the slightly larger tool-b-all.html each hold the shared pages and
    // their own tool's page; the smaller all-in-one page must not "explain" the larger one as its one part.
    const shared = [0, 1, 2].map((n) => page(`lib${n}.html`, 100, range(n * 100, 60), true));
    const toolA = page('tool-a.html', 50, range(1000, 10), true);
    const toolB = page('tool-b.html', 60, range(2000, 12), true);
    const libs = [...range(0, 60), ...range(100, 60), ...range(200, 60)];
    const allA = page('tool-a-all.html', 400, [...libs, ...range(1000, 10)], true);
    const allB = page('tool-b-all.html', 410, [...libs, ...range(2000, 12)], true);
    expect([...findCompilations([...shared, toolA, toolB, allA, allB]).keys()].sort()).toEqual([
      'tool-a-all.html',
      'tool-b-all.html',
    ]);
  });

  it('a page that quotes one other page, or draws on too few, is not a compilation', () => {
    const quoted = page('quoted', 100, range(0, 100));
    const quoting = page('quoting', 200, [...range(0, 100), ...range(1000, 20)]);
    const two = [page('a', 100, range(2000, 50)), page('b', 100, range(3000, 50))];
    const ofTwo = page('of-two', 300, [...range(2000, 50), ...range(3000, 50)]);
    expect(findCompilations([quoted, quoting, ...two, ofTwo]).size).toBe(0);
  });

  it('shingles shared by many pages (navigation, footers) count for nothing', () => {
    const chrome = range(9000, 60);
    const pages = range(0, 10).map((n) =>
      page(`p${n}`, n === 9 ? 500 : 100, [...chrome, ...range(n * 100, 20)]),
    );
    expect(findCompilations(pages).size).toBe(0);
  });

  it('an HTML page that shows three text sources is not their compilation; an HTML page of three HTML pages is', () => {
    const sources = [0, 1, 2].map((n) => page(`part${n}.txt`, 100, range(n * 100, 60)));
    const rendered = page('git-log.html', 400, [...range(0, 60), ...range(100, 60), ...range(200, 60)], true);
    expect(findCompilations([...sources, rendered]).size).toBe(0);
    const pages = sources.map((part) => ({
      ...part,
      source: part.source.replace('.txt', '.html'),
      html: true,
    }));
    expect([...findCompilations([...pages, rendered]).keys()]).toEqual(['git-log.html']);
  });

  it('a book on one HTML page beside its chapters and its text copy: the page and the copy are both compilations', () => {
    // As Debian 12's mutt: html/manual.html and manual.txt.gz each hold the chapter pages. The text copy is found
    // a compilation first; a text page found to be one is not a source the HTML page shows.
    const chapters = [0, 1, 2, 3].map((n) => page(`ch${n}.html`, 100, range(n * 100, 60), true));
    const book = [...range(0, 60), ...range(100, 60), ...range(200, 60), ...range(300, 60)];
    const onePage = page('manual.html', 500, book, true);
    const textCopy = page('manual.txt', 450, book);
    expect([...findCompilations([...chapters, onePage, textCopy]).keys()].sort()).toEqual([
      'manual.html',
      'manual.txt',
    ]);
  });

  it('HTML pages that show the same text sources are not parts of one another', () => {
    const sources = [0, 1, 2].map((n) => page(`part${n}.txt`, 100, range(n * 100, 60)));
    const shows = [0, 1, 2].map((n) =>
      page(`git-${n}.html`, 150, [...range(n * 100, 60), ...range(5000 + n * 100, 10)], true),
    );
    const log = page('git-log.html', 500, [...range(0, 60), ...range(100, 60), ...range(200, 60)], true);
    expect(findCompilations([...sources, ...shows, log]).size).toBe(0);
  });
});

describe('wordHashes', () => {
  it('reads a page as the words between its tags: scripts, styles, comments and entities are breaks', () => {
    const page =
      '<p>Fil&eacute; &amp; <b>Fil</b>&#233;<script>var x = "<p>no</p>";</script> A_b c9 &x y<!-- hidden -->' +
      '<style>p { color: red }</style> Été</p>';
    expect(wordHashes('html', page)).toEqual(wordHashes('text', 'fil fil a_b c9 x y été'));
    expect(wordHashes('markdown', '<b>kept</b>')).toEqual(wordHashes('text', 'b kept b'));
  });
});
