/**
 * Splits a document's lines into heading-delimited sections: markdown ATX and setext headings (outside fenced
 * code), reStructuredText underlined/overlined titles (levels in order of first appearance), plain text's
 * outline headings (under an Emacs org/outline mode line), underlined titles or else numbered titles written in
 * two or more levels (`1. Usage`, `1.2 How do I …`), none for source code. Every section keeps its heading path and the line numbers of its body.
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
  if (kind === 'text') return splitText(lines);
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
    const over = i > 0 && lines[i - 1]!.text.trim() === under.trim();
    // A title may be inset between its overline and underline ("========\n Sphinx\n========", the README.rst
    // style); without an overline, or under an indented one, an indented line is body text (a literal block).
    const inset = over && !/^\s/.test(lines[i - 1]!.text);
    const isTitle =
      adornment !== null &&
      title.trim() !== '' &&
      (inset || !/^\s/.test(title)) &&
      under.trimEnd().length >= title.trim().length;
    if (!isTitle) {
      const adorns = RST_ADORNMENT.test(title) && lines[i + 1]?.text.trim() !== '' && i + 1 < lines.length;
      if (!adorns && !TARGET.rst.test(title)) builder.add(lines[i]!);
      continue;
    }
    const key = `${adornment[1]}${over ? 'o' : ''}`;
    if (!levels.has(key)) levels.set(key, levels.size + 1);
    builder.heading(levels.get(key)!, title.trim());
    i += 1;
  }
  return builder.flush();
}

/** An underline or overline of plain text: one character repeated (`====`, `----`, `~~~~`), indented or not. */
const TEXT_ADORNMENT = /^\s*([=\-~^*#+])\1{2,}\s*$/;
/** An Emacs mode line on one of the first two lines asking for outline headings: `-*- org -*-`, `-*- outline -*-`. */
const OUTLINE_MODE = /-\*-.*\b(?:org|outline)\b.*-\*-/i;
/** An outline heading: stars at the start of the line, then the title (at most 80 characters). */
const OUTLINE_HEADING = /^(\*{1,6})[ \t]+(\S.{0,79})$/;
/** A title of plain text: its level and text, and the adornment lines around it that are no body text. */
interface TextTitle {
  readonly level: number;
  readonly text: string;
  readonly adornments: readonly number[];
}

/**
 * Plain text's sections: outline headings (`* Title`, `** Section`) when the file declares Emacs' org or
 * outline mode (GnuPG's DETAILS and HACKING, GNU NEWS files) or has headings of both levels at the start of
 * a line (GnuPG's README: a `**` line is no list item), else numbered titles in two or more levels, else
 * titles underlined (and maybe overlined) with one repeated character, as README.Debian, KEYSERVER and many
 * READMEs write them.
 */
function splitText(lines: readonly NumberedLine[]): Section[] {
  const outline =
    lines.slice(0, 2).some((line) => OUTLINE_MODE.test(line.text)) ||
    (lines.some((line) => OUTLINE_HEADING.exec(line.text)?.[1] === '*') &&
      lines.some((line) => OUTLINE_HEADING.exec(line.text)?.[1] === '**'));
  if (!outline) {
    const numbered = splitNumbered(lines);
    if (numbered.some((section) => section.headings.length > 0)) return numbered;
  }
  const titles = outline ? outlineTitles(lines) : underlinedTitles(lines);
  if (titles.size === 0) return [{ headings: [], lines }];
  const adornments = new Set([...titles.values()].flatMap((title) => title.adornments));
  const builder = new SectionBuilder(plainHeading);
  lines.forEach((line, at) => {
    const title = titles.get(at);
    if (title !== undefined) builder.heading(title.level, title.text);
    else if (!adornments.has(at)) builder.add(line);
  });
  return builder.flush();
}

function outlineTitles(lines: readonly NumberedLine[]): Map<number, TextTitle> {
  const titles = new Map<number, TextTitle>();
  lines.forEach((line, at) => {
    const match = OUTLINE_HEADING.exec(line.text.trimEnd());
    if (match !== null) titles.set(at, { level: match[1]!.length, text: match[2]!, adornments: [] });
  });
  return titles;
}

/**
 * Underlined titles: a line with a letter, after a blank line (or an overline of the same adornment) and over
 * an adornment about as long as itself, so a rule under a paragraph or a long separator under a short line is
 * no title, nor is a list item. An indented adornment makes a title only above the first body text (a centred
 * title): further down it is an example of markup inside an indented block (a title inset between an overline
 * and an underline that start the line is a title). Levels go by adornment (and overline) in order of first
 * appearance.
 */
function underlinedTitles(lines: readonly NumberedLine[]): Map<number, TextTitle> {
  const titles = new Map<number, TextTitle>();
  const levels = new Map<string, number>();
  let bodySeen = false;
  for (let at = 0; at + 1 < lines.length; at += 1) {
    const found = underlinedAt(lines, at);
    if (found === null || (bodySeen && /^\s/.test(lines[at + 1]!.text))) {
      if (!isBlank(lines[at]) && !TEXT_ADORNMENT.test(lines[at]!.text)) bodySeen = true;
      continue;
    }
    const key = `${found.adornment}${found.over ? 'o' : ''}`;
    if (!levels.has(key)) levels.set(key, levels.size + 1);
    const adornments = found.over ? [at - 1, at + 1] : [at + 1];
    titles.set(at, { level: levels.get(key)!, text: lines[at]!.text.trim(), adornments });
    at += 1;
  }
  return titles;
}

/** The adornment under line `at` (and whether the same one is above it) when that line is a title, else null. */
function underlinedAt(
  lines: readonly NumberedLine[],
  at: number,
): { adornment: string; over: boolean } | null {
  const title = lines[at]!.text.trim();
  const under = lines[at + 1]!.text.trim();
  const adornment = TEXT_ADORNMENT.exec(under)?.[1];
  if (adornment === undefined || !/\p{L}/u.test(title) || title.length > 80) return null;
  if (TEXT_ADORNMENT.test(title) || /^[-*+]\s/.test(title)) return null;
  const over = at > 0 && lines[at - 1]!.text.trim() === under;
  const before = over ? at - 2 : at - 1;
  if (before >= 0 && !isBlank(lines[before])) return null;
  if (under.length < title.length - 2 || (!over && under.length > title.length + 6)) return null;
  return { adornment, over };
}

/** A numbered title of plain text: `2. Usage`, `2.10 How do I …?`, `2.2.1. Free versions` (at most 80 characters). */
const NUMBERED = /^( {0,4})(\d{1,3}(?:\.\d{1,3}){0,4})\.?[ \t]+\S.{0,79}$/;

const isBlank = (line: NumberedLine | undefined) => line === undefined || line.text.trim() === '';

/**
 * Plain text's sections from numbered titles, as FAQs and protocol specifications write them (curl's FAQ and
 * KNOWN_BUGS, sed's FAQ, the X11 protocol texts). A title is a numbered line alone between blank lines that
 * goes on the outline: its parent number is the current title's (`2.3` under `2.`), its own number is higher
 * than its previous sibling's (gaps allowed), and it is indented as the first title of its level was. A
 * table of contents (entries not apart, or a group followed by the next group rather than its first entry)
 * and a numbered list inside a section (indented as the text, or numbered again from 1) are not titles.
 * Numbered lines are read as titles only when two levels occur: a file whose only numbers are `1.`, `2.`,
 * `3.` is as likely a list of steps as a list of sections, so it stays one section.
 */
function splitNumbered(lines: readonly NumberedLine[]): Section[] {
  const titles = new Map<number, number>();
  const numbers: number[] = [];
  const indents: number[] = [];
  for (let at = 0; at < lines.length; at += 1) {
    const match = NUMBERED.exec(lines[at]!.text);
    if (match === null || !isBlank(lines[at - 1]) || !isBlank(lines[at + 1])) continue;
    const number = match[2]!.split('.').map(Number);
    const level = number.length;
    const indent = match[1]!.length;
    if (!startsItsSection(lines, at, number)) continue;
    if (level > numbers.length + 1 || (indents[level - 1] ?? indent) !== indent) continue;
    if (number.slice(0, -1).some((part, depth) => part !== numbers[depth])) continue;
    if (numbers.length >= level && number[level - 1]! <= numbers[level - 1]!) continue;
    numbers.length = level - 1;
    numbers.push(number[level - 1]!);
    indents[level - 1] ??= indent;
    titles.set(at, level);
  }
  if (![...titles.values()].some((level) => level > 1)) return [{ headings: [], lines }];
  const builder = new SectionBuilder(plainHeading);
  lines.forEach((line, at) => {
    const level = titles.get(at);
    if (level === undefined) builder.add(line);
    else builder.heading(level, line.text);
  });
  return builder.flush();
}

/**
 * Whether a numbered line is followed by its section's text or first subsection, not by the next entry of a
 * table of contents (a sibling or an unrelated number).
 */
function startsItsSection(lines: readonly NumberedLine[], at: number, number: readonly number[]): boolean {
  let next = at + 1;
  while (next < lines.length && isBlank(lines[next])) next += 1;
  const match = next < lines.length ? NUMBERED.exec(lines[next]!.text) : null;
  if (match === null) return true;
  const child = match[2]!.split('.').map(Number);
  return child.length === number.length + 1 && number.every((part, depth) => part === child[depth]);
}
