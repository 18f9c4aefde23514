/**
 * The shipped everyday-English word vectors (GloVe, Pennington 2014; embeddings/everyday.md): words that the
 * Debian-trained embedder never saw used in plain English ("unusual", "quickest", "group"). Two files,
 * checked against embeddings/manifest.json when loaded: `everyday.vocab.txt` (the dimension, then one word
 * per line, most frequent first) and `everyday.vectors.bin` (int8 rows, then one float32 scale per row).
 * The table is read once and used in place: an Int8Array over the file's bytes, dequantised one row at a
 * time when asked. The row scales after the values restore GloVe's magnitudes; cosine similarity, all this
 * reader offers, needs none of them.
 */
import { join } from 'node:path';
import { InvalidDataError } from '../../errors.js';
import type { FileStamps } from '../dense/file-stamps.js';
import { readManifest, readVerified } from '../dense/model-files.js';

export const EVERYDAY_FILE = 'everyday';
/** The words kept: lower case letters and digits, at least one letter, inner hyphens allowed. */
export const EVERYDAY_WORD = /^(?=[a-z0-9-]*[a-z])[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const REBUILD_EVERYDAY = 'run npm run build:everyday to rebuild the everyday word vectors';

/** A word and its cosine similarity to what was asked. */
export interface Neighbour {
  readonly word: string;
  readonly similarity: number;
}

export interface EverydayVectors {
  readonly dim: number;
  /** The words, most frequent first; a word's position is its row. */
  readonly words: readonly string[];
  /** Row of a word, or -1 when the table does not know it. */
  rowOf(word: string): number;
  /** The word's vector scaled to unit length (a new array), or null when unknown. */
  vector(word: string): Float32Array | null;
  /** Cosine similarity of two words, or null when either is unknown. */
  similarity(a: string, b: string): number | null;
  /**
   * The `k` words nearest to a word or a vector by cosine, best first, among the `rows` most frequent words
   * (all by default); a word asked for is not its own neighbour.
   */
  nearest(query: string | Float32Array, k: number, rows?: number): Neighbour[];
}

/** Reads the everyday vectors of a model folder (default layout: embeddings/), verified against its manifest. */
export function loadEverydayVectors(dir: string, stamps?: FileStamps): EverydayVectors {
  const manifest = readManifest(dir, REBUILD_EVERYDAY);
  const vocabFile = `${EVERYDAY_FILE}.vocab.txt`;
  const binFile = `${EVERYDAY_FILE}.vectors.bin`;
  const text = readVerified(dir, vocabFile, manifest, REBUILD_EVERYDAY, stamps).toString('utf8');
  const { dim, words } = parseWordList(text, join(dir, vocabFile));
  const bin = readVerified(dir, binFile, manifest, REBUILD_EVERYDAY, stamps);
  const rows = words.length;
  if (bin.length !== rows * dim + 4 * rows) {
    throw new InvalidDataError(
      `models: ${join(dir, binFile)} does not hold ${rows} rows of ${dim} values (${REBUILD_EVERYDAY})`,
      { file: join(dir, binFile) },
    );
  }
  return createEverydayVectors(dim, words, new Int8Array(bin.buffer, bin.byteOffset, rows * dim));
}

/** `<dim>` on the first line, then one word per line. */
function parseWordList(text: string, path: string): { dim: number; words: string[] } {
  const lines = text.trimEnd().split('\n');
  const dim = Number(lines[0]);
  if (!Number.isInteger(dim) || dim <= 0) {
    throw new InvalidDataError(`models: ${path} has no dimension line (${REBUILD_EVERYDAY})`, { file: path });
  }
  return { dim, words: lines.slice(1) };
}

function createEverydayVectors(dim: number, words: readonly string[], values: Int8Array): EverydayVectors {
  const index = new Map(words.map((w, i) => [w, i]));
  let inverseNorms: Float32Array | undefined;
  const inverseNorm = (row: number): number => {
    if (inverseNorms === undefined) {
      inverseNorms = new Float32Array(words.length);
      for (let r = 0; r < words.length; r++) {
        let sum = 0;
        for (let d = r * dim; d < (r + 1) * dim; d++) sum += values[d]! * values[d]!;
        inverseNorms[r] = sum > 0 ? 1 / Math.sqrt(sum) : 0;
      }
    }
    return inverseNorms[row]!;
  };
  const rowOf = (word: string) => index.get(word) ?? -1;
  const unitRow = (row: number): Float32Array => {
    const out = new Float32Array(dim);
    const scale = inverseNorm(row);
    for (let d = 0; d < dim; d++) out[d] = values[row * dim + d]! * scale;
    return out;
  };
  const dotRow = (unit: Float32Array, row: number): number => {
    let dot = 0;
    for (let d = 0; d < dim; d++) dot += unit[d]! * values[row * dim + d]!;
    return dot * inverseNorm(row);
  };
  return {
    dim,
    words,
    rowOf,
    vector: (word) => {
      const row = rowOf(word);
      return row < 0 ? null : unitRow(row);
    },
    similarity: (a, b) => {
      const ra = rowOf(a);
      const rb = rowOf(b);
      return ra < 0 || rb < 0 ? null : dotRow(unitRow(ra), rb);
    },
    nearest: (query, k, rows = words.length) => {
      const self = typeof query === 'string' ? rowOf(query) : -1;
      const unit = typeof query === 'string' ? (self < 0 ? null : unitRow(self)) : toUnit(query);
      if (unit === null || k <= 0) return [];
      const best: Neighbour[] = [];
      for (let r = 0; r < Math.min(rows, words.length); r++) {
        if (r === self) continue;
        const similarity = dotRow(unit, r);
        if (best.length === k && similarity <= best[k - 1]!.similarity) continue;
        let at = best.length;
        while (at > 0 && best[at - 1]!.similarity < similarity) at--;
        best.splice(at, 0, { word: words[r]!, similarity });
        if (best.length > k) best.pop();
      }
      return best;
    },
  };
}

function toUnit(vector: Float32Array): Float32Array {
  let sum = 0;
  for (const v of vector) sum += v * v;
  const scale = sum > 0 ? 1 / Math.sqrt(sum) : 0;
  return Float32Array.from(vector, (v) => v * scale);
}
