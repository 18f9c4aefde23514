/**
 * The everyday English word vectors (embeddings/everyday.*, written by train/build-everyday.ts, described in
 * wordvec/everyday.ts) as the reranker's soft-match features read a vocabulary. A search compares a few
 * thousand words, so this reads the two files (verified against the manifest), indexes the words without a
 * string per word and makes unit vectors only for the rows asked for; wordvec/everyday.ts's reader, made for
 * nearest-neighbour scans, builds a Map of every word and normalises every row up front, which costs a one-shot
 * search 30-40 ms and 30 MB.
 * GloVe ships its words in frequency order without counts; Zipf's law (count ∝ 1 / rank) stands in for them,
 * on the scale of a billion-word corpus, so the features weigh rare question words above common ones as they
 * do in the collection's own vectors.
 */
import { join } from 'node:path';
import { InvalidDataError } from '../../errors.js';
import type { FileStamps } from '../dense/file-stamps.js';
import { readManifest, readVerified } from '../dense/model-files.js';
import { EVERYDAY_FILE, REBUILD_EVERYDAY } from '../wordvec/everyday.js';
import type { FeatureVocabulary } from '../wordvec/feature-vocabulary.js';

/** The count Zipf's law gives the most frequent word. */
const ZIPF_TOP_COUNT = 1e9;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * Word → row over the vocabulary file's bytes (one word per line after the dimension line): an open-addressing
 * table of FNV-1a hashes of the lines, so no string is made per word of the 80,000; a lookup compares bytes.
 * The words are ASCII (wordvec/everyday.ts EVERYDAY_WORD), so any other word is simply unknown.
 */
function wordIndex(
  bytes: Uint8Array,
  first: number,
): { rows: number; get(word: string): number | undefined } {
  const starts: number[] = [];
  const ends: number[] = [];
  let start = first;
  for (let at = first; at <= bytes.length; at++) {
    if (at < bytes.length && bytes[at] !== 10) continue;
    if (at > start) {
      starts.push(start);
      ends.push(at);
    }
    start = at + 1;
  }
  const rows = starts.length;
  const size = 2 ** Math.ceil(Math.log2(2 * rows + 1));
  const table = new Int32Array(size).fill(-1);
  starts.forEach((start, r) => {
    let h = FNV_OFFSET;
    for (let k = start; k < ends[r]!; k++) h = Math.imul(h ^ bytes[k]!, FNV_PRIME);
    let slot = (h >>> 0) & (size - 1);
    while (table[slot] !== -1) slot = (slot + 1) & (size - 1);
    table[slot] = r;
  });
  const same = (r: number, word: string) => {
    if (ends[r]! - starts[r]! !== word.length) return false;
    for (let k = 0; k < word.length; k++) if (bytes[starts[r]! + k] !== word.charCodeAt(k)) return false;
    return true;
  };
  return {
    rows,
    get(word) {
      let h = FNV_OFFSET;
      for (let k = 0; k < word.length; k++) {
        const c = word.charCodeAt(k);
        if (c > 127) return undefined;
        h = Math.imul(h ^ c, FNV_PRIME);
      }
      for (let slot = (h >>> 0) & (size - 1); table[slot] !== -1; slot = (slot + 1) & (size - 1))
        if (same(table[slot]!, word)) return table[slot]!;
      return undefined;
    },
  };
}

/** The word index (`<dim>` on the first line, then one word per line) and the int8 rows of the vectors file. */
function readTable(dir: string, stamps?: FileStamps) {
  const manifest = readManifest(dir, REBUILD_EVERYDAY);
  const vocabFile = `${EVERYDAY_FILE}.vocab.txt`;
  const binFile = `${EVERYDAY_FILE}.vectors.bin`;
  const vocab = readVerified(dir, vocabFile, manifest, REBUILD_EVERYDAY, stamps);
  const newline = vocab.indexOf(10);
  const dim = Number(vocab.subarray(0, newline < 0 ? vocab.length : newline).toString('utf8'));
  const index = wordIndex(vocab, newline + 1);
  const bin = readVerified(dir, binFile, manifest, REBUILD_EVERYDAY, stamps);
  const { rows } = index;
  if (newline < 0 || !Number.isInteger(dim) || dim <= 0 || bin.length !== rows * dim + 4 * rows) {
    throw new InvalidDataError(
      `models: ${join(dir, binFile)} does not hold ${rows} rows of the dimension in ${vocabFile} (${REBUILD_EVERYDAY})`,
      { file: join(dir, binFile) },
    );
  }
  return { dim, index, values: new Int8Array(bin.buffer, bin.byteOffset, rows * dim) };
}

/** Unit vectors and Zipf weights of the everyday vectors of a model folder (read and verified when called). */
export function loadEverydayVocabulary(dir: string, stamps?: FileStamps): FeatureVocabulary {
  const { dim, index, values } = readTable(dir, stamps);
  const { rows } = index;
  let total = 0;
  for (let r = 0; r < rows; r++) total += ZIPF_TOP_COUNT / (r + 1);
  const idfOf = (count: number) => Math.log1p((1e-4 * total) / (count + 1));
  const idf = new Float32Array(rows);
  for (let r = 0; r < rows; r++) idf[r] = idfOf(ZIPF_TOP_COUNT / (r + 1));
  return {
    index: { get: index.get },
    dim,
    unitRows(ids) {
      const unit = new Float32Array(ids.length * dim);
      ids.forEach((row, i) => {
        let norm = 0;
        for (let k = row * dim; k < (row + 1) * dim; k++) norm += values[k]! * values[k]!;
        const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
        for (let k = 0; k < dim; k++) unit[i * dim + k] = values[row * dim + k]! * scale;
      });
      return unit;
    },
    idf,
    unknownIdf: idfOf(0),
  };
}
