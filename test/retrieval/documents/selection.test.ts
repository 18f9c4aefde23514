import { execFileSync } from 'node:child_process';
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { builderRule, detectBuilders } from '../../../src/retrieval/documents/builders.js';
import { selectFiles } from '../../../src/retrieval/documents/selection.js';
import { tempDir } from '../../temp-dirs.js';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/doc-builders');
const pick = (tree: string) => {
  const selection = selectFiles(join(FIXTURES, tree));
  return {
    files: selection.files.map((file) => file.source),
    rules: Object.fromEntries(selection.skipped.map((skip) => [skip.source, skip.rule])),
  };
};

describe('selectFiles: what documentation builders generate', () => {
  it('Sphinx: keeps written pages, leaves out search index, index pages, source copies and assets', () => {
    const { files, rules } = pick('sphinx');
    expect(files).toEqual(['index.html', 'quickstart.html']);
    for (const source of [
      'searchindex.js',
      'genindex.html',
      'search.html',
      'py-modindex.html',
      'objects.inv',
      '_sources/index.rst.txt',
      '_static/doctools.js',
      '_modules/app.html',
      '_images/diagram.svg',
    ])
      expect(rules[source], source).toBe('sphinx');
  });

  it('rustdoc: keeps item pages, leaves out search indexes, source views and settings', () => {
    const { files, rules } = pick('rustdoc');
    expect(files).toEqual(['mycrate/index.html', 'mycrate/struct.Table.html']);
    for (const source of [
      'search-index.js',
      'mycrate/sidebar-items.js',
      'mycrate/all.html',
      'settings.html',
      'help.html',
      'src/mycrate/lib.rs.html',
      'implementors/core/clone/trait.Clone.js',
      'static.files/main-1234.js',
    ])
      expect(rules[source], source).toBe('rustdoc');
  });

  it("rustdoc: leaves out the tool's copyright and the font licences it copies into the root", () => {
    const { rules } = pick('rustdoc');
    for (const source of [
      'COPYRIGHT.txt',
      'FiraSans-LICENSE.txt',
      'SourceSerif4-LICENSE.md',
      'LICENSE-MIT.txt.gz',
    ])
      expect(rules[source], source).toBe('rustdoc');
  });

  it('MkDocs: leaves out the search folder, the sitemap, the site scripts and map files', () => {
    const { files, rules } = pick('mkdocs');
    expect(files).toEqual(['index.html', 'release/index.html']);
    expect(rules['search/search_index.json']).toBe('mkdocs');
    expect(rules['sitemap.xml']).toBe('mkdocs');
    expect(rules['js/theme.min.js']).toBe('mkdocs');
    expect(rules['js/theme.min.js.map']).toBe('map-file');
  });

  it("Node.js's doc tool: leaves out the site's assets (its all-in-one page is a compilation)", () => {
    const { files, rules } = pick('nodedoc');
    expect(files).toEqual(['events.html', 'fs.html', 'index.html', 'path.html']);
    for (const source of ['assets/api.js', 'assets/style.css']) expect(rules[source], source).toBe('nodedoc');
    expect(rules['all.html']).toBe('compilation');
  });

  it('Doxygen and Javadoc: leaves out index pages, member lists and source listings', () => {
    expect(pick('doxygen').files).toEqual(['classMatrix.html', 'formulas.html', 'index.html']);
    const javadoc = pick('javadoc');
    expect(javadoc.files).toEqual(['index.html', 'org/ledger/Account.html']);
    expect(javadoc.rules['org/ledger/class-use/Account.html']).toBe('javadoc');
    expect(javadoc.rules['index-all.html']).toBe('javadoc');
  });

  it('RDoc: keeps class pages and the main page, leaves out its contents page, scripts and styles', () => {
    const { files, rules } = pick('rdoc');
    expect(files).toEqual(['Kiln/Schedule.html', 'index.html']);
    for (const source of [
      'table_of_contents.html',
      'js/darkfish.js',
      'js/navigation.js',
      'js/search_index.js',
      'css/rdoc.css',
    ])
      expect(rules[source], source).toBe('rdoc');
  });

  it('Haddock: keeps module pages and the package page, leaves out its index, source views and Hoogle file', () => {
    const { files, rules } = pick('haddock');
    expect(files).toEqual(['Data-Ring.html', 'index.html']);
    for (const source of [
      'doc-index.html',
      'doc-index-R.html',
      'src/Data-Ring.html',
      'rings.txt',
      'meta.json',
      'haddock-bundle.min.js',
    ])
      expect(rules[source], source).toBe('haddock');
  });

  it('qdoc: keeps class pages, leaves out the generated member lists', () => {
    const { files, rules } = pick('qdoc');
    expect(files).toEqual(['qring.html']);
    expect(rules['qring-members.html']).toBe('qdoc');
    expect(rules['style/offline.css']).toBe('qdoc');
  });

  it('texinfo on one page: a small manual whose index table is in its first 16 KB is the manual, not an index', () => {
    expect(pick('texinfo')).toEqual({ files: ['kiln.html'], rules: {} });
  });

  it('an ordinary tree: src/ is kept, ignore files, copies and bundles are left out', () => {
    const { files, rules } = pick('plain');
    expect(files).toEqual(['README.md', 'guide.html', 'notes/copy-a.md', 'src/convert.py']);
    expect(rules).toMatchObject({
      'scratch/': 'gitignore',
      'notes/wip.tmp.md': 'gitignore',
      'drafts/': 'batutaignore',
      'guide.md': 'duplicate',
      'notes/copy-b.md': 'duplicate',
      'app.bundle.js': 'minified',
      'assets/logo.png': 'type',
    });
  });

  it('--include and --exclude globs narrow the selection; a glob without "/" matches file names', () => {
    const root = join(FIXTURES, 'plain');
    expect(selectFiles(root, { include: ['*.md'] }).files.map((file) => file.source)).toEqual([
      'README.md',
      'guide.md',
      'notes/copy-a.md',
    ]);
    const excluded = selectFiles(root, { exclude: ['notes', 'src/**'] });
    expect(excluded.files.map((file) => file.source)).toEqual(['README.md', 'guide.html']);
    expect(excluded.skipped.find((skip) => skip.source === 'notes/')?.rule).toBe('exclude');
  });

  it('builders are detected from marker files, not from a folder name alone', () => {
    const home = tempDir('batuta-select-');
    afterAll(() => rmSync(home, { recursive: true, force: true }));
    cpSync(join(FIXTURES, 'sphinx'), join(home, 'docs', '_build', 'html'), { recursive: true });
    cpSync(join(FIXTURES, 'plain', 'src'), join(home, 'src'), { recursive: true });
    const { files } = selectFiles(home);
    expect(files.map((file) => file.source)).toEqual([
      'docs/_build/html/index.html',
      'docs/_build/html/quickstart.html',
      'src/convert.py',
    ]);
    const none = {
      files: new Set(['search.html', 'genindex.html']),
      folders: new Set(['src']),
      has: () => false,
      generator: () => '',
    };
    expect(detectBuilders(none)).toEqual([]);
    expect(builderRule('rustdoc', 'deep/src/x.html', () => '')).toBeNull();
  });

  it('gi-docgen is told from its search scripts and data; a lone index.json is not a marker', () => {
    const listing = (names: string[]) => ({
      files: new Set(names),
      folders: new Set<string>(),
      has: () => false,
      generator: () => '',
    });
    expect(detectBuilders(listing(['fzy.js', 'search.js', 'index.json.gz', 'index.html']))).toEqual([
      'gidocgen',
    ]);
    expect(detectBuilders(listing(['search.js', 'index.json', 'index.html']))).toEqual([]);
  });

  it('an MkDocs page is kept when it shows template code; a copied template or fragment is not', () => {
    const page = (body: string) => `<!DOCTYPE html><html lang="en"><head></head><body>${body}</body></html>`;
    const rule = (head: string) => builderRule('mkdocs', 'guide/index.html', () => head);
    expect(rule(page('<pre><code>{% block spine %}{{ book.title }}{% endblock %}</code></pre>'))).toBeNull();
    expect(rule(page('<p>Write <code>{{ page.title }}</code> in the layout.</p>'))).toBeNull();
    expect(rule(page('<p>Cut off inside code</p><pre><code>{% for x in y %}'))).toBeNull();
    expect(rule(page('{% include footer.html %}'))).toBe('mkdocs: theme template');
    expect(rule('<footer>{{ site.owner }} keeps it.</footer>')).toBe('mkdocs: theme template');
    expect(rule('<h1>Legacy page</h1><p>Written in HTML, copied as it is.</p>')).toBeNull();
    expect(builderRule('mkdocs', 'guide/search.html', () => page('<p>Search</p>'))).toBeNull();
  });

  it("Doxygen's graph image maps (.map, HTML <map>) are left out as map files, not as source maps", () => {
    const root = tempDir('doxygen-map');
    cpSync(join(FIXTURES, 'doxygen'), root, { recursive: true });
    writeFileSync(
      join(root, 'classMatrix__coll__graph.map'),
      '<map id="Matrix" name="Matrix">\n<area shape="rect" href="classVector.html" coords="5,5,90,30"/>\n</map>\n',
    );
    const selection = selectFiles(root);
    const skip = selection.skipped.find((entry) => entry.source === 'classMatrix__coll__graph.map');
    expect(skip?.rule).toBe('map-file');
    expect(selection.files.map((file) => file.source)).not.toContain('classMatrix__coll__graph.map');
  });

  it('a Doxygen cross-reference list is told from its markup, not from its name', () => {
    const contents = (inner: string) =>
      `<html><body><div class="header"></div><div class="contents">\n${inner}</div></body></html>`;
    const rule = (head: string) => builderRule('doxygen', 'since_2_12.html', () => head);
    expect(rule(contents('<div class="textblock"><dl class="reflist">\n<dt>Member'))).toBe(
      'doxygen: cross-reference list',
    );
    expect(rule(contents('<div class="textblock"><p>Written.</p><dl class="section note">'))).toBeNull();
  });
});

describe('selectFiles: entries that are not files or folders', () => {
  it('a FIFO is left out by the special rule, and no include glob brings it back', () => {
    const root = tempDir('fifo');
    writeFileSync(join(root, 'boil.md'), '# Boil\n\nWater boils.\n');
    execFileSync('mkfifo', [join(root, 'pipe.md')]);
    for (const include of [[], ['pipe.md']]) {
      const selection = selectFiles(root, { include });
      expect(selection.skipped.filter((skip) => skip.source === 'pipe.md')).toEqual([
        { source: 'pipe.md', rule: 'special', reason: 'a FIFO, not a regular file (never read)' },
      ]);
      expect(selection.files.map((file) => file.source)).toEqual(include.length === 0 ? ['boil.md'] : []);
    }
    rmSync(root, { recursive: true, force: true });
  });
});
