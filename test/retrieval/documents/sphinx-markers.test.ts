/**
 * A built Sphinx site is told from its markers also without its search index: Debian's python-cmd2-doc ships
 * `objects.inv`, `.buildinfo`, `_static/` and `_sources/` but no `searchindex.js`, and its `_sources/` copies
 * and search page were indexed. An inventory alone (MkDocs with mkdocstrings, pydoctor) is no Sphinx site.
 */
import { describe, expect, it } from 'vitest';
import { detectBuilders } from '../../../src/retrieval/documents/builders.js';

const listing = (files: string[], folders: string[] = []) => ({
  files: new Set(files),
  folders: new Set(folders),
  has: () => false,
  generator: () => '',
});

describe('Sphinx markers', () => {
  it('finds a site without searchindex.js by its build info or its inventory beside its sources', () => {
    expect(detectBuilders(listing(['.buildinfo', 'objects.inv', 'index.html'], ['_static']))).toEqual([
      'sphinx',
    ]);
    expect(detectBuilders(listing(['.buildinfo', 'index.html'], ['_static']))).toEqual(['sphinx']);
    expect(detectBuilders(listing(['objects.inv', 'index.html'], ['_static', '_sources']))).toEqual([
      'sphinx',
    ]);
    expect(detectBuilders(listing(['searchindex.js', 'index.html'], ['_static']))).toEqual(['sphinx']);
  });

  it('takes no inventory alone, nor an inventory beside other folders, for a Sphinx site', () => {
    expect(detectBuilders(listing(['objects.inv', 'index.html', 'sitemap.xml']))).toEqual([]);
    expect(detectBuilders(listing(['objects.inv', 'index.html'], ['_static']))).toEqual([]);
    expect(detectBuilders(listing(['.buildinfo', 'index.html']))).toEqual([]);
  });
});
