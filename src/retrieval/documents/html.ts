/**
 * A small, forgiving HTML-to-text converter for indexing: headings become markdown `#` lines, `<pre>`
 * becomes a fenced block, block elements break lines, scripts/styles/navigation are dropped, entities
 * are decoded. Every output line keeps the source line it came from, so chunks cite real line numbers.
 */
import { decodeEntities } from '../../text/entities.js';
import type { NumberedLine } from './sections.js';

const TAG =
  /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<[!?][^>]*>|<(\/?)([a-zA-Z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
const SKIPPED = new Set([
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
const SKIPPED_CLASS =
  /\b(role\s*=\s*["']?navigation|class\s*=\s*["'][^"']*\b(sidebar|sphinxsidebar|related|footer|breadcrumbs?|toc-backref|headerlink))/i;
const BLOCK = new Set(
  'p div ul ol li table tr thead tbody tfoot section article header footer main aside blockquote dl dt dd br hr figure figcaption details summary form fieldset address caption center body html h1 h2 h3 h4 h5 h6 pre'.split(
    ' ',
  ),
);
const VOID = new Set('area base br col embed hr img input link meta source track wbr'.split(' '));
class LineWriter {
  readonly lines: NumberedLine[] = [];
  private buffer = '';
  private bufferLine = 0;
  private prefix = '';

  text(raw: string, line: number): void {
    const text = decodeEntities(raw).replace(/\s+/g, ' ');
    if (text.trim() === '') {
      if (this.buffer !== '' && !this.buffer.endsWith(' ')) this.buffer += ' ';
      return;
    }
    if (this.buffer === '') {
      this.bufferLine = line;
      this.buffer = this.prefix;
    }
    this.buffer += this.buffer === this.prefix || this.buffer.endsWith(' ') ? text.trimStart() : text;
  }

  /** Appends preformatted text line by line, `line` being where `raw` starts. */
  pre(raw: string, line: number): void {
    decodeEntities(raw)
      .split('\n')
      .forEach((part, index) => {
        if (index > 0) {
          this.push(this.buffer, this.bufferLine);
          this.bufferLine = line + index;
        } else if (this.buffer === '') this.bufferLine = line;
        this.buffer += part;
      });
  }

  /** Starts or ends a fenced block; text inside is kept verbatim. */
  fence(line: number, opening: boolean): void {
    if (opening) this.flush();
    else if (this.buffer.trim() !== '') this.push(this.buffer, this.bufferLine);
    this.buffer = '';
    this.lines.push({ text: '```', line });
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
    if (text !== '' && text !== this.prefix.trimEnd()) this.push(this.escape(text), this.bufferLine);
    this.buffer = '';
    this.prefix = '';
  }

  private push(text: string, line: number): void {
    this.lines.push({ text, line });
    this.buffer = '';
  }

  private escape(text: string): string {
    if (this.prefix.startsWith('#')) return text;
    if (/^#|^[ \t]{0,3}(```|~~~)/.test(text)) return `    ${text}`;
    return text;
  }
}

/** Converts an HTML page to markdown-like lines, each numbered with its line in the HTML source. */
export function htmlToText(html: string): NumberedLine[] {
  const writer = new LineWriter();
  let line = 1;
  let scanned = 0;
  const lineAt = (offset: number): number => {
    for (let i = scanned; i < offset; i += 1) if (html.charCodeAt(i) === 10) line += 1;
    scanned = Math.max(scanned, offset);
    return line;
  };
  let skip: { tag: string; depth: number } | null = null;
  let preDepth = 0;
  let last = 0;
  for (const match of html.matchAll(TAG)) {
    const at = match.index;
    if (skip === null && at > last) {
      const text = html.slice(last, at);
      if (preDepth > 0) writer.pre(text, lineAt(last));
      else writer.text(text, lineAt(last));
    }
    last = at + match[0].length;
    const name = match[2]?.toLowerCase();
    if (name === undefined) continue;
    const closing = match[1] === '/';
    const selfClosing = VOID.has(name) || (match[3] ?? '').trimEnd().endsWith('/');
    if (skip !== null) {
      if (name === skip.tag && !selfClosing) skip.depth += closing ? -1 : 1;
      if (skip.depth === 0) skip = null;
      continue;
    }
    if (!closing && !selfClosing && (SKIPPED.has(name) || SKIPPED_CLASS.test(match[3] ?? ''))) {
      skip = { tag: name, depth: 1 };
      continue;
    }
    handleTag(writer, name, closing, lineAt(at), (delta) => {
      preDepth = Math.max(0, preDepth + delta);
      return preDepth;
    });
  }
  if (skip === null && last < html.length) {
    if (preDepth > 0) writer.pre(html.slice(last), lineAt(last));
    else writer.text(html.slice(last), lineAt(last));
  }
  writer.flush();
  return writer.lines;
}

function handleTag(
  writer: LineWriter,
  name: string,
  closing: boolean,
  line: number,
  changePre: (delta: number) => number,
): void {
  if (name === 'pre') {
    const depth = changePre(closing ? -1 : 1);
    if ((!closing && depth === 1) || (closing && depth === 0)) writer.fence(line, !closing);
    return;
  }
  const heading = /^h([1-6])$/.exec(name);
  if (heading && !closing) writer.startHeading(Number(heading[1]));
  else if (name === 'li' && !closing) writer.listItem();
  else if (BLOCK.has(name)) writer.flush();
  else if (name === 'td' || name === 'th') writer.text(' ', line);
}
