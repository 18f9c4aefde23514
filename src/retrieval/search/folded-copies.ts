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
 * spacing do not count) after the words of both files' names are masked ("same text but a name": rustdoc's
 * `struct.Pub.html` and `struct.Try.html`), by the share of word pairs (2-shingles) they have in common.
 */

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
 * (LMDB, rustdoc crates, libxslt's two renderings): copies .82–1, different texts at most .65.
 */
export const COPY_RESEMBLANCE = 0.75;

/** Texts of fewer words say too little to call two pages copies (a bare "LMDB Internals" breadcrumb). */
export const COPY_MIN_WORDS = 8;

const WORD = /[\p{L}\p{N}]+/gu;

function wordsOf(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

/** The words of a file's name (its last path part), which template pages repeat in their text. */
function nameWords(source: string): string[] {
  return wordsOf(source.slice(source.lastIndexOf('/') + 1));
}

interface Read {
  readonly words: readonly string[];
  readonly names: readonly string[];
}

function shingles(words: readonly string[], masked: ReadonlySet<string>): Set<string> {
  const masks = words.map((word) => (masked.has(word) ? '\0' : word));
  const pairs = new Set<string>();
  for (let i = 1; i < masks.length; i++) pairs.add(`${masks[i - 1]} ${masks[i]}`);
  return pairs;
}

function resemblanceOf(a: Read, b: Read): number {
  if (a.words.length < COPY_MIN_WORDS || b.words.length < COPY_MIN_WORDS) return 0;
  // Jaccard ≥ r needs the smaller set at least r of the larger: unequal lengths are told apart unread.
  const [short, long] = a.words.length <= b.words.length ? [a, b] : [b, a];
  if (short.words.length < COPY_RESEMBLANCE * long.words.length) return 0;
  const masked = new Set([...a.names, ...b.names]);
  const x = shingles(a.words, masked);
  const y = shingles(b.words, masked);
  let shared = 0;
  for (const pair of x) if (y.has(pair)) shared += 1;
  return shared / (x.size + y.size - shared);
}

function read(shown: ShownText): Read {
  return { words: wordsOf(shown.text), names: nameWords(shown.source) };
}

/** How alike two shown texts are, 0 to 1 (0 when either is too short to tell, or both come from one file). */
export function resemblance(a: ShownText, b: ShownText): number {
  return a.source === b.source ? 0 : resemblanceOf(read(a), read(b));
}

interface Kept<T> {
  readonly item: T;
  readonly source: string;
  readonly read: Read;
  readonly copies: CopyOf<T>[];
}

/** The first kept result from another file whose text `text` resembles enough, and by how much. */
function firstResembled<T>(
  kept: readonly Kept<T>[],
  source: string,
  text: Read,
): { above: Kept<T>; resemblance: number } | null {
  for (const above of kept) {
    if (above.source === source) continue;
    const alike = resemblanceOf(above.read, text);
    if (alike >= COPY_RESEMBLANCE) return { above, resemblance: alike };
  }
  return null;
}

/**
 * Walks `candidates` in rank order and keeps up to `limit` results: a candidate whose shown text resembles a
 * kept one's by COPY_RESEMBLANCE or more (from another file) is folded into the first such, else it is kept.
 * Candidates are read lazily, only as far as `limit` kept results need.
 */
export function foldCopies<T>(
  candidates: Iterable<T>,
  shownText: (item: T) => ShownText,
  limit: number,
): FoldedResult<T>[] {
  const kept: Kept<T>[] = [];
  if (limit <= 0) return [];
  for (const item of candidates) {
    const shown = shownText(item);
    const text = read(shown);
    const into = firstResembled(kept, shown.source, text);
    if (into !== null) {
      into.above.copies.push({ item, resemblance: Number(into.resemblance.toFixed(3)) });
      continue;
    }
    kept.push({ item, source: shown.source, read: text, copies: [] });
    if (kept.length >= limit) break;
  }
  return kept.map(({ item, copies }) => ({ item, copies }));
}
