/**
 * A question about the newest release ("what changed in the latest release", "the newest version", "the most
 * recent release") is answered, on a release-history page (release notes, a change log with a section per
 * version), by the newest version's section. The section the question's words pick (shown-chunk.ts) is often
 * an old release's that happens to say "latest" or "changed" (GnuPG's NEWS showed its 2007 section, whose
 * entry named "the latest Pinentry"). Which files rank is not touched. Pure functions; hybrid.ts applies them.
 */
import type { Chunk } from '../types.js';
import { type HistoryCue, releaseHistoryName } from './release-history.js';
import { versionsNamed } from './release-versions.js';
import { type QuestionStems, shownChunk } from './shown-chunk.js';

/**
 * "latest release", "newest version", "most recent release", "current version", "last update": a word for
 * the newest, at most one word, then a release word. Not "the last release that / to / with …" (an old one).
 */
const NEWEST =
  /\b(?:latest|newest|most recent|current|last)(?: [\w.-]+)? (?:release|version|update)s?\b(?! (?:that|which|to|with|before|where|for|supporting)\b)/;

/** Whether a question asks about the newest release without naming a version. */
export function asksNewestRelease(question: string): boolean {
  const text = question.toLowerCase().replace(/[’'`]/g, ' ').replace(/\s+/g, ' ');
  return NEWEST.test(text) && versionsNamed(text).length === 0 && !/\brelease \d/.test(text);
}

/** -1, 0 or 1 as version `a` is below, equal to or above `b`, part by part (missing parts are 0). */
function compareVersions(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    const difference = (a[i] ?? 0) - (b[i] ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
  return 0;
}

/**
 * A version in a heading: dotted numbers ("9.18.49", "v2.10.1"), with the patch level sudo and OpenSSH write
 * after it ("1.9.13p3", "9.2p1"); not a number inside a longer one or a word ("HTTP/1.1", "127.0.0.1").
 */
const HEADING_VERSION = /(?<![\w./])v?(\d{1,4}(?:\.\d{1,4}){1,3})(?:p(\d{1,3}))?(?![\w.]*\d)/;

/** A heading's version as its numbers, a patch level as a further part after three ("9.2p1" → 9, 2, 0, 1). */
function headingVersion(heading: string): number[] | null {
  const match = HEADING_VERSION.exec(heading.toLowerCase());
  if (match === null) return null;
  const parts = match[1]!.split('.').map(Number);
  if (match[2] === undefined) return parts;
  return [...parts, 0, 0].slice(0, Math.max(3, parts.length)).concat(Number(match[2]));
}

/** The version a heading path is about: that of its deepest heading naming one; null when none does. */
function pathVersion(headings: readonly string[]): number[] | null {
  for (const heading of [...headings].reverse()) {
    const version = headingVersion(heading);
    if (version !== null) return version;
  }
  return null;
}

/** The highest of some versions; null when there are none. */
function highest(versions: readonly (number[] | null)[]): number[] | null {
  let newest: number[] | null = null;
  for (const version of versions) {
    if (version !== null && (newest === null || compareVersions(version, newest) > 0)) newest = version;
  }
  return newest;
}

/** Words that name a release beside its version in a plain-text history's opening line. */
const RELEASE_WORD =
  /^(?:changes?|changed|releases?|released|versions?|features?|added|news|noteworthy|new)$/;

/**
 * The version a chunk's opening line names beside a release word, within four words before it or two after
 * ("Changes in 2.40:", "Noteworthy changes in version 2.2.40", "new features added to bash-5.2"), the
 * highest when it names several; an Emacs mode line ("-*- text -*-") is passed over. Plain-text histories
 * (NEWS files) have no headings: their sections are told by such lines. Null for a line that names no
 * release ("a. waits 2.5 seconds").
 */
export function openingVersion(text: string): number[] | null {
  const opening = text
    .split('\n')
    .map((line) => line.trim())
    .find((line) => line !== '' && !/^-\*-.*-\*-$/.test(line));
  if (opening === undefined) return null;
  const words = opening.toLowerCase().split(/\s+/);
  const named = (word: string | undefined) => RELEASE_WORD.test((word ?? '').replace(/[^a-z]/g, ''));
  return highest(
    words.map((word, i) =>
      words.slice(Math.max(0, i - 4), i).some(named) || named(words[i + 1]) || named(words[i + 2])
        ? headingVersion(word)
        : null,
    ),
  );
}

/**
 * The newest version a chunk is about, its merged members' heading paths read too; when no heading names
 * one, the version its opening line names (`openingVersion`); null when none.
 */
function chunkVersion(chunk: Chunk): number[] | null {
  const paths = [chunk.headings, ...(chunk.members ?? []).map((member) => member.headings)];
  return highest(paths.map(pathVersion)) ?? openingVersion(chunk.text);
}

/** The places, in `chunks` (one file's), of the chunks about its newest version; empty when none names one. */
export function newestRelease(chunks: readonly Chunk[]): number[] {
  const versions = chunks.map(chunkVersion);
  const newest = highest(versions);
  if (newest === null) return [];
  return versions.flatMap((version, place) =>
    version !== null && compareVersions(version, newest) === 0 ? [place] : [],
  );
}

/**
 * Whether a file in the results may be shown by its newest release: release history by its cue, or by a
 * name that is release history or may be ("NEWS", "changes"), whose sections plain text may tell only by
 * their opening lines (a heading-less NEWS file has no cue).
 */
export function mayShowNewest(source: string, cue: HistoryCue | null): boolean {
  return cue !== null || releaseHistoryName(source) !== 'no';
}

/**
 * The chunk that shows a release-history file for a question about the newest release: of all its chunks
 * (`whole`, in file order, when the collection reads them; else its pooled ones, in first-stage order), the
 * question's choice (`shownChunk`) of those about its newest version. Null when none names a version: the
 * question's words pick among the pooled chunks, as for any question.
 */
export function newestChunk(
  q: QuestionStems,
  pooled: readonly Chunk[],
  whole: readonly Chunk[] | undefined,
): Chunk | null {
  const chunks = whole ?? pooled;
  const newest = newestRelease(chunks);
  if (newest.length === 0) return null;
  return chunks[
    newest[
      shownChunk(
        q,
        newest.map((place) => chunks[place]!),
      )
    ]!
  ]!;
}
