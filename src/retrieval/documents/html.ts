/**
 * HTML to the text a page is searched, cited and read as, parsed with htmlparser2 (the WHATWG-style
 * tokenizer with implied end tags and the full entity table): headings (and a builder's page title block)
 * become markdown `#` lines, `<pre>` becomes a fenced block, block elements break lines, scripts, styles
 * and page chrome (html-chrome.ts) are dropped.
 */
import { createRequire } from 'node:module';
import { isChrome, isChromeLine, type OpenElement, openElement } from './html-chrome.js';

/** htmlparser2 is loaded by the first page parsed (Node keeps it): a search that reads no HTML never loads it. */
const require = createRequire(import.meta.url);

const BLOCK = new Set(
  'p div ul ol li table tr thead tbody tfoot section article header footer main aside blockquote dl dt dd br hr figure figcaption details summary form fieldset address caption center body html h1 h2 h3 h4 h5 h6 pre'.split(
    ' ',
  ),
);

class LineWriter {
  readonly lines: string[] = [];
  private buffer = '';
  private prefix = '';

  text(raw: string): void {
    const text = raw.replace(/\s+/g, ' ');
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
      if (index > 0) this.push(this.buffer);
      this.buffer += part;
    });
  }

  /** Starts or ends a fenced block; text inside is kept verbatim. */
  fence(opening: boolean): void {
    if (opening) this.flush();
    else if (this.buffer.trim() !== '') this.push(this.buffer);
    this.buffer = '';
    this.lines.push('```');
  }

  startHeading(level: number): void {
    this.flush();
    this.prefix = `${'#'.repeat(level)} `;
  }

  listItem(): void {
    this.flush();
    this.prefix = '- ';
  }

  flush(): void {
    const text = this.buffer.trimEnd();
    if (text !== '' && text !== this.prefix.trimEnd()) this.push(this.escape(text));
    this.buffer = '';
    this.prefix = '';
  }

  private push(text: string): void {
    this.lines.push(text);
    this.buffer = '';
  }

  /** Body text that would read as a heading or a fence is indented (a code line in markdown). */
  private escape(text: string): string {
    if (this.prefix.startsWith('#')) return text;
    if (/^#|^[ \t]{0,3}(```|~~~)/.test(text)) return `    ${text}`;
    return text;
  }
}

/**
 * The text lines of an HTML page. The parser may report one text run in pieces; they are joined until
 * the next tag so that whitespace is collapsed across the whole run.
 */
export function htmlToText(html: string): string[] {
  const writer = new LineWriter();
  let skipDepth = 0;
  let preDepth = 0;
  let pending = '';
  // The newline right after <pre> is not content (HTML's parsing rule); the first text run drops it.
  let preStarts = false;
  const open: OpenElement[] = [];
  const flushText = () => {
    if (pending === '') return;
    if (preDepth > 0) {
      writer.pre(preStarts ? pending.replace(/^\r?\n/, '') : pending);
      preStarts = false;
    } else writer.text(pending);
    pending = '';
  };
  const { Parser } = require('htmlparser2') as typeof import('htmlparser2');
  const parser = new Parser(
    {
      ontext(text) {
        if (skipDepth === 0) pending += text;
      },
      onopentag(name, attributes) {
        flushText();
        const element = openElement(name, attributes);
        if (skipDepth > 0 || isChrome(element, attributes, open)) skipDepth += 1;
        else
          openTag(writer, element, open, () => {
            preStarts = preDepth === 0;
            return ++preDepth;
          });
        open.push(element);
      },
      onclosetag(name) {
        flushText();
        open.pop();
        if (skipDepth > 0) skipDepth -= 1;
        else closeTag(writer, name, () => (preDepth = Math.max(0, preDepth - 1)));
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  flushText();
  writer.flush();
  return withoutChromeLines(writer.lines);
}

/** The lines outside fenced blocks that are navigation text (html-chrome.ts) are left out. */
function withoutChromeLines(lines: readonly string[]): string[] {
  let fenced = false;
  return lines.filter((line) => {
    if (line === '```') fenced = !fenced;
    return fenced || line === '```' || !isChromeLine(line);
  });
}

/**
 * The heading level of an element: `h1`-`h6`, and 1 for a page title that a builder writes as a block of
 * class `title` in its page header (Doxygen's `<div class="headertitle"><div class="title">`), which
 * would otherwise be a body line and leave the page's opening text without its title.
 */
function headingLevel(element: OpenElement, ancestors: readonly OpenElement[]): number | null {
  const heading = /^h([1-6])$/.exec(element.name);
  if (heading) return Number(heading[1]);
  const parent = ancestors[ancestors.length - 1];
  const inHeader = parent?.classes.some((name) => name === 'headertitle' || name === 'header');
  return element.name === 'div' && element.classes.includes('title') && inHeader ? 1 : null;
}

function openTag(
  writer: LineWriter,
  element: OpenElement,
  ancestors: readonly OpenElement[],
  enterPre: () => number,
): void {
  const { name } = element;
  if (name === 'pre') {
    if (enterPre() === 1) writer.fence(true);
    return;
  }
  const level = headingLevel(element, ancestors);
  if (level !== null) writer.startHeading(level);
  else if (name === 'li') writer.listItem();
  else if (BLOCK.has(name)) writer.flush();
  else if (name === 'td' || name === 'th') writer.text(' ');
}

function closeTag(writer: LineWriter, name: string, leavePre: () => number): void {
  if (name === 'pre') {
    if (leavePre() === 0) writer.fence(false);
    return;
  }
  if (BLOCK.has(name)) writer.flush();
  else if (name === 'td' || name === 'th') writer.text(' ');
}
