/**
 * Copies among the results (resemblance of word shingles: Broder 1997). A documentation folder can hold one
 * text on several pages that differ as a whole — a Doxygen member documented on two group pages, a rustdoc
 * item re-exported by another crate, one API reference rendered by two generators, a hundred template pages
 * that differ only in their name — so page-level copy rules keep both and the copies fill a top 10. A result
 * whose shown text is the same as, or a near copy of, the shown text of a result ranked above it (from another
 * file) is folded into that result, and the results after it move up. Only the order of what is shown is
 * read: which files are found and how they rank is not touched.
 *
 * Texts are compared as word sequences (letter and digit runs, lower-cased, so markup, punctuation and
 * spacing do not count) by the share of word pairs (2-shingles) they have in common, also with the words of
 * each file's own name masked ("same text but a name": rustdoc's `struct.Pub.html` and `struct.Try.html`).
 * Two alike texts that differ in a word of the question (Apache's mod_brotli page, written from mod_deflate's,
 * for "gzip with mod_deflate") answer it differently and are both kept; so do two whose names differ in a word
 * the question asks, even a stop word ("get" of Linux-PAM's `pam_get_item` against `pam_set_item`).
 */
import { posix } from 'node:path';
import { STOP_WORDS } from '../../text/stop-words.js';
import { type QuestionStems, termsIn } from './shown-chunk.js';

/** The text a result shows, and the file it comes from. */
export interface ShownText {
  readonly source: string;
  readonly text: string;
}

/** A result folded into one above it, with the resemblance of their shown texts (1: the same words). */
export interface CopyOf<T> {
  readonly item: T;
  readonly resemblance: number;
}

/** A result kept, with the results folded into it, in rank order. */
export interface FoldedResult<T> {
  readonly item: T;
  readonly copies: readonly CopyOf<T>[];
}

/**
 * The least resemblance of a near copy. Measured on the top 10s of 24 questions over three Debian doc folders
 * (LMDB, rustdoc crates, libxslt's two renderings): copies .81–1 (rustdoc's token template pages .75–.83),
 * different texts at most .65.
 */
export const COPY_RESEMBLANCE = 0.75;

/** Texts of fewer words say too little to call two pages copies (a bare "LMDB Internals" breadcrumb). */
export const COPY_MIN_WORDS = 8;

const WORD = /[\p{L}\p{N}]+/gu;

/** A text's word pairs, each hashed to 32 bits, sorted and without repeats. */
type Shingles = Uint32Array;

interface Read {
  readonly words: number;
  readonly plain: Shingles;
  /** With the words of the file's own name masked; the same array when the text holds none. */
  readonly masked: Shingles;
}

/** FNV-1a of a word; 0 stands for a masked word. */
function wordHash(word: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), 0x01000193);
  return hash >>> 0 || 1;
}

function shinglesOf(hashes: readonly number[]): Shingles {
  const pairs = new Uint32Array(Math.max(hashes.length - 1, 0));
  for (let i = 1; i < hashes.length; i++)
    pairs[i - 1] = (Math.imul(hashes[i - 1]!, 0x01000193) ^ hashes[i]!) >>> 0;
  pairs.sort();
  let unique = 0;
  for (let i = 0; i < pairs.length; i++)
    if (i === 0 || pairs[i] !== pairs[i - 1]) pairs[unique++] = pairs[i]!;
  return pairs.subarray(0, unique);
}

/**
 * A text read for comparison. The words of the file's name are masked as the name writes them (rustdoc's
 * `struct.Pub.html` masks "Pub", not the keyword "pub"), and the comparison takes the better of the plain and
 * the masked reading: two pages with the same text under different names (LMDB's `group__mdb__copy.html`
 * against `group__internal.html`, whose texts are full of "mdb") stay the same text.
 */
function read(shown: ShownText): Read {
  const own = new Set(posix.basename(shown.source).match(WORD) ?? []);
  const words = shown.text.match(WORD) ?? [];
  const hashes = words.map((word) => wordHash(word.toLowerCase()));
  const plain = shinglesOf(hashes);
  if (!words.some((word) => own.has(word))) return { words: words.length, plain, masked: plain };
  const masked = shinglesOf(hashes.map((hash, i) => (own.has(words[i]!) ? 0 : hash)));
  return { words: words.length, plain, masked };
}

/**
 * Jaccard coefficient of two sorted sets, or 0 as soon as it cannot reach `least`: J ≥ least needs
 * shared ≥ least·(|x| + |y|)/(1 + least), so at most |x| + |y| − 2·that elements may be missing from the other set.
 */
function jaccard(x: Shingles, y: Shingles, least: number): number {
  const total = x.length + y.length;
  if (total === 0) return 0;
  const mayMiss = total - (2 * least * total) / (1 + least);
  let shared = 0;
  let missed = 0;
  for (let i = 0, j = 0; i < x.length || j < y.length; ) {
    if (j >= y.length || (i < x.length && x[i]! < y[j]!)) {
      i++;
      missed++;
    } else if (i >= x.length || x[i]! > y[j]!) {
      j++;
      missed++;
    } else {
      shared++;
      i++;
      j++;
    }
    if (missed > mayMiss) return 0;
  }
  return shared / (total - shared);
}

function resemblanceOf(a: Read, b: Read, least: number): number {
  if (a.words < COPY_MIN_WORDS || b.words < COPY_MIN_WORDS) return 0;
  const plain = jaccard(a.plain, b.plain, least);
  if (plain >= COPY_RESEMBLANCE || (a.masked === a.plain && b.masked === b.plain)) return plain;
  return Math.max(plain, jaccard(a.masked, b.masked, least));
}

/** How alike two shown texts are, 0 to 1 (0 when either is too short to tell, or both come from one file). */
export function resemblance(a: ShownText, b: ShownText): number {
  return a.source === b.source ? 0 : resemblanceOf(read(a), read(b), 0);
}

/**
 * A name in a text: words joined by `_`, `::` or `.` (`pam_get_item`, `Assert.assertThrows`), or a lowerCamel
 * method name (`getMessage`). Hyphenated words ("how-to") and UpperCamel names (Apache's `<IfModule>`) are
 * left out: their parts are prose words, not what one name changes against another.
 */
const NAME = /[A-Za-z0-9]+(?:(?:_+|::|\.)[A-Za-z0-9]+)+|(?<![A-Za-z0-9])[a-z]+(?:[A-Z][a-z0-9]*)+/g;
const NAME_PART = /_+|::|\.|(?<=[a-z0-9])(?=[A-Z])/;

/** The lower-case words of the names in a text, two letters or more ("i.e." names nothing). */
export function nameParts(text: string): Set<string> {
  const found = new Set<string>();
  for (const [name] of text.matchAll(NAME))
    for (const part of name.split(NAME_PART)) if (part.length >= 2) found.add(part.toLowerCase());
  return found;
}

/**
 * The question as the fold's guard reads it: its terms, and its stop words ("get", "how"), which search drops
 * but which count where a name holds them (`pam_get_item`).
 */
export interface FoldQuestion {
  readonly stems: QuestionStems;
  readonly stopWords: ReadonlySet<string>;
}

/** The fold's reading of `question`, whose terms `stems` already holds. */
export function foldQuestion(question: string, stems: QuestionStems): FoldQuestion {
  const words = [...(question.toLowerCase().match(WORD) ?? []), ...nameParts(question)];
  return { stems, stopWords: new Set(words.filter((word) => STOP_WORDS.has(word))) };
}

/** A shown text as the fold reads it; the question words it holds are read only when a resemblance asks. */
interface Shown {
  readonly shown: ShownText;
  readonly read: Read;
  terms?: Set<string>;
}

interface Kept<T> extends Shown {
  readonly item: T;
  readonly copies: CopyOf<T>[];
}

/** The question's terms a text holds, and its stop words that are part of a name in the text. */
function termsOf(text: Shown, q: FoldQuestion): Set<string> {
  if (text.terms !== undefined) return text.terms;
  const terms = termsIn(text.shown.text, q.stems);
  // A name's stop word is kept apart from the stems (which hold no space): "get" of `pam_get_item` is not "gets".
  if (q.stopWords.size > 0)
    for (const part of nameParts(text.shown.text)) if (q.stopWords.has(part)) terms.add(` ${part}`);
  text.terms = terms;
  return terms;
}

/**
 * Whether two alike texts hold the same question words. Where they differ is where a template differs, the
 * name it is about (brotli against deflate, gevent against eventlet, pam_get_item against pam_set_item): when
 * the question names one, they are two answers to it, not one.
 */
function sameTerms(a: Shown, b: Shown, q: FoldQuestion): boolean {
  const [x, y] = [termsOf(a, q), termsOf(b, q)];
  return x.size === y.size && [...x].every((term) => y.has(term));
}

/** The first kept result from another file whose text `text` resembles enough, and by how much. */
function firstResembled<T>(
  kept: readonly Kept<T>[],
  text: Shown,
  q: FoldQuestion,
): { above: Kept<T>; resemblance: number } | null {
  for (const above of kept) {
    if (above.shown.source === text.shown.source) continue;
    const alike = resemblanceOf(above.read, text.read, COPY_RESEMBLANCE);
    if (alike >= COPY_RESEMBLANCE && sameTerms(above, text, q)) return { above, resemblance: alike };
  }
  return null;
}

/**
 * Walks `candidates` in rank order and keeps up to `limit` results: a candidate whose shown text resembles a
 * kept one's by COPY_RESEMBLANCE or more (from another file) and holds the same words of the question `q` is
 * folded into the first such, else it is kept. Candidates are read lazily, only as far as `limit` kept results
 * need.
 */
export function foldCopies<T>(
  candidates: Iterable<T>,
  shownText: (item: T) => ShownText,
  limit: number,
  q: FoldQuestion,
): FoldedResult<T>[] {
  const kept: Kept<T>[] = [];
  if (limit <= 0) return [];
  for (const item of candidates) {
    const shown = shownText(item);
    const text: Shown = { shown, read: read(shown) };
    const into = firstResembled(kept, text, q);
    if (into !== null) {
      into.above.copies.push({ item, resemblance: Number(into.resemblance.toFixed(3)) });
      continue;
    }
    kept.push({ ...text, item, copies: [] });
    if (kept.length >= limit) break;
  }
  return kept.map(({ item, copies }) => ({ item, copies }));
}
