import { cpSync, existsSync, mkdirSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { dryRunPlan, kept, ruleOf } from './dry-run-plan.js';
import { runBatuta } from './run-batuta.js';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/hygiene');
const home = tempDir('batuta-builders-');
afterAll(() => rmSync(home, { recursive: true, force: true }));

const plan = (folder: string) => dryRunPlan(home, folder);

describe('batuta index --dry-run on the output of each documentation builder (built CLI)', () => {
  it('mdBook: chapters kept; the whole-book print page, search index, contents page, theme and scripts left out', () => {
    const p = plan(join(FIXTURES, 'mdbook'));
    expect(kept(p)).toEqual(['glazes.html', 'intro.html']);
    expect(p.summary.byRule).toEqual({ mdbook: 8 });
    expect(ruleOf(p)['print.html']).toBe('mdbook');
    expect(ruleOf(p)['FontAwesome/']).toBeUndefined();
  });

  it('texinfo (makeinfo, texi2html): nodes kept; index nodes found by name or by their index table, contents and about pages left out', () => {
    const texinfo = plan(join(FIXTURES, 'texinfo'));
    expect(kept(texinfo)).toEqual(['Warping.html']);
    // Its Top node holds the manual's title and a menu (navigation): nothing else to read.
    expect(ruleOf(texinfo)['index.html']).toBe('empty');
    const old = plan(join(FIXTURES, 'texi2html'));
    expect(kept(old)).toEqual(['index.html', 'loom.html', 'loom_1.html']);
    expect(ruleOf(old)).toMatchObject({ 'loom_9.html': 'texinfo', 'loom_toc.html': 'texinfo' });
  });

  it('gtk-doc: API pages kept; API index, index and annotation glossary left out', () => {
    const p = plan(join(FIXTURES, 'gtkdoc'));
    expect(kept(p)).toEqual(['index.html', 'libspool-Bobbins.html']);
    expect(p.summary.byRule).toEqual({ gtkdoc: 4, type: 1 });
  });

  it('Javadoc with frames: class pages kept; frames, trees, indexes and src-html source listings left out', () => {
    const api = join(home, 'usr', 'share', 'doc', 'libloom-java', 'api');
    cpSync(join(FIXTURES, 'javadoc-frames'), api, { recursive: true });
    const p = plan(api);
    expect(p.collection).toBe('libloom-java');
    // The frame set page holds no text (its frames are the pages): left out as empty.
    expect(kept(p)).toEqual(['org/demo/Shuttle.html']);
    expect(ruleOf(p)['src-html/org/demo/Shuttle.html']).toBe('javadoc');
    expect(p.summary.byRule).toEqual({ javadoc: 7, empty: 1 });
  });

  it('Doxygen: directory dependency pages and destructor member lists left out', () => {
    const p = plan(join(FIXTURES, 'doxygen-extra'));
    expect(kept(p)).toEqual(['classAccount.html', 'index.html']);
    expect(p.summary.byRule).toEqual({ doxygen: 3, type: 1 });
  });

  it('MkDocs Material: pages kept; every script of the site left out', () => {
    const p = plan(join(FIXTURES, 'mkdocs-material'));
    expect(kept(p)).toEqual(['guide/index.html', 'index.html']);
    expect(p.summary.byRule).toEqual({ mkdocs: 3 });
  });

  it('pydoctor and epydoc: API pages kept; name, module and class indexes, all-documents, search data and source views left out', () => {
    const pydoctor = plan(join(FIXTURES, 'pydoctor'));
    expect(kept(pydoctor)).toEqual(['index.html', 'loom.Shuttle.html']);
    expect(pydoctor.summary.byRule).toEqual({ pydoctor: 5 });
    const epydoc = plan(join(FIXTURES, 'epydoc'));
    expect(kept(epydoc)).toEqual(['index.html', 'loom.heddle-module.html']);
    expect(epydoc.summary.byRule).toEqual({ epydoc: 5, type: 1 });
  });

  it('Doxygen: the todo, deprecated, bug and custom cross-reference lists left out; a written page with a note kept', () => {
    const p = plan(join(FIXTURES, 'doxygen-xref'));
    expect(kept(p)).toEqual(['classJournal.html', 'closing.html', 'index.html']);
    expect(ruleOf(p)).toMatchObject({
      'bug.html': 'doxygen',
      'deprecated.html': 'doxygen',
      'since_1_2.html': 'doxygen',
      'todo.html': 'doxygen',
    });
  });

  it('MkDocs: the search results page and theme templates copied into the site left out; a page showing template code and a page written in HTML kept', () => {
    const p = plan(join(FIXTURES, 'mkdocs-theme'));
    expect(kept(p)).toEqual(['guide/index.html', 'index.html', 'legacy/press.html']);
    expect(ruleOf(p)).toMatchObject({
      '_includes/footer.html': 'mkdocs',
      '_layouts/default.html': 'mkdocs',
      'overrides/partials/nav.html': 'mkdocs',
      'search.html': 'mkdocs',
    });
  });

  it('gtk-doc: the index of symbols new in each version left out, dotted version numbers included', () => {
    const p = plan(join(FIXTURES, 'gtkdoc-since'));
    expect(kept(p)).toEqual(['index.html', 'libreel-Reels.html']);
    expect(ruleOf(p)).toMatchObject({ 'api-index-0.1.html': 'gtkdoc', 'api-index-2.1.1.html': 'gtkdoc' });
  });

  it('gi-docgen: class, method and namespace pages kept; the class hierarchy, search data and scripts left out', () => {
    const p = plan(join(FIXTURES, 'gi-docgen'));
    expect(kept(p)).toEqual(['class.Spool.html', 'index.html', 'method.Spool.wind.html']);
    expect(ruleOf(p)).toMatchObject({
      'classes_hierarchy.html': 'gidocgen',
      'fzy.js': 'gidocgen',
      'main.js': 'gidocgen',
      'search.js': 'gidocgen',
    });
  });

  it('rustdoc: a folder inside the tree keeps the rules of the markers above it; a re-export copy is indexed once', () => {
    const p = plan(join(FIXTURES, 'rustdoc-nested', 'loomcrate', 'collections'));
    expect(kept(p)).toEqual(['index.html', 'map/struct.Map.html']);
    expect(ruleOf(p)).toEqual({
      'all.html': 'rustdoc',
      'sidebar-items.js': 'rustdoc',
      'struct.Map.html': 'duplicate',
    });
    expect(p.skipped.find((skip) => skip.rule === 'duplicate')?.reason).toBe(
      'nearly the same text as map/struct.Map.html',
    );
  });
});

describe('batuta index on a Debian-style tree with links and odd files (built CLI)', () => {
  const share = join(home, 'usr', 'share');
  const docs = join(share, 'doc', 'libspool-doc');
  const gtkdoc = join(share, 'gtk-doc', 'html', 'libspool');
  mkdirSync(join(docs, 'notes'), { recursive: true });
  cpSync(join(FIXTURES, 'gtkdoc'), gtkdoc, { recursive: true });
  symlinkSync('../../gtk-doc/html/libspool', join(docs, 'libspool'));
  symlinkSync('../../missing/page.html', join(docs, 'gone.html'));
  symlinkSync('..', join(docs, 'notes', 'loop'));
  symlinkSync('README.txt', join(docs, 'notes', 'readme-link.txt'));
  writeFileSync(join(docs, 'notes', 'README.txt'), 'Spool threads are wound onto bobbins.\n');
  const odd = join(home, 'odd');
  mkdirSync(odd);
  writeFileSync(join(odd, 'binary.html'), Buffer.from([0x3c, 0x68, 0x31, 0x3e, 0, 1, 2, 3]));
  writeFileSync(
    join(odd, 'latin1.html'),
    Buffer.from('<h1>Fil de lin</h1><p>Le fil est filé à la main.</p>', 'latin1'),
  );
  writeFileSync(join(odd, 'huge.txt'), 'x'.repeat(5 * 1024 * 1024));
  writeFileSync(join(odd, 'README.txt'), 'Linen is spun from flax.\n');

  it('--dry-run counts each link with where it leads, and names the linked folder to index instead', () => {
    const p = plan(docs);
    expect(p.collection).toBe('libspool-doc');
    expect(kept(p)).toEqual(['notes/README.txt']);
    expect(ruleOf(p)).toEqual({
      'gone.html': 'broken-link',
      libspool: 'link-outside',
      'notes/loop': 'link-loop',
      'notes/readme-link.txt': 'link',
    });
    expect(p.skipped.find((skip) => skip.source === 'libspool')?.folder).toBe(realpathSync(gtkdoc));
    const text = runBatuta(['index', docs, '--dry-run'], home);
    expect(text.stdout).toContain(`  linked folder outside: batuta index ${realpathSync(gtkdoc)}\n`);
  });

  it('a folder whose pages are all behind links fails in one line naming the folder to index', () => {
    const only = join(share, 'doc', 'libspool-links');
    mkdirSync(only);
    symlinkSync('../../gtk-doc/html/libspool', join(only, 'libspool'));
    const db = join(home, 'links.db');
    const run = runBatuta(['index', only, '--db', db, '--no-dense'], home);
    expect(run.code).toBe(2);
    const error = run.stderr
      .trim()
      .split('\n')
      .filter((line) => !line.includes('--no-dense'));
    expect(error).toHaveLength(1);
    expect(error[0]).toContain(`"batuta index ${realpathSync(gtkdoc)}"`);
    expect(existsSync(db)).toBe(false);
    expect(runBatuta(['index', gtkdoc, '--db', db, '--json', '--no-dense'], home).code).toBe(0);
  });

  it('indexing reads a Latin-1 page, skips the binary page and the huge file with reasons, and never crashes', () => {
    expect(ruleOf(plan(odd))).toEqual({ 'binary.html': 'binary', 'huge.txt': 'too-large' });
    const db = join(home, 'odd.db');
    const run = runBatuta(['index', odd, '--db', db, '--json', '--no-dense'], home);
    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout).collections[0];
    expect(summary).toMatchObject({ files: 2, added: 2, skipped: [] });
    expect(summary.excluded).toContainEqual(
      expect.objectContaining({ source: 'binary.html', rule: 'binary' }),
    );
    const read = runBatuta(
      ['oracle', '--rag', '--json', '--db', db, '--collection', 'odd', 'fil de lin'],
      home,
    );
    const first = JSON.parse(read.stdout).results[0];
    expect(first.source).toBe('latin1.html');
    expect(first.snippet).toContain('filé à la main');
  });
});
