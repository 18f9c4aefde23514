/**
 * Page chrome of documentation builders, which is not text of the page: navigation bars, breadcrumbs,
 * tables of contents (the page's own headings again, or a chapter's list of pages), heading permalinks,
 * "Next/Previous" links, source links and version badges, line numbers in code blocks (Pygments, Doxygen,
 * Javadoc, rustdoc), and the trait documentation rustdoc copies onto
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
]);

/**
 * Element ids of navigation and search widgets, tables of contents (`toc`), and the site-wide sidebar
 * (`column2`) and header pickers (`gtoc`: contents, index, other versions) of Node's doc tool.
 */
const SKIPPED_IDS =
  /^(nav-path|navrow\d*|main-nav|msearch\w*|side-nav|titlearea|toggle-all-docs|search-[\w-]+|g?toc|column2)$/i;

/**
 * Classes of the permalink a builder puts beside a heading, a link to the page's own anchor (`#` of Node's
 * doc tool, VitePress' `header-anchor`, Docusaurus' `hash-link`); Sphinx's `headerlink` is skipped above.
 */
const PERMALINK_CLASSES = new Set(['mark', 'header-anchor', 'hash-link', 'anchor-link', 'permalink']);

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
  if (isPermalink(element, attributes)) return true;
  const parent = ancestors[ancestors.length - 1];
  if (element.classes.includes('summary') && parent?.classes.includes('header')) return true;
  return element.classes.includes('impl-items') && ancestors.some((open) => COPIED_IMPLS.test(open.id));
}

function isPermalink(element: OpenElement, attributes: Record<string, string>): boolean {
  if (element.name !== 'a' || !(attributes['href'] ?? '').startsWith('#')) return false;
  return element.classes.some((name) => PERMALINK_CLASSES.has(name));
}

/** Node links of texinfo ("Next: X, Up: Y [Contents][Index]"). */
const NODE_LINKS = /^(Next|Previous|Prev|Up): .*(\[Contents\]|\[Index\]|, (Previous|Prev|Up): )/;
/** A row of bracketed buttons ("[ << ] [ >> ] [Top] [Contents]"). */
const BUTTON_ROW = /^(\s*\[[^\]]{0,16}\]){2,}\s*$/;
/** The line a generator signs its output with. */
const GENERATOR_LINE = /^This document was generated .* using (texi2html|texi2any|makeinfo)\b/;

/** Whether an extracted line is navigation text that the element rules cannot see. */
export function isChromeLine(line: string): boolean {
  return NODE_LINKS.test(line) || BUTTON_ROW.test(line) || GENERATOR_LINE.test(line);
}
