/**
 * Results past the files. Results rank files, one each; when a search finds fewer files than it asks for (a
 * one-page manual such as Beautiful Soup's, a folder of three READMEs), the places left show further sections
 * of the files found, so a question about a long page still gets the page's other sections about it. The
 * files' order and their shown chunks are not touched: further sections follow the last file, best evidence
 * first — the question terms that pick a file's shown chunk (sectionScore), then the first stage's score —
 * and a heading path already shown for its file is not shown again. Each score is capped by the one before,
 * so scores still fall.
 */
import type { Chunk } from '../types.js';
import type { Ranked } from './fused-pool.js';
import { type QuestionStems, sectionScore } from './shown-chunk.js';

/** A file in the results (`item`, at its score), its pooled chunks in first-stage order and the one that shows it. */
export interface ShownFile {
  readonly item: Ranked;
  readonly members: ReadonlyArray<{ readonly item: Ranked; readonly chunk: Chunk }>;
  readonly shown: number;
}

/** The chunk a file shows in the results. */
export function shownChunkOf(file: ShownFile): Chunk {
  return file.members[file.shown]!.chunk;
}

/** A further section of a shown file, with the score it is listed at. */
export interface FurtherSection {
  readonly item: Ranked;
  readonly chunk: Chunk;
  readonly score: number;
}

/** Up to `room` further sections of `files` (in result order), to follow them. */
export function furtherSections(
  files: readonly ShownFile[],
  q: QuestionStems,
  room: number,
): FurtherSection[] {
  if (room <= 0) return [];
  const sections = files
    .flatMap((file) => sectionsAfterShown(file, q))
    .sort((a, b) => b.evidence - a.evidence || b.item.score - a.item.score)
    .slice(0, room);
  let floor = files.at(-1)?.item.score ?? Number.POSITIVE_INFINITY;
  return sections.map(({ item, chunk }) => {
    floor = Math.min(floor, item.score);
    return { item, chunk, score: floor };
  });
}

/** A file's pooled chunks other than its shown one, each with its evidence, one per heading path. */
function sectionsAfterShown(file: ShownFile, q: QuestionStems) {
  const seen = new Set([headingKey(shownChunkOf(file))]);
  const rest = file.members
    .map((member, place) => ({ ...member, place, evidence: sectionScore(member.chunk, q, place) ?? -1 }))
    .filter((member) => member.place !== file.shown)
    .sort((a, b) => b.evidence - a.evidence || a.place - b.place);
  return rest.filter((member) => {
    const key = headingKey(member.chunk);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A section is its heading path; chunks of a file without headings are told apart by their lines. */
const headingKey = (chunk: Chunk): string =>
  chunk.headings.length === 0 ? `lines ${chunk.lines.join('-')}` : chunk.headings.join('\0');
