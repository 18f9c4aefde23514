/**
 * SIF's second step (Arora 2017): the direction every text vector of a collection shares — the first
 * singular vector of its texts' pooled vectors — carries what the words of any text have in common (the
 * collection's topic, words like "how" or "use") rather than what sets one text apart. It is removed from
 * every word vector once, at adaptation: pooling is a weighted sum, so projecting each row off the direction
 * projects every pooled text vector off it, and a search needs no change.
 */
import { sifWeights } from '../onnx/embedder-graph.js';
import type { WordVectors } from '../wordvec/skipgram.js';
import { encodeCorpus, indexWords } from '../wordvec/vocab.js';

/** Texts whose pooled vectors find the direction (the first ones; more change it little). */
const SAMPLE = 5000;
/**
 * Fewer texts than this share no background apart from their topic: the first singular vector of a handful of
 * texts is what they are about, and removing it would remove the content (the smallest measured collection,
 * specs, adapts on ~130 texts).
 */
export const MIN_TEXTS = 50;
const ITERATIONS = 50;

/** The unit-length SIF-pooled vector of each text (zero for a text with no known word). */
function pooledTexts(vectors: WordVectors, texts: readonly string[]): Float64Array[] {
  const { dim, input } = vectors;
  const weights = sifWeights(vectors.counts);
  const index = indexWords(vectors.words);
  return texts.slice(0, SAMPLE).map((text) => {
    const sum = new Float64Array(dim);
    for (const id of encodeCorpus([text], index)) {
      if (id < 0) continue;
      const w = weights[id]!;
      for (let k = 0; k < dim; k++) sum[k]! += w * input[id * dim + k]!;
    }
    let norm = 0;
    for (const v of sum) norm += v * v;
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    return sum.map((v) => v * inv);
  });
}

/** The first right singular vector of the rows (power iteration from their mean), or null for none. */
export function commonDirection(rows: readonly Float64Array[], dim: number): Float64Array | null {
  let u = new Float64Array(dim);
  for (const row of rows) for (let k = 0; k < dim; k++) u[k]! += row[k]!;
  for (let it = 0; it <= ITERATIONS; it++) {
    let norm = 0;
    for (const v of u) norm += v * v;
    if (norm === 0) return null;
    u = u.map((v) => v / Math.sqrt(norm));
    if (it === ITERATIONS) break;
    const next = new Float64Array(dim);
    for (const row of rows) {
      let dot = 0;
      for (let k = 0; k < dim; k++) dot += row[k]! * u[k]!;
      for (let k = 0; k < dim; k++) next[k]! += dot * row[k]!;
    }
    u = next;
  }
  return u;
}

/** Returns the vectors with every word's input row projected off the texts' common direction (as they are for fewer than MIN_TEXTS texts). */
export function removeCommonDirection(vectors: WordVectors, texts: readonly string[]): WordVectors {
  if (texts.length < MIN_TEXTS) return vectors;
  const { dim } = vectors;
  const u = commonDirection(pooledTexts(vectors, texts), dim);
  if (u === null) return vectors;
  const input = Float32Array.from(vectors.input);
  for (let at = 0; at < input.length; at += dim) {
    let dot = 0;
    for (let k = 0; k < dim; k++) dot += input[at + k]! * u[k]!;
    for (let k = 0; k < dim; k++) input[at + k]! -= dot * u[k]!;
  }
  return { ...vectors, input };
}
