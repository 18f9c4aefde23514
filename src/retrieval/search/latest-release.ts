/**
 * A question about the newest release ("what changed in the latest release", "the newest version", "the most
 * recent release") is answered, on a release-history page (release notes, a change log with a section per
 * version), by the newest version's section. The section the question's words pick (shown-chunk.ts) is often
 * an old release's that happens to say "latest" or "changed" (GnuPG's NEWS showed its 2007 section, whose
 * entry named "the latest Pinentry"). Which files rank is not touched. Pure functions; hybrid.ts applies them.
 */
import type { Chunk } from '../types.js';
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

/** The newest version a chunk is about, its merged members' heading paths read too; null when none. */
function chunkVersion(chunk: Chunk): number[] | null {
  let newest: number[] | null = null;
  for (const path of [chunk.headings, ...(chunk.members ?? []).map((member) => member.headings)]) {
    const version = pathVersion(path);
    if (version !== null && (newest === null || compareVersions(version, newest) > 0)) newest = version;
  }
  return newest;
}

/** The places, in `chunks` (one file's), of the chunks about its newest version; empty when none names one. */
export function newestRelease(chunks: readonly Chunk[]): number[] {
  const versions = chunks.map(chunkVersion);
  let newest: number[] | null = null;
  for (const version of versions) {
    if (version !== null && (newest === null || compareVersions(version, newest) > 0)) newest = version;
  }
  if (newest === null) return [];
  return versions.flatMap((version, place) =>
    version !== null && compareVersions(version, newest) === 0 ? [place] : [],
  );
}

/**
 * The place, in `chunks` (a release-history file's pooled chunks in first-stage order), of the chunk that
 * shows the file for a question about the newest release: of the newest version's chunks, the one the
 * question's words pick (`shownChunk`); when no heading names a version, the question's choice of them all.
 */
export function newestShown(q: QuestionStems, chunks: readonly Chunk[]): number {
  const newest = newestRelease(chunks);
  if (newest.length === 0) return shownChunk(q, chunks);
  return newest[
    shownChunk(
      q,
      newest.map((place) => chunks[place]!),
    )
  ]!;
}
