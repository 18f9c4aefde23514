/**
 * Build step (run with the meanings table, meanings-build.ts): writes dist/oracle-words.bin, the word
 * vectors the oracle reads questions with (word-space.ts), from the two shipped tables, each verified
 * against embeddings/manifest.json. Deterministic: the same tables give the same bytes.
 */
import { createHash } from 'node:crypto';
import { type EmbedderWords, writeAtomic } from '../retrieval/dense/model-files.js';
import { loadEverydayVectors } from '../retrieval/wordvec/everyday.js';
import { isStopWord } from '../text/stop-words.js';
import { recordBytes, UNIT_SCALE, WORD_BYTES, type WordSpaceHeader } from './word-space.js';

/** Everyday words kept: the most frequent ones (rarer words add size and seldom occur in questions). */
export const EVERYDAY_ROWS = 50_000;
/** SIF's a (Arora 2017): a word of probability p weighs a / (a + p). */
export const SIF_A = 1e-3;

interface TableWord {
  readonly weight: number;
  readonly unit: Int8Array;
}

function quantizedUnit(vector: ArrayLike<number>): Int8Array {
  let sum = 0;
  for (let d = 0; d < vector.length; d++) sum += vector[d]! * vector[d]!;
  const scale = sum > 0 ? UNIT_SCALE / Math.sqrt(sum) : 0;
  return Int8Array.from({ length: vector.length }, (_, d) => Math.round(vector[d]! * scale));
}

/**
 * The everyday table's words: GloVe lists words by frequency only, so a word's probability is taken from
 * its rank by Zipf's law, p(rank) = 1 / (rank · ln(1.78 · vocabulary)).
 */
function everydayWords(modelDir: string): { dim: number; words: Map<string, TableWord> } {
  const table = loadEverydayVectors(modelDir);
  const harmonic = Math.log(1.78 * table.words.length);
  const words = new Map<string, TableWord>();
  for (let row = 0; row < Math.min(EVERYDAY_ROWS, table.words.length); row++) {
    const word = table.words[row]!;
    const p = 1 / ((row + 1) * harmonic);
    words.set(word, { weight: SIF_A / (SIF_A + p), unit: quantizedUnit(table.vector(word)!) });
  }
  return { dim: table.dim, words };
}

/** The Debian-trained embedder's words, weighted by their training counts. */
function domainWords(embedder: EmbedderWords): { dim: number; words: Map<string, TableWord> } {
  const { dim, words, counts, vectors } = embedder;
  let total = 0;
  for (const c of counts) total += c;
  const out = new Map<string, TableWord>();
  for (const [row, word] of words.entries()) {
    const weight = SIF_A / (SIF_A + counts[row]! / Math.max(total, 1));
    out.set(word, { weight, unit: quantizedUnit(vectors.subarray(row * dim, (row + 1) * dim)) });
  }
  return { dim, words: out };
}

/** The file's bytes: a JSON header line, then the records sorted by their word bytes. */
export function wordSpaceBytes(modelDir: string, embedder: EmbedderWords): Buffer {
  const everyday = everydayWords(modelDir);
  const domain = domainWords(embedder);
  const dims: [number, number] = [everyday.dim, domain.dim];
  const keys = [...new Set([...everyday.words.keys(), ...domain.words.keys()])]
    .filter((w) => !isStopWord(w) && !w.includes('\n') && Buffer.byteLength(w) <= WORD_BYTES)
    .map((w) => {
      const key = Buffer.alloc(WORD_BYTES);
      key.write(w, 'utf8');
      return { word: w, key };
    })
    .sort((a, b) => Buffer.compare(a.key, b.key));
  const size = recordBytes(dims);
  const body = Buffer.alloc(keys.length * size);
  for (const [i, { word, key }] of keys.entries()) {
    const at = i * size;
    key.copy(body, at);
    const tables = [everyday.words.get(word), domain.words.get(word)];
    let offset = at + WORD_BYTES + 8;
    for (const [t, entry] of tables.entries()) {
      body.writeFloatLE(entry?.weight ?? 0, at + WORD_BYTES + 4 * t);
      if (entry !== undefined) Buffer.from(entry.unit.buffer).copy(body, offset);
      offset += dims[t]!;
    }
  }
  const header: WordSpaceHeader = {
    key: createHash('sha256').update(body).digest('hex').slice(0, 16),
    words: keys.length,
    dims,
  };
  return Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`, 'utf8'), body]);
}

/** Writes the file; returns its path. */
export function writeWordSpace(path: string, modelDir: string, embedder: EmbedderWords): string {
  writeAtomic(path, wordSpaceBytes(modelDir, embedder));
  return path;
}
