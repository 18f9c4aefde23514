/**
 * Splits a document's lines into heading-delimited sections: markdown ATX and setext headings (outside fenced
 * code), reStructuredText underlined/overlined titles (levels in order of first appearance), none for plain
 * text and source code. Every section keeps its heading path and the line numbers of its body.
 */

/** How a file's text is structured; decides the heading syntax. */
export type DocumentKind = 'markdown' | 'rst' | 'html' | 'text' | 'code';

/** One body line with its 1-based line number in the source file. */
export interface NumberedLine {
  readonly text: string;
  readonly line: number;
}

/** A run of body lines under one heading path. */
export interface Section {
  readonly headings: readonly string[];
  readonly lines: readonly NumberedLine[];
}

const ATX = /^(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$/;
/** A setext underline (CommonMark): `===` makes the paragraph above a level-1 heading, `---` a level-2 one. */
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;
/** Lines that are no paragraph text a setext underline could make a heading: list items, code, quotes, tables. */
const NOT_PARAGRAPH = /^\s*([-*+]|\d+[.)])\s|^( {4}|\t)|^#|^>|^\|/;
const FENCE = /^[ \t]{0,3}(```+|~~~+)/;
const RST_ADORNMENT = /^([=\-~^"'`#*+_:.])\1{2,}\s*$/;
/**
 * A reference target on a line of its own, the anchor of the title that follows (MyST `(name)=`, rst
 * `.. _name:`): markup, not text. Alone before a title it made a chunk whose only text was the label.
 */
const TARGET = { markdown: /^\([^()\s]+\)=\s*$/, rst: /^\.\. _(`[^`]+`|[^:`]+):\s*$/ };

/** Removes inline markdown (links, emphasis, code ticks) from a heading. */
export function cleanHeading(text: string): string {
  return text
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*`]+/g, '')
    .replace(/(^|\s)_+(?=\S)|(?<=\S)_+(?=\s|$)/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A heading of text extracted from HTML, which is plain text, not markdown (`__init__`, `*const T`). */
const plainHeading = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Splits numbered lines into sections according to the document kind. */
export function splitSections(lines: readonly NumberedLine[], kind: DocumentKind): Section[] {
  if (kind === 'markdown') return splitMarkdown(lines, cleanHeading, true);
  if (kind === 'html') return splitMarkdown(lines, plainHeading, false);
  if (kind === 'rst') return splitRst(lines);
  return [{ headings: [], lines }];
}

class SectionBuilder {
  readonly sections: Section[] = [];
  private stack: Array<{ level: number; text: string }> = [];
  private body: NumberedLine[] = [];

  constructor(private readonly clean: (text: string) => string = cleanHeading) {}

  add(line: NumberedLine): void {
    this.body.push(line);
  }

  heading(level: number, text: string): void {
    this.flush();
    while (this.stack.length > 0 && this.stack[this.stack.length - 1]!.level >= level) this.stack.pop();
    this.stack.push({ level, text: this.clean(text) });
  }

  flush(): Section[] {
    if (this.body.some((line) => line.text.trim() !== '')) {
      this.sections.push({ headings: this.stack.map((entry) => entry.text), lines: this.body });
    }
    this.body = [];
    return this.sections;
  }
}

/**
 * The level of the setext heading line `at` opens (1 for `===`, 2 for `---` on the next line), or null. Only a
 * one-line paragraph is read as a title: a rule under a longer paragraph, a list item or front matter stays
 * what it was.
 */
function setextLevel(lines: readonly NumberedLine[], at: number): number | null {
  const under = lines[at + 1] === undefined ? null : SETEXT.exec(lines[at + 1]!.text);
  const title = lines[at]!.text;
  if (under === null || title.trim() === '' || SETEXT.test(title) || NOT_PARAGRAPH.test(title)) return null;
  if (at > 0 && lines[at - 1]!.text.trim() !== '') return null;
  return under[1]!.startsWith('=') ? 1 : 2;
}

/** Markdown's sections (setext headings read when `setext`: text extracted from HTML has none). */
function splitMarkdown(
  lines: readonly NumberedLine[],
  clean: (text: string) => string,
  setext: boolean,
): Section[] {
  const builder = new SectionBuilder(clean);
  let fence: string | null = null;
  for (let at = 0; at < lines.length; at += 1) {
    const line = lines[at]!;
    const fenceMatch = FENCE.exec(line.text);
    if (fence !== null) {
      if (fenceMatch && fenceMatch[1]!.startsWith(fence)) fence = null;
      builder.add(line);
      continue;
    }
    if (fenceMatch) {
      fence = fenceMatch[1]!;
      builder.add(line);
      continue;
    }
    const atx = ATX.exec(line.text);
    const level = setext && !atx ? setextLevel(lines, at) : null;
    if (atx && atx[2] !== '') builder.heading(atx[1]!.length, atx[2]!);
    else if (level !== null) {
      builder.heading(level, line.text.trim());
      at += 1;
    } else if (!TARGET.markdown.test(line.text)) builder.add(line);
  }
  return builder.flush();
}

function splitRst(lines: readonly NumberedLine[]): Section[] {
  const builder = new SectionBuilder();
  const levels = new Map<string, number>();
  for (let i = 0; i < lines.length; i += 1) {
    const title = lines[i]!.text;
    const under = lines[i + 1]?.text ?? '';
    const adornment = RST_ADORNMENT.exec(under);
    const isTitle =
      adornment !== null &&
      title.trim() !== '' &&
      !/^\s/.test(title) &&
      under.trimEnd().length >= title.trim().length;
    if (!isTitle) {
      const adorns = RST_ADORNMENT.test(title) && lines[i + 1]?.text.trim() !== '' && i + 1 < lines.length;
      if (!adorns && !TARGET.rst.test(title)) builder.add(lines[i]!);
      continue;
    }
    const over = i > 0 && lines[i - 1]!.text.trim() === under.trim();
    const key = `${adornment[1]}${over ? 'o' : ''}`;
    if (!levels.has(key)) levels.set(key, levels.size + 1);
    builder.heading(levels.get(key)!, title.trim());
    i += 1;
  }
  return builder.flush();
}
