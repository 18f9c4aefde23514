/**
 * Page chrome of documentation builders, which is not text of the page: navigation bars, breadcrumbs,
 * tables of contents (the page's own headings again, or a chapter's list of pages), heading permalinks,
 * "Next/Previous" links, source links and version badges, line numbers in code blocks (Pygments, Doxygen,
 * Javadoc, rustdoc), generated index tables, copies of the source (RDoc's method listings), summaries that
 * repeat the page's declarations (Haddock's synopsis), and the trait documentation rustdoc copies onto
 * every type that implements a trait. Elements are judged by tag, role, id and whole class names (a page's
 * `<html class="sidebar-visible">` is a state, not a sidebar); lines by their whole text.
 */

/** Elements whose content is never text of the page. */
const SKIPPED_TAGS = new Set([
  'script',
  'style',
  'head',
  'nav',
  'noscript',
  'template',
  'svg',
  'iframe',
  'button',
  'select',
]);

/**
 * Class names (whole, lower case) of navigation and decoration blocks. Not `toc-backref`: docutils wraps a
 * heading's whole title in that link back to the page's contents, so it is text of the page.
 */
const SKIPPED_CLASSES = new Set([
  'sidebar',
  'sphinxsidebar',
  'related',
  'footer',
  'breadcrumb',
  'breadcrumbs',
  'headerlink',
  'navigation',
  'navheader',
  'navfooter',
  'nav-panel',
  'nav-chapters',
  'navpath',
  'topnav',
  'subnav',
  'bottomnav',
  'rightside',
  'srclink',
  'out-of-band',
  'hideme',
  'navbar',
  'bs-sidebar',
  'modal',
  'md-header',
  'md-tabs',
  'md-sidebar',
  'md-footer',
  'md-search',
  'md-dialog',
  'md-skip',
  'linenos',
  'linenodiv',
  'lineno',
  'line-numbers',
  'sourcelineno',
  'toc',
  // DocBook XSL: a book's lists of its tables, examples, figures … (titles linked to their chapters)
  'list-of-tables',
  'list-of-examples',
  'list-of-figures',
  'list-of-procedures',
  'list-of-equations',
  // qdoc's breadcrumb bar; Erlang/OTP's top bar (a copy of the page title beside its menu button)
  'navigationbar',
  'topbar',
  // RDoc: the advice beside a method name and the copy of its source the advice toggles
  'method-click-advice',
  'method-source-code',
  // texinfo: the table of contents and the short one, a node's menu of its sub-nodes, index letters
  'contents_element',
  'overview_element',
  'shortcontents',
  'region-contents',
  'region-shortcontents',
  'section-toc',
  'mini-toc',
  'summary-letter',
]);

/**
 * Element ids of navigation and search widgets, tables of contents (`toc`, texinfo's `SEC_Contents`,
 * Haddock's `table-of-contents`), the site-wide sidebar (`column2`) and header pickers (`gtoc`: contents,
 * index, other versions) of Node's doc tool, Haddock's package bar and synopsis (every declaration of
 * the page again, without its text), and a footer by id (Haddock's "Produced by Haddock").
 */
const SKIPPED_IDS =
  /^(nav-path|navrow\d*|main-nav|msearch\w*|side-nav|titlearea|toggle-all-docs|search-[\w-]+|g?toc|column2|table-of-contents|SEC_(Contents|Overview|Shortcontents)|package-header|synopsis|footer)$/i;

/** Index tables a generator prints (texinfo's `@printindex`: `index-cp`, `cp-entries-printindex`, ...). */
const INDEX_TABLE =
  /^(index-[a-z]{2,3}|index-entries|[a-z]+-(entries|letters-header|letters-footer)-printindex)$/;

/**
 * Classes of the permalink a builder puts beside a heading, a link to the page's own anchor (`#` of Node's
 * doc tool, VitePress' `header-anchor`, Docusaurus' `hash-link`, Haddock's `selflink`, texinfo's `¶` of
 * `copiable-anchor`/`copiable-link`), Doxygen's `◆` in a `<span class="permalink">` before each member's
 * name; Sphinx's `headerlink` is skipped above.
 */
const PERMALINK_CLASSES = new Set([
  'mark',
  'header-anchor',
  'hash-link',
  'anchor-link',
  'permalink',
  'selflink',
  'copiable-anchor',
  'copiable-link',
]);

/** Lists of trait implementations (rustdoc) whose method docs are copies of the trait's. */
const COPIED_IMPLS = /^(trait|synthetic|blanket)-implementations-list$/;

/** Elements whose own `<footer>` is part of the text (a quotation's source, an article's byline). */
const QUOTING = new Set(['blockquote', 'figure', 'article']);

/** Elements a page-level class never hides. */
const PAGE_TAGS = new Set(['html', 'body', 'main']);

/** An open element as the skip rules see it. */
export interface OpenElement {
  readonly name: string;
  readonly id: string;
  readonly classes: readonly string[];
}

export function openElement(name: string, attributes: Record<string, string>): OpenElement {
  const classes = (attributes['class'] ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  return { name, id: attributes['id'] ?? '', classes };
}

/** Whether the element (inside `ancestors`, outermost first) holds page chrome rather than page text. */
export function isChrome(
  element: OpenElement,
  attributes: Record<string, string>,
  ancestors: readonly OpenElement[],
): boolean {
  if (SKIPPED_TAGS.has(element.name)) return true;
  const role = (attributes['role'] ?? '').toLowerCase();
  if (role.startsWith('navigation') || role === 'banner' || role === 'contentinfo' || role === 'search')
    return true;
  if (element.name === 'footer' && !ancestors.some((open) => QUOTING.has(open.name))) return true;
  if (SKIPPED_IDS.test(element.id)) return true;
  if (!PAGE_TAGS.has(element.name) && element.classes.some((name) => SKIPPED_CLASSES.has(name))) return true;
  const parent = ancestors[ancestors.length - 1];
  if (isPermalink(element, attributes, parent) || isSourceLink(element, attributes)) return true;
  if (element.name === 'table' && element.classes.some((name) => INDEX_TABLE.test(name))) return true;
  if (element.classes.includes('summary') && parent?.classes.includes('header')) return true;
  // Haddock's module facts above the module name (copyright, maintainer, Safe Haskell), a banner of every page
  if (element.name === 'table' && element.classes.includes('info') && parent?.id === 'module-header')
    return true;
  return element.classes.includes('impl-items') && ancestors.some((open) => COPIED_IMPLS.test(open.id));
}

/**
 * A link to the page's own anchor that is a permalink by its class (or Doxygen's parent span), or that the
 * page hides from screen readers (`aria-hidden="true"`): decoration, as the `#` and `TOC` links texinfo's
 * Bootstrap template (ffmpeg's manual) puts in every heading.
 */
function isPermalink(
  element: OpenElement,
  attributes: Record<string, string>,
  parent: OpenElement | undefined,
): boolean {
  if (element.name !== 'a' || !(attributes['href'] ?? '').startsWith('#')) return false;
  if (attributes['aria-hidden'] === 'true') return true;
  return (
    element.classes.some((name) => PERMALINK_CLASSES.has(name)) || !!parent?.classes.includes('permalink')
  );
}

/**
 * A link of class `link` to the builder's source view (Haddock's "Source" beside each declaration, whose
 * pages under `src/` are left out): a way off the page, not its text.
 */
function isSourceLink(element: OpenElement, attributes: Record<string, string>): boolean {
  if (element.name !== 'a' || !element.classes.includes('link')) return false;
  return /(^|\/)src\//.test(attributes['href'] ?? '');
}

/** Node links of texinfo ("Next: X, Up: Y [Contents][Index]"). */
const NODE_LINKS = /^(Next|Previous|Prev|Up): .*(\[Contents\]|\[Index\]|, (Previous|Prev|Up): )/;
/** A row of bracketed buttons ("[ << ] [ >> ] [Top] [Contents]"). */
const BUTTON_ROW = /^(\s*\[[^\]]{0,16}\]){2,}\s*$/;
/** The letters row above and below a texinfo index, once its letter links are dropped. */
const JUMP_ROW = /^Jump to:$/;
/** The line a generator signs its output with. */
const GENERATOR_LINE = /^This document was generated .* using (texi2html|texi2any|makeinfo)\b/;

/** Whether an extracted line is navigation text that the element rules cannot see. */
export function isChromeLine(line: string): boolean {
  return NODE_LINKS.test(line) || BUTTON_ROW.test(line) || JUMP_ROW.test(line) || GENERATOR_LINE.test(line);
}
