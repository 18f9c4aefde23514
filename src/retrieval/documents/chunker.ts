/**
 * Heading-aware, token-bounded chunking with overlap. Each section is cut into paragraphs and fenced
 * code blocks; blocks are packed into chunks of at most `maxTokens` (a code block that fits stays whole),
 * and a new chunk in the same section starts with the previous chunk's last blocks up to `overlapTokens`.
 */

import type { Chunk, ChunkMember } from '../types.js';
import { componentFromFileName, readFrontMatter } from './component-tag.js';
import { documentLines, type ExtractedPage } from './document-text.js';
import type { RepeatedChrome } from './repeated-chrome.js';
import { type DocumentKind, type NumberedLine, type Section, splitSections } from './sections.js';

/** Bounds of one chunk, in word-and-punctuation tokens (about 4.5 characters each in prose). */
export interface ChunkerOptions {
  readonly maxTokens: number;
  readonly overlapTokens: number;
  /**
   * In HTML, sibling sections are merged into one chunk while the chunk is below this size: generated
   * API pages with a heading per method would otherwise give one tiny chunk per method. (Hand-written
   * markdown keeps its sections: merging them measured worse on the batuta-docs dev questions.)
   */
  readonly mergeTokens: number;
}

export const CHUNKER_DEFAULTS: ChunkerOptions = { maxTokens: 480, overlapTokens: 64, mergeTokens: 100 };

/** Changes whenever chunk boundaries or texts of any kind of document would change. */
const CHUNKING_VERSION = 'heading-480-64-htmlmerge100-targets-setext-numbered-underlined-inset';
/**
 * Changes whenever the text extracted from HTML (html.ts), how its lines are numbered, or how its small
 * sections are merged (HTML only) would change. 15: merged sections are kept beside their chunk
 * (`Chunk.members`), so the next `batuta index` re-chunks HTML pages to record them (texts, ids and vectors
 * unchanged).
 */
const HTML_TEXT_VERSION = 'html-text-15';
/** Collections record the version that chunked them, so `batuta index` knows what to chunk again. */
export const CHUNKER_VERSION = `${CHUNKING_VERSION}+${HTML_TEXT_VERSION}`;

/**
 * Whether a document of `kind` in a collection chunked by version `stored` must be chunked again: every
 * document when the chunking changed, HTML pages only when the HTML text did. A stored version without an
 * HTML part cited lines of the raw HTML file.
 */
export function needsRechunk(stored: string, kind: DocumentKind): boolean {
  if (stored === CHUNKER_VERSION) return false;
  const [chunking, htmlText = 'html-text-1'] = stored.split('+');
  return chunking !== CHUNKING_VERSION || (kind === 'html' && htmlText !== HTML_TEXT_VERSION);
}

/** One file to chunk; `source` is relative to the collection root. */
export interface ChunkInput {
  readonly collection: string;
  readonly source: string;
  readonly kind: DocumentKind;
  readonly text: string;
  /** The HTML page as extracted when the caller has it (htmlPage of `text`), so it is not extracted twice. */
  readonly extracted?: ExtractedPage | undefined;
  /** The lines repeated across the collection's HTML pages (repeated-chrome.ts), left out of an HTML page. */
  readonly chrome?: RepeatedChrome | undefined;
}

interface Unit {
  readonly lines: readonly NumberedLine[];
  readonly tokens: number;
}

/** Small sibling sections merged into one (`joinSections`): each line's member, an index into `members`. */
interface MergedSection extends Section {
  readonly members: readonly (readonly string[])[];
  readonly owners: ReadonlyMap<NumberedLine, number>;
}

const TOKEN = /[\p{L}\p{N}_]+|[^\s\p{L}\p{N}_]/gu;
const FENCE = /^[ \t]{0,3}(```+|~~~+)/;

/** Number of word and punctuation tokens in a text. */
export function countTokens(text: string): number {
  let count = 0;
  for (const _ of text.matchAll(TOKEN)) count += 1;
  return count;
}

/** Cuts one document into chunks with heading path, line range and component tag. */
export function chunkDocument(input: ChunkInput, options: ChunkerOptions = CHUNKER_DEFAULTS): Chunk[] {
  const { lines, component } = prepare(input);
  const chunks: Chunk[] = [];
  const split: (Section | MergedSection)[] = splitSections(lines, input.kind);
  for (const section of input.kind === 'html' ? mergeSmallSections(split, options) : split) {
    for (const units of pack(toUnits(section.lines, options.maxTokens), options)) {
      const body = units.flatMap((unit) => unit.lines);
      const joined = units.map((unit) => unit.lines.map((line) => line.text).join('\n')).join('\n\n');
      const text = joined.trim();
      if (text === '') continue;
      chunks.push({
        id: `${input.source}#${chunks.length}`,
        collection: input.collection,
        source: input.source,
        component,
        headings: section.headings,
        lines: [body[0]!.line, body[body.length - 1]!.line],
        text,
        ...('owners' in section ? { members: membersOf(section, units, linesTrimmed(joined)) } : {}),
      });
    }
  }
  return chunks;
}

function prepare(input: ChunkInput): { lines: NumberedLine[]; component: string | null } {
  const all = documentLines(input.kind, input.text, input);
  if (input.kind === 'html') return { lines: all, component: componentFromFileName(input.source) };
  const front =
    input.kind === 'markdown' ? readFrontMatter(all.map((line) => line.text)) : { fields: {}, lineCount: 0 };
  const lines = all.slice(front.lineCount);
  const tagged = front.fields['component']?.toLowerCase();
  return { lines, component: tagged || componentFromFileName(input.source) };
}

/**
 * Merges runs of small sibling sections (same parent heading path) into one section under the parent
 * path (top-level siblings: under the first one's heading); each merged section's own heading becomes a
 * line of the text so its words stay searchable, and its heading path and lines are kept beside the chunk
 * (`Chunk.members`) so a result can cite the one its passage is in.
 */
function mergeSmallSections(
  sections: readonly Section[],
  options: ChunkerOptions,
): (Section | MergedSection)[] {
  const merged: (Section | MergedSection)[] = [];
  let group: { parent: string; tokens: number; members: Section[] } | null = null;
  const close = () => {
    if (group !== null)
      merged.push(group.members.length === 1 ? group.members[0]! : joinSections(group.members));
    group = null;
  };
  for (const section of sections) {
    const tokens = section.lines.reduce((sum, line) => sum + countTokens(line.text), 0);
    const parent = section.headings.slice(0, -1).join('\0');
    const fits =
      group !== null &&
      group.parent === parent &&
      section.headings.length > 0 &&
      group.tokens < options.mergeTokens &&
      group.tokens + tokens <= options.maxTokens;
    if (!fits) close();
    group ??= { parent, tokens: 0, members: [] };
    group.members.push(section);
    group.tokens += tokens;
  }
  close();
  return merged;
}

function joinSections(members: readonly Section[]): MergedSection {
  const first = members[0]!;
  const owners = new Map<NumberedLine, number>();
  const lines = members.flatMap((member, index) => {
    const title = member.headings.at(-1) ?? '';
    const at = Math.max(1, member.lines[0]!.line - 1);
    const own = [{ text: title, line: at }, ...member.lines, { text: '', line: member.lines.at(-1)!.line }];
    for (const line of own) owners.set(line, index);
    return own;
  });
  // Top-level siblings have no parent to name them: the first heading among them (usually the page title)
  // does, also after a few lines above it (Javadoc's module and package line).
  const parent = first.headings.slice(0, -1);
  const named = members.find((member) => member.headings.length > 0) ?? first;
  const headings = parent.length > 0 ? parent : named.headings;
  // Each member is cited under the path the chunk is (top-level siblings: under the naming one's heading),
  // by its own heading; the naming one, and lines above any heading, as the chunk.
  const cited = (member: Section) =>
    member.headings.length === 0 || (parent.length === 0 && member === named)
      ? headings
      : [...headings, member.headings.at(-1)!];
  return { headings, lines, members: members.map(cited), owners };
}

/**
 * The merged sections' parts of one chunk of `section` (its `units`), each with the line of the chunk's
 * text it starts at: units are joined by one empty line, and the text lost `dropped` leading lines to trim.
 */
function membersOf(section: MergedSection, units: readonly Unit[], dropped: number): ChunkMember[] {
  const parts: Array<{ member: number; first: number; last: number; from: number }> = [];
  let at = -dropped;
  for (const [place, unit] of units.entries()) {
    if (place > 0) at += 1;
    for (const line of unit.lines) {
      const last = parts.at(-1);
      // A line cut into pieces (splitLongLine) is new objects; only a group's first member can hold one.
      const member = section.owners.get(line) ?? last?.member ?? 0;
      if (last?.member === member) last.last = line.line;
      else parts.push({ member, first: line.line, last: line.line, from: Math.max(0, at) });
      at += 1;
    }
  }
  return parts.map((part) => ({
    headings: section.members[part.member]!,
    lines: [part.first, part.last],
    from: part.from,
  }));
}

/** How many whole lines trimming the start of `text` removes. */
function linesTrimmed(text: string): number {
  const lead = text.slice(0, text.length - text.trimStart().length);
  return lead.split('\n').length - 1;
}

/** Paragraphs and whole fenced code blocks; blocks above the bound are cut at line boundaries. */
function toUnits(lines: readonly NumberedLine[], maxTokens: number): Unit[] {
  const blocks: NumberedLine[][] = [];
  let current: NumberedLine[] = [];
  let fence: string | null = null;
  const close = () => {
    if (current.some((line) => line.text.trim() !== '')) blocks.push(current);
    current = [];
  };
  for (const line of lines) {
    const fenceMatch = FENCE.exec(line.text);
    if (fence === null && fenceMatch) {
      close();
      fence = fenceMatch[1]!;
      current.push(line);
    } else if (fence !== null) {
      current.push(line);
      if (fenceMatch && fenceMatch[1]!.startsWith(fence)) {
        fence = null;
        close();
      }
    } else if (line.text.trim() === '') {
      close();
    } else {
      current.push(line);
    }
  }
  close();
  return blocks.flatMap((block) => splitBlock(block, maxTokens));
}

function splitBlock(block: readonly NumberedLine[], maxTokens: number): Unit[] {
  const tokens = block.map((line) => countTokens(line.text));
  const total = tokens.reduce((sum, count) => sum + count, 0);
  if (total <= maxTokens) return [{ lines: block, tokens: total }];
  const units: Unit[] = [];
  let lines: NumberedLine[] = [];
  let count = 0;
  block.forEach((line, index) => {
    const lineTokens = tokens[index]!;
    if (count + lineTokens > maxTokens && lines.length > 0) {
      units.push({ lines, tokens: count });
      lines = [];
      count = 0;
    }
    if (lineTokens > maxTokens) {
      units.push(...splitLongLine(line, maxTokens));
      return;
    }
    lines.push(line);
    count += lineTokens;
  });
  if (lines.length > 0) units.push({ lines, tokens: count });
  return units;
}

function splitLongLine(line: NumberedLine, maxTokens: number): Unit[] {
  const pieces = line.text.match(TOKEN) ?? [];
  const units: Unit[] = [];
  for (let start = 0; start < pieces.length; start += maxTokens) {
    const slice = pieces.slice(start, start + maxTokens);
    units.push({ lines: [{ text: slice.join(' '), line: line.line }], tokens: slice.length });
  }
  return units;
}

/** Greedy packing of units into chunks, each new chunk re-using trailing units as overlap. */
function pack(units: readonly Unit[], options: ChunkerOptions): Unit[][] {
  const chunks: Unit[][] = [];
  let current: Unit[] = [];
  let count = 0;
  let fresh = 0;
  for (const unit of units) {
    if (count + unit.tokens > options.maxTokens && fresh > 0) {
      chunks.push(current);
      const overlap = trailingOverlap(current, options.overlapTokens, options.maxTokens - unit.tokens);
      current = overlap;
      count = overlap.reduce((sum, item) => sum + item.tokens, 0);
      fresh = 0;
    }
    current.push(unit);
    count += unit.tokens;
    fresh += 1;
  }
  if (fresh > 0) chunks.push(current);
  return chunks;
}

function trailingOverlap(units: readonly Unit[], overlapTokens: number, room: number): Unit[] {
  const kept: Unit[] = [];
  let count = 0;
  for (let i = units.length - 1; i > 0; i -= 1) {
    const unit = units[i]!;
    if (count + unit.tokens > Math.min(overlapTokens, room)) break;
    kept.unshift(unit);
    count += unit.tokens;
  }
  return kept;
}
