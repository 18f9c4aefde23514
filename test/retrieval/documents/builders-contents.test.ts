import { describe, expect, it } from 'vitest';
import { builderRule, detectBuilders } from '../../../src/retrieval/documents/builders.js';
import { isEmptyPage } from '../../../src/retrieval/documents/empty-pages.js';
import { htmlToText } from '../../../src/retrieval/documents/html.js';

const listing = (names: string[], has: string[] = []) => ({
  files: new Set(names),
  folders: new Set<string>(),
  has: (path: string) => has.includes(path),
  generator: () => '',
});

const title = (name: string) =>
  `<div class="titlepage"><div><div><h2 class="title"><a name="${name}"></a>${name}</h2></div></div></div>`;
const toc =
  '<div class="toc"><p><b>Table of Contents</b></p><dl class="toc"><dt><a href="ch01s01.html">1.1. Warping</a></dt><dd><dl><dt><a href="ch01s02.html">1.2. Beaming</a></dt></dl></dd></dl></div>';
const page = (body: string) =>
  `<html><head><meta name="generator" content="DocBook XSL Stylesheets V1.79.2"></head><body><div class="navheader"><a href="index.html">Prev</a></div>${body}<div class="navfooter"><a href="ch01s01.html">Next</a></div></body></html>`;

describe('DocBook and gtk-doc contents pages', () => {
  const rule = (builder: 'docbook' | 'gtkdoc', head: string) => builderRule(builder, 'ch01.html', () => head);

  it('a chapter, part or section page with only its title and table of contents is a contents page', () => {
    for (const division of ['chapter', 'part', 'reference', 'appendix', 'sect1']) {
      const head = page(`<div class="${division}" lang="en">${title('Warping')}${toc}</div>`);
      expect(rule('docbook', head)).toBe('docbook: contents page');
      expect(rule('gtkdoc', head)).toBe('gtkdoc: contents page');
    }
  });

  it('a division with text of its own, sections on the page, or contents cut off by the head is kept', () => {
    const intro = `<div class="chapter">${title('Threading')}<p>Threading decides the pattern.</p>${toc}</div>`;
    const inline = `<div class="chapter">${title('Finishing')}${toc}<div class="sect1">${title('Fulling')}<p>Full the cloth.</p></div></div>`;
    const after = `<div class="chapter">${title('Warping')}${toc}<p>Measure twice.</p></div>`;
    const cut = page(`<div class="chapter">${title('Warping')}<div class="toc"><dl class="toc"><dt>1.1`);
    for (const body of [intro, inline, after]) expect(rule('docbook', page(body))).toBeNull();
    expect(rule('docbook', cut)).toBeNull();
  });

  it("the book's own front page and pages of other builders are not judged this way", () => {
    const book = page(`<div class="book">${title('Handbook')}${toc}</div>`);
    expect(rule('docbook', book)).toBeNull();
    const chapter = page(`<div class="chapter">${title('Warping')}${toc}</div>`);
    expect(builderRule('sphinx', 'ch01.html', () => chapter)).toBeNull();
  });
});

describe('Sphinx', () => {
  const site = (names: string[], folders: string[]) => ({ ...listing(names), folders: new Set(folders) });

  it('is known without search index, build info or inventory: its search page, _static, its index or _sources', () => {
    // Debian's bind9-doc (genindex.html) and knot-doc (_sources/) ship none of searchindex.js, objects.inv, .buildinfo
    expect(detectBuilders(site(['index.html', 'genindex.html', 'search.html'], ['_static']))).toEqual([
      'sphinx',
    ]);
    expect(detectBuilders(site(['index.html', 'search.html'], ['_static', '_sources']))).toEqual(['sphinx']);
  });

  it('needs all three: a search page beside _static alone is no marker', () => {
    expect(detectBuilders(site(['index.html', 'search.html'], ['_static']))).toEqual([]);
    expect(detectBuilders(site(['index.html', 'genindex.html'], ['_static', '_sources']))).toEqual([]);
    expect(detectBuilders(site(['index.html', 'genindex.html'], ['_static']))).toEqual([]);
    expect(detectBuilders(site(['index.html', 'genindex.html', 'search.html'], ['static']))).toEqual([]);
  });
});

describe('YARD', () => {
  it('is told from its class list beside the list script; a lone class_list.html is not a marker', () => {
    expect(detectBuilders(listing(['class_list.html', 'index.html'], ['js/full_list.js']))).toEqual(['yard']);
    expect(detectBuilders(listing(['class_list.html', 'index.html']))).toEqual([]);
  });
});

describe('ocamldoc', () => {
  it('is known by its indexes beside a signature page; its indexes and signature pages are generated', () => {
    const ocamldoc = ['index.html', 'index_values.html', 'index_modules.html', 'Loom.html', 'type_Loom.html'];
    expect(detectBuilders(listing(ocamldoc))).toEqual(['ocamldoc']);
    expect(detectBuilders(listing(ocamldoc.filter((name) => !name.startsWith('type_'))))).toEqual([]);
    const rule = (name: string) => builderRule('ocamldoc', name, () => '');
    expect(rule('index_values.html')).toBe('ocamldoc: index_values.html');
    expect(rule('type_Loom.Shuttle.html')).toBe('ocamldoc: type_Loom.Shuttle.html');
    expect(rule('Loom.html')).toBeNull();
    expect(rule('index.html')).toBeNull();
  });

  it('its side lists, index, frame set, scripts and styles are left out; class pages are kept', () => {
    const rule = (source: string) => builderRule('yard', source, () => '');
    for (const name of [
      'class_list.html',
      'method_list.html',
      'file_list.html',
      '_index.html',
      'frames.html',
    ])
      expect(rule(name)).toBe(`yard: ${name}`);
    expect(rule('js/app.js')).toBe('yard: js/');
    expect(rule('css/style.css')).toBe('yard: css/');
    for (const source of ['Loom.html', 'Loom/Shuttle.html', 'file.README.html', 'Loom/frames.html'])
      expect(rule(source)).toBeNull();
  });
});

describe('odoc', () => {
  const module = (preamble: string, content: string) =>
    `<body class="odoc"><nav class="odoc-nav"><a href="../index.html">Up</a></nav><header class="odoc-preamble"><h1>Module <code><span>Loom__Shuttle</span></code></h1>${preamble}</header><div class="odoc-content">${content}</div></body>`;
  const rule = (path: string, head: string) => builderRule('odoc', path, () => head);

  it('is known by odoc.css beside index.html; its package list is left out', () => {
    expect(detectBuilders(listing(['index.html', 'odoc.css', 'highlight.pack.js']))).toEqual(['odoc']);
    expect(detectBuilders(listing(['odoc.css']))).toEqual([]);
    expect(rule('index.html', '')).toBe('odoc: index.html');
    expect(rule('loom/index.html', '<h1>loom index</h1><div class="odoc-content"></div>')).toBeNull();
  });

  it("an alias module page with nothing under its title is any builder's empty page; one with a preamble or content is not", () => {
    expect(rule('loom/Loom__Shuttle/index.html', module('', ''))).toBeNull();
    expect(isEmptyPage(htmlToText(module('', '')))).toBe(true);
    expect(isEmptyPage(htmlToText(module('<p>Weaving cloth.</p>', '')))).toBe(false);
    expect(isEmptyPage(htmlToText(module('', '<div class="odoc-spec">val weave</div>')))).toBe(false);
  });
});
