/**
 * Documentation builders recognised by their marker files or by the generator their pages name, and the
 * files each one generates that are not written pages (search indexes, index pages, copies of the sources,
 * navigation frames, site scripts). A folder's builder applies to the folder and everything below it, so an
 * ordinary `src/` is only skipped inside a rustdoc tree. A documentation source tree (Sphinx's `conf.py`
 * beside its `index.rst`, Docusaurus's `docusaurus.config.js`) is recognised the same way, and its build
 * configuration, code that only says how to build the pages, is left out; its own scripts are kept.
 */

/** A builder whose output is recognised; `generic` rules apply to every tree. */
export type Builder =
  | 'sphinx'
  | 'rustdoc'
  | 'mkdocs'
  | 'mdbook'
  | 'doxygen'
  | 'javadoc'
  | 'texinfo'
  | 'gtkdoc'
  | 'gidocgen'
  | 'docbook'
  | 'pydoctor'
  | 'epydoc'
  | 'nodedoc'
  | 'rdoc'
  | 'haddock'
  | 'qdoc'
  | 'sphinx-source'
  | 'docusaurus'
  | 'yard'
  | 'ocamldoc'
  | 'odoc';

/** What a folder holds, as far as marker detection needs: its file and sub-folder names. */
export interface FolderListing {
  readonly files: ReadonlySet<string>;
  readonly folders: ReadonlySet<string>;
  /** Whether a file exists at a path relative to the folder (for markers one level down). */
  readonly has: (relative: string) => boolean;
  /** The `<meta name="generator">` values of the folder's index page (or first page), one a line; lazy. */
  readonly generator: () => string;
}

const some = (names: ReadonlySet<string>, test: RegExp) => [...names].some((name) => test.test(name));

/** The builders whose marker files sit in this folder (usually none or one). */
export function detectBuilders(folder: FolderListing): Builder[] {
  const found: Builder[] = [];
  const { files, folders } = folder;
  const pages = some(files, /\.html?$/);
  let named: string | undefined;
  const generator = () => (named ??= pages ? folder.generator() : '');
  if (isSphinxSite(files, folders)) found.push('sphinx');
  if (
    folders.has('static.files') ||
    (some(files, /^search-index.*\.js$/) && some(files, /^(crates|settings)/))
  )
    found.push('rustdoc');
  if (folders.has('search') && folder.has('search/search_index.json')) found.push('mkdocs');
  if (files.has('book.js') && some(files, /^(searchindex\.js(on)?|print\.html)$/)) found.push('mdbook');
  if (files.has('doxygen.css') || files.has('doxygen.svg') || /^doxygen/im.test(generator()))
    found.push('doxygen');
  if (
    files.has('element-list') ||
    (files.has('package-list') && some(files, /^(allclasses|index-all)/)) ||
    (files.has('allclasses-frame.html') && some(files, /^(index-all|overview-tree)\.html$/))
  )
    found.push('javadoc');
  if (some(files, /\.devhelp2?$/) || /^GTK-Doc/im.test(generator())) found.push('gtkdoc');
  else if (/^DocBook XSL/im.test(generator())) found.push('docbook');
  if (files.has('fzy.js') && files.has('search.js') && some(files, /^index\.json(\.gz)?$/))
    found.push('gidocgen');
  if (
    /^(makeinfo|texi2any|texi2html)\b/im.test(generator()) ||
    (some(files, /_toc\.html$/) && some(files, /_(abt|ovr)\.html$/))
  )
    found.push('texinfo');
  if (/^pydoctor\b/im.test(generator()) || (files.has('nameIndex.html') && files.has('moduleIndex.html')))
    found.push('pydoctor');
  if (files.has('epydoc.css') || /^epydoc\b/im.test(generator())) found.push('epydoc');
  if (files.has('all.html') && some(files, /^all\.json(\.gz)?$/) && folder.has('assets/api.js'))
    found.push('nodedoc');
  if (
    files.has('table_of_contents.html') &&
    (files.has('created.rid') || folder.has('js/darkfish.js') || folder.has('css/rdoc.css'))
  )
    found.push('rdoc');
  if (
    files.has('doc-index.html') &&
    some(files, /^(haddock-bundle\.min\.js|haddock-util\.js|quick-jump\.css)$/)
  )
    found.push('haddock');
  if (some(files, /\.qhp$/) && some(files, /\.index$/)) found.push('qdoc');
  if (isSphinxSource(files)) found.push('sphinx-source');
  if (some(files, /^docusaurus\.config\.[cm]?[jt]s$/)) found.push('docusaurus');
  if (files.has('class_list.html') && folder.has('js/full_list.js')) found.push('yard');
  if (files.has('index_values.html') && files.has('index_modules.html') && some(files, /^type_.+\.html$/))
    found.push('ocamldoc');
  if (files.has('odoc.css') && files.has('index.html')) found.push('odoc');
  return found;
}

/**
 * A built Sphinx site: its search index or its build info (`.buildinfo`) beside its static files or its
 * inventory, the inventory beside both its static files and its source copies, or its search page beside its
 * static files and its index page or source copies. Debian's python-cmd2-doc has no `searchindex.js`, its
 * bind9-doc and knot-doc none of the three; an inventory alone is also what MkDocs (mkdocstrings) and pydoctor
 * write.
 */
function isSphinxSite(files: ReadonlySet<string>, folders: ReadonlySet<string>): boolean {
  const beside = folders.has('_static') || files.has('objects.inv');
  if ((files.has('searchindex.js') || files.has('.buildinfo')) && beside) return true;
  const generated = files.has('genindex.html') || folders.has('_sources');
  if (folders.has('_static') && files.has('search.html') && generated) return true;
  return files.has('objects.inv') && folders.has('_static') && folders.has('_sources');
}

/**
 * A Sphinx project's sources: `conf.py` beside a root document (`index` or `contents`, reStructuredText,
 * MyST markdown or text, gzipped as Debian ships them), and no built site (whose `searchindex.js` says so).
 */
function isSphinxSource(files: ReadonlySet<string>): boolean {
  if (!files.has('conf.py') && !files.has('conf.py.gz')) return false;
  return some(files, /^(index|contents)\.(rst|md|txt)(\.gz)?$/) && !files.has('searchindex.js');
}

/** Builders whose rules leave out the build configuration of documentation sources, not generated output. */
const SOURCE_BUILDERS: ReadonlySet<Builder> = new Set(['sphinx-source', 'docusaurus']);

/** Whether `builder` is a documentation source tree's (its rules name build configuration). */
export function isSourceBuilder(builder: Builder): boolean {
  return SOURCE_BUILDERS.has(builder);
}

/** A rule: folders (first path part under the builder's root, or any part) and file-name patterns. */
interface BuilderRules {
  /** Folders skipped when they sit directly in the builder's root folder. */
  readonly rootFolders: readonly string[];
  /** Folders skipped wherever they sit below the builder's root. */
  readonly anyFolders: readonly string[];
  /** File names (anywhere below the builder's root) that are generated. */
  readonly files?: RegExp;
  /** File names that are generated or configuration when they sit directly in the builder's root. */
  readonly rootFiles?: RegExp;
  /** Pages (anywhere below the builder's root) whose first 16 KB match this are generated. */
  readonly content?: RegExp | ((head: string) => boolean);
  /** The files `content` is tested on, HTML pages unless given. */
  readonly contentNames?: RegExp;
  /** What `content` finds, in the rule's name (an index page or file unless given). */
  readonly contentLabel?: string;
  /** Files the builder writes beside other output of its own, told by the names beside them: their label. */
  readonly besideOutput?: (name: string, siblings: ReadonlySet<string>) => string | null;
}

const RULES: Record<Builder, BuilderRules> = {
  sphinx: {
    rootFolders: ['_sources', '_static', '_images', '_modules', '_downloads'],
    anyFolders: [],
    files: /^(searchindex\.js|genindex(-.*)?\.html|search\.html|py-modindex\.html|objects\.inv)$/,
    besideOutput: plotScript,
  },
  rustdoc: {
    rootFolders: [
      'src',
      'implementors',
      'static.files',
      'search.desc',
      'trait.impl',
      'type.impl',
      'src-files',
    ],
    anyFolders: [],
    files:
      /^(search-index.*\.js|sidebar-items.*\.js|settings\.html|help\.html|all\.html|crates.*\.js|source-files.*\.js|search\.js|storage\.js|main\.js)$/,
    // The tool's copyright and licences and those of the fonts it sets pages in, copied into the root by rustdoc
    // before static.files/ (Debian 12's cargo-doc: FiraSans-LICENSE.txt.gz, SourceSerif4-LICENSE.md.gz …).
    rootFiles: /^(COPYRIGHT|LICENSE-(APACHE|MIT)|[A-Za-z0-9]+-LICENSE)\.(txt|md)(\.gz)?$/,
  },
  mkdocs: {
    rootFolders: ['search'],
    anyFolders: [],
    files: /^(sitemap\.xml(\.gz)?|search_index\.json|404\.html)$/,
    // The search results page of the mkdocs and readthedocs themes: the site's navigation and an empty form
    rootFiles: /^search\.html$/,
    content: isThemeTemplate,
    contentLabel: 'theme template',
  },
  mdbook: {
    rootFolders: ['FontAwesome', 'fonts', 'css', 'theme'],
    anyFolders: [],
    files: /^(print|toc|404)\.html$|^searchindex\.json(\.gz)?$|^searchindex\.js$/,
  },
  texinfo: {
    rootFolders: [],
    anyFolders: [],
    files: /^([A-Za-z]+-)*Index\.html$|_(toc|abt|ovr)\.html$/,
    content: isTexinfoIndexNode,
  },
  gtkdoc: {
    rootFolders: [],
    anyFolders: [],
    // `api-index-2.1.1.html`: the symbols new in a version, one index per version the library names
    files: /^(api-index-[\w.-]+|ix\d+|annotation-glossary|object-tree|[\w-]+-hierarchy)\.html$/,
    content: isDocBookContentsPage,
    contentLabel: 'contents page',
  },
  // GNOME's successor to gtk-doc: its search data (`index.json`) is not a document type, its scripts are scripts.
  gidocgen: {
    rootFolders: [],
    anyFolders: [],
    files: /^classes_hierarchy\.html$/,
  },
  docbook: {
    rootFolders: [],
    anyFolders: [],
    files: /^ix\d+\.html$/,
    content: isDocBookContentsPage,
    contentLabel: 'contents page',
  },
  pydoctor: {
    rootFolders: ['fonts'],
    anyFolders: [],
    files:
      /^(all-documents|classIndex|moduleIndex|nameIndex|undoccedSummary)\.html$|^(full)?searchindex\.json$|^objects\.inv$/,
  },
  epydoc: {
    rootFolders: [],
    anyFolders: [],
    files:
      /^(identifier-index(-[\w-]+)?|module-tree|class-tree|help|frames|redirect|toc(-[\w.-]+)?|[\w.-]+-pysrc)\.html$|^api-objects\.txt$/,
  },
  doxygen: {
    rootFolders: ['search'],
    anyFolders: [],
    files:
      /^(files|annotated|classes|hierarchy|inherits|graph_legend|modules|namespaces|pages)\.html$|^(globals|functions|namespacemembers)(_[a-z0-9_~]+)?\.html$|^dir_[0-9a-f_]+\.html$|_source\.html$|-members\.html$|^(dynsections|jquery|menu|menudata|navtree|navtreedata|resize)\.js$/,
    // The todo, deprecated, bug and test lists, and one per custom `\xrefitem` (`since_2_12.html`): each
    // entry is a member's name and the remark its own page already shows.
    content: /<div class="contents">\s*<div class="textblock">\s*<dl class="reflist">/,
    contentLabel: 'cross-reference list',
  },
  // Its all-in-one page `all.html` is left out as a compilation (compilations.ts), as any builder's is.
  nodedoc: {
    rootFolders: ['assets'],
    anyFolders: [],
  },
  rdoc: {
    rootFolders: ['js', 'css', 'fonts'],
    anyFolders: [],
    files: /^(table_of_contents\.html|created\.rid)$/,
  },
  haddock: {
    rootFolders: ['src'],
    anyFolders: [],
    files:
      /^(doc-index(-.+)?\.html|doc-index\.json|index-frames\.html|frames\.html|mini_.+\.html|meta\.json)$/,
    // The package's Hoogle database (`PACKAGE.txt`), every declaration again in one file
    content: /^-- Hoogle documentation, generated by Haddock/,
    contentNames: /\.txt$/i,
  },
  qdoc: {
    rootFolders: ['style', 'scripts'],
    anyFolders: [],
    files: /-members\.html$/,
  },
  // `sphinx-build` reads conf.py; the Makefile and make.bat that run it are not a document type anyway.
  'sphinx-source': {
    rootFolders: [],
    anyFolders: [],
    rootFiles: /^conf\.py$/,
  },
  docusaurus: {
    rootFolders: [],
    anyFolders: [],
    rootFiles: /^(docusaurus\.config|sidebars|babel\.config)\.[cm]?[jt]s$/,
  },
  // Ruby's YARD: the class, method and file lists of its side frame, its alphabetical index and the frame
  // set, each a list of the pages; the README it also writes as `index.html` is a copy (copies.ts).
  yard: {
    rootFolders: ['js', 'css'],
    anyFolders: [],
    rootFiles: /^(_index|class_list|method_list|file_list|tag_list|frames)\.html$/,
  },
  // OCaml's ocamldoc: an index per kind of item (values, types, modules …), each a table of the items with
  // their first sentence, and a `type_M.html` per module holding its signature again without the comments.
  ocamldoc: {
    rootFolders: [],
    anyFolders: [],
    files:
      /^index_(attributes|class_types|classes|exceptions|extensions|methods|module_types|modules|types|values)\.html$|^type_.+\.html$/,
  },
  // OCaml's odoc (as dune runs it): the list of packages at the root. Its pages with nothing under their
  // title (one per module dune hides behind an alias, `Lib__Module`) are any builder's empty pages
  // (empty-pages.ts).
  odoc: {
    rootFolders: [],
    anyFolders: [],
    rootFiles: /^index\.html$/,
  },
  javadoc: {
    rootFolders: ['index-files', 'jquery', 'script-dir', 'legal', 'resources', 'src-html'],
    anyFolders: ['class-use'],
    files:
      /^(index-all|allclasses(-index|-frame|-noframe)?|allpackages-index|overview-tree|package-tree|deprecated-list|constant-values|serialized-form|help-doc|search|overview-frame|package-frame|package-use|new-list|preview-list|system-properties)\.html$|-search-index\.js$|^(search|script)\.js$/,
  },
};

const TEXINFO_INDEX_TABLE = /<table[^>]*class="(index-[a-z]+|[a-z]+-entries-printindex|index-entries)"/;

/**
 * A texinfo index node: a page that opens with its index table, after its own heading and at most one
 * more. A manual on one page (`makeinfo --no-split`) ends with its indexes after all its chapters: a small
 * one holds its index table in its first 16 KB too, and it is the manual, not an index.
 */
function isTexinfoIndexNode(head: string): boolean {
  const table = TEXINFO_INDEX_TABLE.exec(head);
  if (table === null) return false;
  return (head.slice(0, table.index).match(/<h[1-6][\s>]/gi) ?? []).length <= 2;
}

/** A DocBook division's page: a chapter, part, reference, appendix, preface, article or top-level section. */
const DOCBOOK_DIVISION =
  /<div class="(chapter|part|reference|appendix|preface|article|sect1|section)"[^>]*>/i;

/**
 * A DocBook division page that holds only its title and its table of contents (gtk-doc's `ch01.html`, a
 * manual's part or chapter page when each section has its own page): a list of links to the pages that
 * hold the text. A division with any text of its own (an introduction before the contents, or its
 * sections after them on the same page) is kept; so is one whose contents run past the head read.
 */
function isDocBookContentsPage(head: string): boolean {
  const division = DOCBOOK_DIVISION.exec(head);
  if (division === null) return false;
  const toc = head.indexOf('<div class="toc">', division.index);
  if (toc < 0) return false;
  const title = head
    .slice(division.index + division[0].length, toc)
    .replace(/<h[1-6][\s>][\s\S]*?<\/h[1-6]>/gi, '')
    .replace(/<[^>]*>/g, '');
  if (title.trim() !== '') return false;
  const tocEnd = head.indexOf('</div>', toc);
  return tocEnd >= 0 && /^\s*<\/div>/.test(head.slice(tocEnd + '</div>'.length));
}

/**
 * What follows a plot's name in the names of the figures matplotlib's plot directive draws: `NAME.png`,
 * `NAME.hires.png`, `NAME.pdf` (its default formats; `.svg` or `.jpg` when configured), `NAME_01.png` for the
 * second figure of a script and `NAME_00_01.png` for one of a script's pieces of code (gzipped as Debian ships
 * them).
 */
const PLOT_FIGURE = /^(?:_\d+){0,2}(?:\.hires)?\.(?:png|pdf|svg|jpe?g)(?:\.gz)?$/i;

/**
 * The script matplotlib's plot directive copies beside the figures it drew for its page's "Source code"
 * link (`plotting-1.py` beside `plotting-1.png`): the code the page shows above each figure, again.
 */
function plotScript(name: string, siblings: ReadonlySet<string>): string | null {
  const stem = /^(.+)\.py$/i.exec(name)?.[1];
  if (stem === undefined) return null;
  for (const sibling of siblings)
    if (sibling.startsWith(stem) && PLOT_FIGURE.test(sibling.slice(stem.length)))
      return 'plot script (matplotlib plot directive)';
  return null;
}

/** Code a page shows, where template tags are examples; a block still open where the head is cut off. */
const SHOWN_CODE =
  /<(pre|code|script|style|textarea)\b[\s\S]*?<\/\1\s*>|<(pre|code|script|style|textarea)\b[\s\S]*$/gi;
const TEMPLATE_TAG = /\{%-?\s*[a-z]+\b|\{\{-?\s*[\w.]+/i;

/**
 * A theme's template copied into a built site (Material's `overrides/`, Jekyll's `_includes/` left in the
 * docs folder): every page MkDocs builds has its template filled in, so Jinja/Liquid tags outside the code
 * a page shows mean the file was copied, not built. An HTML file without tags is kept, whole document or
 * not: a page written in HTML is copied as it is too.
 */
function isThemeTemplate(head: string): boolean {
  return TEMPLATE_TAG.test(head.replace(SHOWN_CODE, ''));
}

/** The builders' names, which are also the names of their rules. */
export const BUILDERS: ReadonlySet<string> = new Set(Object.keys(RULES));

/**
 * The builder rule that skips `relative` (a path below the builder's root, forward slashes), e.g.
 * "sphinx: _sources/", or null when the file is a written page. Scripts in a built site are its machinery,
 * never its text. `head` reads the start of a page, for builders whose index pages have no telling name;
 * `siblings` the names in the file's folder, for files told by the output beside them.
 */
export function builderRule(
  builder: Builder,
  relative: string,
  head: () => string,
  siblings: () => ReadonlySet<string> = () => new Set(),
): string | null {
  const rules = RULES[builder];
  const parts = relative.split('/');
  const name = parts[parts.length - 1]!;
  const top = parts.length > 1 ? parts[0]! : null;
  if (top !== null && rules.rootFolders.includes(top)) return `${builder}: ${top}/`;
  const folder = parts.slice(0, -1).find((part) => rules.anyFolders.includes(part));
  if (folder !== undefined) return `${builder}: ${folder}/`;
  if (rules.files?.test(name)) return `${builder}: ${name.replace(/\d+/g, '*')}`;
  if (top === null && rules.rootFiles?.test(name)) return `${builder}: ${name}`;
  const beside = rules.besideOutput?.(name, siblings()) ?? null;
  if (beside !== null) return `${builder}: ${beside}`;
  if (isSourceBuilder(builder)) return null;
  if (/\.m?js$/i.test(name)) return `${builder}: site script`;
  const { content } = rules;
  if (content === undefined || !(rules.contentNames ?? /\.html?$/i).test(name)) return null;
  if (typeof content === 'function' ? content(head()) : content.test(head()))
    return `${builder}: ${rules.contentLabel ?? (/\.html?$/i.test(name) ? 'index page' : 'index file')}`;
  return null;
}

/**
 * Rules for every tree: minified scripts and styles, and `.map` files — a bundler's source map or a Doxygen
 * graph's HTML image map, neither of them a page — named for the extension they are judged by.
 */
export function genericRule(name: string, head: string | null): string | null {
  if (/\.map$/i.test(name)) return MAP_FILE;
  if (/[.-]min\.(js|css)$/i.test(name)) return 'minified';
  if (head !== null && looksMinified(head)) return 'minified';
  return null;
}

/** genericRule's reason for a `.map` file (rule `map-file`). */
export const MAP_FILE = 'map file (a source map or an image map)';

/** A script whose first lines are very long, with little whitespace, is minified or bundled. */
function looksMinified(head: string): boolean {
  const lines = head.split('\n');
  const longest = Math.max(...lines.map((line) => line.length));
  return longest > 1000 && head.length / lines.length > 300;
}
