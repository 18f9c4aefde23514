/**
 * HTML to the text a page is searched, cited and read as, parsed with htmlparser2 (the WHATWG-style
 * tokenizer with implied end tags and the full entity table): headings (and a builder's page title block)
 * become markdown `#` lines, `<pre>` becomes a fenced block, block elements break lines (except inside a
 * heading, which stays one line), formula images are read as their TeX, a manual page's commands and
 * options (man2html) are headings, scripts, styles and page chrome (html-chrome.ts) are dropped.
 */
import { createRequire } from 'node:module';
import { posix } from 'node:path';
import { isChrome, isChromeLine, type OpenElement, openElement } from './html-chrome.js';
import {
  countWords,
  isLinkChrome,
  type LineLinks,
  NO_LINKS,
  type PageLinks,
  pageLinks,
} from './html-links.js';

/** htmlparser2 is loaded by the first page parsed (Node keeps it): a search that reads no HTML never loads it. */
const require = createRequire(import.meta.url);

const BLOCK = new Set(
  'p div ul ol li table tr thead tbody tfoot section article header footer main aside blockquote dl dt dd br hr figure figcaption details summary form fieldset address caption center body html h1 h2 h3 h4 h5 h6 pre'.split(
    ' ',
  ),
);

class LineWriter {
  readonly lines: string[] = [];
  /** The links of each line, in step with `lines`. */
  readonly links: LineLinks[] = [];
  /** Which lines are headings. */
  readonly headings: boolean[] = [];
  /** Body text that writes markdown (a heading line, a fence): what readMarkdownHeadings reads. */
  readonly markdown: MarkdownMark[] = [];
  private buffer = '';
  private prefix = '';
  /** Whether the text being written follows a line break (`<br>`) rather than the start of a block. */
  private afterBreak = false;
  private counts: { -readonly [K in keyof LineLinks]: LineLinks[K] } = { ...NO_LINKS };

  /** Whether the link being written leads to another page, and whether that page is on another site. */
  private offPage = false;
  private offSite = false;

  /**
   * A link starts on the current line: `alternate` when it leads to the page in another language,
   * `offPage` when it leads to another page, `offSite` when that page is on another site.
   */
  link(alternate: boolean, offPage: boolean, offSite: boolean): void {
    this.counts.links += 1;
    if (alternate) this.counts.alternates += 1;
    this.offPage = offPage;
    this.offSite = offSite;
  }

  text(raw: string, inLink = false): void {
    const text = raw.replace(/\s+/g, ' ');
    const words = countWords(text);
    if (this.counts.words === 0 && words > 0 && inLink && this.offPage) this.counts.entry = true;
    this.counts.words += words;
    if (inLink) this.counts.linkWords += words;
    if (inLink && this.offSite) this.counts.offSiteWords += words;
    if (text.trim() === '') {
      if (this.buffer !== '' && !this.buffer.endsWith(' ')) this.buffer += ' ';
      return;
    }
    if (this.buffer === '') this.buffer = this.prefix;
    this.buffer += this.buffer === this.prefix || this.buffer.endsWith(' ') ? text.trimStart() : text;
  }

  /** Appends preformatted text line by line. */
  pre(raw: string): void {
    raw.split('\n').forEach((part, index) => {
      if (index > 0) this.pushCode(this.buffer);
      this.buffer += part;
    });
  }

  /** Ends a preformatted line the markup ends without a newline (a Doxygen fragment's next line block). */
  preLine(): void {
    if (this.buffer !== '') this.pushCode(this.buffer);
  }

  /** Starts or ends a fenced block; text inside is kept verbatim. */
  fence(opening: boolean): void {
    if (opening) this.flush();
    else if (this.buffer.trim() !== '') this.pushCode(this.buffer);
    this.buffer = '';
    this.push('```');
  }

  /**
   * A line of a fenced block; one that starts with three backticks (a reST title's underline, a markdown
   * example's fence) is indented, as it would close the block and turn the rest of the page inside out.
   */
  private pushCode(text: string): void {
    this.push(/^[ \t]{0,3}```/.test(text) ? `    ${text}` : text);
  }

  /** The level of the last heading that opened a section (a member's heading nests below it). */
  sectionLevel = 0;

  startHeading(level: number, member = false): void {
    this.flush();
    if (!member) this.sectionLevel = level;
    this.prefix = `${'#'.repeat(level)} `;
  }

  listItem(): void {
    this.flush();
    this.prefix = '- ';
  }

  /** Ends the current line; `edge` is the element whose start or end ends it (a `br` breaks a block's line). */
  flush(edge = ''): void {
    const text = this.buffer.trimEnd();
    if (text !== '' && text !== this.prefix.trimEnd()) {
      const heading = this.prefix.startsWith('#');
      const whole = !this.afterBreak && edge !== 'br';
      const mark = heading ? null : markdownMark(text, this.lines.length, whole);
      if (mark !== null) this.markdown.push(mark);
      this.push(this.escape(text), heading);
    }
    this.afterBreak = edge === 'br';
    this.buffer = '';
    this.prefix = '';
    this.counts = { ...NO_LINKS };
  }

  private push(text: string, heading = false): void {
    this.lines.push(text);
    this.links.push(this.counts);
    this.headings.push(heading);
    this.counts = { ...NO_LINKS };
    this.buffer = '';
  }

  /** Body text that would read as a heading or a fence is indented (a code line in markdown). */
  private escape(text: string): string {
    if (this.prefix.startsWith('#')) return text;
    if (/^#|^[ \t]{0,3}(```|~~~)/.test(text)) return `    ${text}`;
    return text;
  }
}

/** A line of body text that writes markdown: a heading line (`## Usage`), or fences it opens or closes. */
interface MarkdownMark {
  readonly line: number;
  /** The level of the heading the line writes (the count of its `#`), 0 for none. */
  readonly level: number;
  /** Whether the line opens or closes a fenced block (an odd number of ``` in it). */
  readonly toggles: boolean;
}

/** `whole`: the text is a whole block (a paragraph), not one line of a block broken by `<br>` (a code example). */
function markdownMark(text: string, line: number, whole: boolean): MarkdownMark | null {
  const fences = text.split('```').length - 1;
  const level = whole && fences === 0 ? (/^(#{1,6}) \S.{0,150}$/.exec(text)?.[1]?.length ?? 0) : 0;
  return level > 0 || fences % 2 === 1 ? { line, level, toggles: fences % 2 === 1 } : null;
}

/** A link to another site: a URL with a scheme (`https:`, `mailto:`) or a host (`//host/`). */
const OFF_SITE = /^\s*([a-z][a-z0-9+.-]*:|\/\/)/i;

/**
 * Whether `href`, on the page at `source` (its path in the collection), leads to that page itself: an anchor
 * (`#x`), or the page's own path with or without one, as Doxygen links every member of a file's page
 * (`../../d5/df2/_s_d_l__keycode_8h.html#a…`). Without `source` only an anchor is known to be the page.
 */
function isOwnPage(href: string, source: string | undefined): boolean {
  if (href.startsWith('#')) return true;
  if (source === undefined || OFF_SITE.test(href)) return false;
  const path = href.replace(/[?#].*$/, '');
  return path === '' || posix.join(posix.dirname(source), path) === posix.normalize(source);
}

/** The text lines of an HTML page (htmlPage's lines). */
export function htmlToText(html: string): string[] {
  return htmlPage(html).lines;
}

/** An HTML page as text: its lines, and how much of that text is links (html-links.ts). */
export interface HtmlPage {
  readonly lines: string[];
  readonly links: PageLinks;
  /** The links of each line, in step with `lines` (what repeated-chrome.ts tells boxes of links by). */
  readonly lineLinks: LineLinks[];
}

/**
 * The text lines of an HTML page and its link totals; `source`, the page's path in its collection, tells its
 * links to itself by path from links to other pages (only the totals depend on it, never the lines). The
 * parser may report one text run in pieces; they are joined until the next tag so that whitespace is
 * collapsed across the whole run.
 */
export function htmlPage(html: string, source?: string): HtmlPage {
  const writer = new LineWriter();
  const man = isMan2html(html);
  // man2html prints its CGI header before the page: text before the first tag is not the page's.
  let started = !man;
  let skipDepth = 0;
  let preDepth = 0;
  let pending = '';
  // The newline right after <pre> is not content (HTML's parsing rule); the first text run drops it.
  let preStarts = false;
  let linkDepth = 0;
  const open: OpenElement[] = [];
  const flushText = () => {
    if (pending === '') return;
    if (preDepth > 0) {
      writer.pre(preStarts ? pending.replace(/^\r?\n/, '') : pending);
      preStarts = false;
    } else writer.text(pending, linkDepth > 0);
    pending = '';
  };
  const { Parser } = require('htmlparser2') as typeof import('htmlparser2');
  const parser = new Parser(
    {
      ontext(text) {
        if (skipDepth === 0 && started) pending += text;
      },
      onopentag(name, attributes) {
        flushText();
        started = true;
        const element = openElement(name, attributes);
        // man2html's index of the page's sections, and its signature after it, end the page.
        if (man && name === 'a' && attributes['name'] === 'index') skipDepth = Number.POSITIVE_INFINITY;
        if (skipDepth > 0 || isChrome(element, attributes, open) || (man && isManChrome(element, attributes)))
          skipDepth += 1;
        else if (name === 'a' && attributes['href'] !== undefined) {
          linkDepth += 1;
          const href = attributes['href'];
          writer.link(attributes['hreflang'] !== undefined, !isOwnPage(href, source), OFF_SITE.test(href));
        } else
          openTag(writer, element, { attributes, ancestors: open, man }, () => {
            preStarts = preDepth === 0;
            return ++preDepth;
          });
        open.push(element);
      },
      onclosetag(name) {
        flushText();
        const element = open.pop();
        if (skipDepth > 0) skipDepth -= 1;
        else if (element?.name === 'a' && linkDepth > 0) linkDepth -= 1;
        else
          closeTag(
            writer,
            element ?? openElement(name, {}),
            open,
            () => (preDepth = Math.max(0, preDepth - 1)),
          );
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  flushText();
  writer.flush();
  readMarkdownHeadings(writer);
  return withoutChromeLines(writer);
}

/**
 * A page whose builder left its markdown source unparsed (Debian's Black docs: Sphinx without MyST) writes its
 * headings as paragraphs (`# Title`, `## Section`) and its code blocks as paragraphs between ``` lines. When such
 * heading paragraphs outside those blocks outnumber the page's heading elements and use at least two levels, they
 * are its headings; on any other page a paragraph starting with `#` stays text, escaped as code (LineWriter's
 * escape). The comments of a configuration example written outside `<pre>` are lines of one block broken by
 * `<br>`, not paragraphs, and are never read as headings.
 */
function readMarkdownHeadings(writer: LineWriter): void {
  let fenced = false;
  const marks: MarkdownMark[] = [];
  for (const mark of writer.markdown) {
    if (mark.toggles) fenced = !fenced;
    else if (!fenced) marks.push(mark);
  }
  const elements = writer.headings.filter(Boolean).length;
  if (new Set(marks.map((mark) => mark.level)).size < 2 || marks.length <= elements) return;
  for (const { line } of marks) {
    writer.lines[line] = writer.lines[line]!.trimStart();
    writer.headings[line] = true;
  }
}

/**
 * The page without the lines outside fenced blocks that are navigation: text html-chrome.ts knows, and
 * lines made of links (html-links.ts: link bars above the first heading of a page that has one, lists of
 * the page in other languages); with the link totals of the lines kept.
 */
function withoutChromeLines({ lines, links, headings }: LineWriter): HtmlPage {
  const firstHeading = headings.indexOf(true);
  const kept: string[] = [];
  const keptLinks: LineLinks[] = [];
  let fenced = false;
  lines.forEach((line, index) => {
    if (line === '```') fenced = !fenced;
    const counted = links[index]!;
    const chrome =
      !fenced &&
      line !== '```' &&
      (isChromeLine(line) || (counted.words > 0 && isLinkChrome(counted, index < firstHeading)));
    if (chrome) return;
    kept.push(line);
    keptLinks.push(counted);
  });
  return {
    lines: kept,
    links: pageLinks(kept, keptLinks),
    lineLinks: keptLinks,
  };
}

/** Page header blocks (class or id) whose `title` or `caption` block is the page title. */
const HEADER_BLOCKS = new Set(['header', 'headertitle', 'module-header']);

/**
 * The heading level of an element: `h1`-`h6`, and 1 for a page title that a builder writes as a block of
 * class `title` or `caption` in its page header (Doxygen's `<div class="headertitle"><div class="title">`,
 * Haddock's module name `<div id="module-header"><p class="caption">`), which would otherwise be a body
 * line and leave the page's opening text without its title.
 */
function headingLevel(element: OpenElement, ancestors: readonly OpenElement[]): number | null {
  const heading = /^h([1-6])$/.exec(element.name);
  if (heading) return isAdmonitionTitle(element, ancestors) ? null : Number(heading[1]);
  if (element.name !== 'div' && element.name !== 'p') return null;
  if (!element.classes.some((name) => name === 'title' || name === 'caption')) return null;
  const parent = ancestors[ancestors.length - 1];
  const inHeader =
    parent !== undefined && [...parent.classes, parent.id].some((name) => HEADER_BLOCKS.has(name));
  return inHeader ? 1 : null;
}

/** The boxes DocBook XSL sets in a section's text (`<div class="note">`), each with its own title heading. */
const ADMONITIONS = new Set(['note', 'warning', 'tip', 'important', 'caution']);

/**
 * The title of a DocBook admonition (`<div class="note"><h3 class="title">Note</h3>`): a line of the box, not a
 * section. Read as a heading, it labelled the rest of its section's text "Note" up to the next heading (mutt's
 * manual: "10. Keyboard Macros > Note"). A heading in such a box without the `title` class is another builder's
 * and stays a heading.
 */
function isAdmonitionTitle(element: OpenElement, ancestors: readonly OpenElement[]): boolean {
  const parent = ancestors[ancestors.length - 1];
  return (
    element.classes.includes('title') &&
    parent !== undefined &&
    parent.name === 'div' &&
    parent.classes.some((name) => ADMONITIONS.has(name))
  );
}

/**
 * Inside a heading, block elements (Erlang/OTP wraps the title in a `<div>`) do not break its line; a
 * paragraph does, as it is body text after a heading the markup left open (`<h2>Title<p>body`), and so
 * does a line break (Erlang/OTP writes a type spec in a heading over several lines: its first line is
 * the heading, the rest is text).
 */
const inHeading = (name: string, ancestors: readonly OpenElement[]) =>
  name !== 'p' && name !== 'br' && name !== 'hr' && ancestors.some((open) => /^h[1-6]$/.test(open.name));

/**
 * A code example as Doxygen writes it: a `fragment` block of one `line` block per line, not `<pre>`. It is a
 * fenced block like `<pre>`; read as paragraphs, a Python example's `## …` and `# …` comments made
 * readMarkdownHeadings take them for the page's headings (Doxygen's manual, "Comment blocks in Python").
 */
const isFragment = (element: OpenElement) => element.name === 'div' && element.classes.includes('fragment');

/** A member's heading block (RDoc's `method-heading`): a heading one level below its section's. */
const isMemberHeading = (element: OpenElement) =>
  element.name === 'div' && element.classes.includes('method-heading');

/**
 * A formula drawn as an image (Doxygen's `formulaInl` within a line, `formulaDsp` on its own) is read as
 * its TeX, which the image's alt text holds; other images' alt text describes a picture, not the page.
 */
function formula(writer: LineWriter, element: OpenElement, attributes: Record<string, string>): void {
  const alt = attributes['alt'] ?? '';
  if (element.classes.includes('formulainl')) writer.text(alt);
  else if (element.classes.includes('formuladsp')) {
    writer.flush();
    writer.text(alt);
    writer.flush();
  }
}

/**
 * A page man2html wrote (it links back to its CGI script at the top and signs the page at the bottom):
 * a manual page whose commands and options are the terms of a definition list.
 */
function isMan2html(html: string): boolean {
  const signed = /<a href="[^"]*\/man2html"/i;
  return signed.test(html.slice(0, 4096)) || signed.test(html.slice(-1024));
}

/** man2html's links to the page's index and back to its script, above the page's first section. */
function isManChrome(element: OpenElement, attributes: Record<string, string>): boolean {
  const href = attributes['href'] ?? '';
  return element.name === 'a' && (href === '#index' || /\/man2html$/.test(href));
}

/**
 * A term of a manual page's definition list (man2html's `<DT>` for a command or an option, not one of a
 * list nested in its description) is a heading below its section's: `bash.html` documents every builtin
 * in one section, and a result could not say which builtin it cites.
 */
const isManTerm = (element: OpenElement, ancestors: readonly OpenElement[]) =>
  element.name === 'dt' && ancestors.filter((open) => open.name === 'dl').length === 1;

/**
 * A term of a texinfo definition (`@deffn`, `@defvr` …: a function or variable of a reference manual), which
 * makeinfo writes as `<dl class="def"><dt id="index-NAME">` (6.x) or `<dl class="first-deffn"><dt
 * class="deffn">` (7.x), is a heading below its section, as a man page's terms are: maxima documents dozens of
 * functions per node, and a result could not say which one it cites.
 */
const isTexinfoDefinition = (element: OpenElement, ancestors: readonly OpenElement[]) =>
  element.name === 'dt' &&
  (ancestors.findLast((open) => open.name === 'dl')?.classes.some((name) => /^(first-)?def/.test(name)) ??
    false);

/** What an opening tag's handling needs besides the element: its attributes, where it is, the page kind. */
interface TagContext {
  readonly attributes: Record<string, string>;
  readonly ancestors: readonly OpenElement[];
  /** The page is man2html's (isMan2html). */
  readonly man: boolean;
}

function openTag(
  writer: LineWriter,
  element: OpenElement,
  { attributes, ancestors, man }: TagContext,
  enterPre: () => number,
): void {
  const { name } = element;
  if (name === 'pre' || isFragment(element)) {
    if (enterPre() === 1) writer.fence(true);
    return;
  }
  if (ancestors.some(isFragment)) {
    if (BLOCK.has(name)) writer.preLine();
    return;
  }
  if (name === 'img') {
    formula(writer, element, attributes);
    return;
  }
  const level = headingLevel(element, ancestors);
  if (level !== null) writer.startHeading(level);
  else if (
    isMemberHeading(element) ||
    isTexinfoDefinition(element, ancestors) ||
    (man && isManTerm(element, ancestors))
  )
    writer.startHeading(Math.min(6, writer.sectionLevel + 1), true);
  else if (name === 'li') writer.listItem();
  else if (BLOCK.has(name)) blockEdge(writer, name, ancestors);
  else if (name === 'td' || name === 'th') writer.text(' ');
}

function closeTag(
  writer: LineWriter,
  element: OpenElement,
  ancestors: readonly OpenElement[],
  leavePre: () => number,
): void {
  const { name } = element;
  if (name === 'pre' || isFragment(element)) {
    if (leavePre() === 0) writer.fence(false);
    return;
  }
  if (ancestors.some(isFragment)) return;
  if (BLOCK.has(name)) blockEdge(writer, name, ancestors);
  else if (name === 'td' || name === 'th') writer.text(' ');
}

/** The start or end of a block element: a line break, or a space inside a heading. */
function blockEdge(writer: LineWriter, name: string, ancestors: readonly OpenElement[]): void {
  if (inHeading(name, ancestors)) writer.text(' ');
  else writer.flush(name);
}
