/**
 * Pages that are nearly copies of another page under the same file name: rustdoc writes a full page for an
 * item at every path that re-exports it (`alloc/vec/struct.Vec.html`, `std/vec/struct.Vec.html`), manuals
 * ship the same licence page twice, books keep several editions, a gzipped copy sits beside the page
 * (`x.md.gz` and `x.md` share the name `x.md`). Resemblance is the Jaccard coefficient of word 5-shingle
 * sets of the extracted text (Broder 1997); a page too short to judge that way is a copy only when its
 * words are the same (DocBook XSL writes each short parameter page once per output format, `fo/X.html` and
 * `html/X.html`, whose text differs only in the Prev/Next links the extraction drops). Only files with the
 * same name and a content size within a quarter of each other are compared, so the cost stays with the few
 * candidates. API generators also write one member twice under two names in one folder, and those pages
 * are compared as well (familyOf): gi-docgen's `vfunc.Font.describe.html` repeats
 * `method.Font.describe.html`, and Doxygen writes a class page per template specialisation
 * (`classsigc_1_1signal_3_01…accumulated.html`, its encoding of `signal< … >::accumulated`).
 */
import { documentLines } from './document-text.js';
import { contentSize, type FoundFile, type ReadResult, readDocument, uncompressedFirst } from './files.js';
import { withoutGzip } from './gzip.js';

/** Texts at least this alike count as one page. */
export const NEAR_DUPLICATE_JACCARD = 0.9;
/** Pages with fewer shingles are too short to judge (stubs and redirects are told apart by few words). */
const MIN_SHINGLES = 40;
/**
 * A shorter page is a copy only with the same words, and only when it has this many: a stub ("This page
 * has moved") says too little to be called a copy of another.
 */
const MIN_SAME_WORDS = 20;
/** Files compared per name, at most (the rest of a very common name is left as it is). */
const MAX_GROUP = 64;

/** A page's shingles, or its words when it is too short to judge by shingles. */
type Resemblance = { readonly shingles: Set<string> } | { readonly words: string };

function resemblanceOf(file: FoundFile, readPage: (file: FoundFile) => ReadResult): Resemblance | null {
  const read = readPage(file);
  if ('skipped' in read) return null;
  const text = documentLines(file.kind, read.text)
    .map((line) => line.text)
    .join('\n');
  const words = text.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [];
  if (words.length < MIN_SAME_WORDS) return null;
  const set = new Set<string>();
  for (let i = 0; i + 5 <= words.length; i += 1) set.add(words.slice(i, i + 5).join(' '));
  return set.size >= MIN_SHINGLES ? { shingles: set } : { words: words.join(' ') };
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  if (small.size / large.size < NEAR_DUPLICATE_JACCARD) return 0;
  let shared = 0;
  for (const item of small) if (large.has(item)) shared += 1;
  return shared / (a.size + b.size - shared);
}

/**
 * The files (sorted by source) that nearly copy an earlier file of the same name, each with that file:
 * the first of a family is kept, an uncompressed file before a gzipped one.
 * Then the pages of one folder that name one member twice (familyOf), among the pages left.
 */
export function nearDuplicates(
  files: readonly FoundFile[],
  readPage: (file: FoundFile) => ReadResult = readDocument,
): Map<string, string> {
  const sets = new Map<string, Resemblance | null>();
  const setOf = (file: FoundFile) => {
    if (!sets.has(file.source)) sets.set(file.source, resemblanceOf(file, readPage));
    return sets.get(file.source)!;
  };
  const sorted = [...files].sort(uncompressedFirst);
  const nameOf = (file: FoundFile) =>
    withoutGzip(file.source.slice(file.source.lastIndexOf('/') + 1)).toLowerCase();
  const copies = copiesWithin(groupBy(sorted, nameOf), setOf);
  const left = sorted.filter((file) => !copies.has(file.source));
  for (const [copy, original] of copiesWithin(groupBy(left, familyOf), setOf)) copies.set(copy, original);
  return copies;
}

/**
 * The folder and the name of the member an API page documents, for the names that say it twice: a
 * gi-docgen kind before it (`vfunc.` and `method.`, the kind a lower-case word and the rest at least two
 * dotted parts), or Doxygen's template arguments (`_3_01`, its encoding of `< `, and all after it); null
 * for any other name.
 */
export function familyOf(file: FoundFile): string | null {
  const slash = file.source.lastIndexOf('/') + 1;
  const name = withoutGzip(file.source.slice(slash));
  const kind = /^[a-z_]+\.([^.]+\.[^.]+\.html?)$/.exec(name);
  if (kind !== null) return `${file.source.slice(0, slash)}*.${kind[1]}`;
  const template = name.indexOf('_3_01');
  return template > 0 && /\.html?$/.test(name)
    ? `${file.source.slice(0, slash)}${name.slice(0, template)}<>`
    : null;
}

/** Files grouped by a key (null: in no group), in their order. */
function groupBy(files: readonly FoundFile[], keyOf: (file: FoundFile) => string | null) {
  const groups = new Map<string, FoundFile[]>();
  for (const file of files) {
    const key = keyOf(file);
    if (key !== null) groups.set(key, [...(groups.get(key) ?? []), file]);
  }
  return groups.values();
}

/** In each group, the files that nearly copy an earlier file of the group, each with that file. */
function copiesWithin(
  groups: Iterable<FoundFile[]>,
  setOf: (file: FoundFile) => Resemblance | null,
): Map<string, string> {
  const copies = new Map<string, string>();
  for (const group of groups) {
    if (group.length < 2) continue;
    const kept: FoundFile[] = [];
    for (const file of group.slice(0, MAX_GROUP)) {
      const original = kept.find(
        (other) =>
          Math.abs(contentSize(other) - contentSize(file)) <=
            0.25 * Math.max(contentSize(other), contentSize(file)) && similar(setOf(other), setOf(file)),
      );
      if (original === undefined) kept.push(file);
      else copies.set(file.source, original.source);
    }
  }
  return copies;
}

function similar(a: Resemblance | null, b: Resemblance | null): boolean {
  if (a === null || b === null) return false;
  if ('shingles' in a && 'shingles' in b) return jaccard(a.shingles, b.shingles) >= NEAR_DUPLICATE_JACCARD;
  return 'words' in a && 'words' in b && a.words === b.words;
}
