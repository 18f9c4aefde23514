/**
 * Features of one (question, chunk) pair for the reranker: KNRM kernel pooling over the question × chunk
 * word-similarity matrix (Xiong 2017) plus lexical evidence (BM25 of body and heading, heading and path
 * match, coverage of question words, proximity). Pure: word vectors and frequencies in, numbers out.
 */
import { tokenizeForModel } from './embed-tokens.js';

/** Kernel centres; the first (σ tiny) counts exact matches, the others soft matches. */
export const KERNEL_MU = [1, 0.9, 0.7, 0.5, 0.3, 0.1, -0.1] as const;
const KERNEL_SIGMA = [1e-3, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1] as const;
export const FEATURE_NAMES = [
  ...KERNEL_MU.map((mu) => `knrm_${mu}`),
  'bm25_body',
  'bm25_heading',
  'heading_coverage',
  'body_coverage',
  'proximity',
  'log_length',
] as const;
export const FEATURE_COUNT = FEATURE_NAMES.length;

const MAX_CHUNK_TOKENS = 400;
const AVG_CHUNK_TOKENS = 180;
const STOP_IDF = 0.05;
const AVG_HEADING_TOKENS = 6;

/** Word vectors (unit length) and word frequencies the features use. */
export interface FeatureVocabulary {
  readonly index: ReadonlyMap<string, number>;
  readonly dim: number;
  /** Row-major unit vectors. */
  readonly unit: Float32Array;
  /** Inverse frequency weight per word id; unknown words get `unknownIdf`. */
  readonly idf: Float32Array;
  readonly unknownIdf: number;
}

/** A candidate as the reranker sees it. */
export interface RerankText {
  readonly text: string;
  readonly headings: readonly string[];
  readonly source: string;
}

interface QuestionTerm {
  readonly token: string;
  readonly id: number;
  readonly idf: number;
}

/** Question tokens worth scoring: distinct, not near-stop-words. */
export function questionTerms(question: string, vocab: FeatureVocabulary): QuestionTerm[] {
  const seen = new Set<string>();
  const terms: QuestionTerm[] = [];
  for (const token of tokenizeForModel(question)) {
    if (seen.has(token)) continue;
    seen.add(token);
    const id = vocab.index.get(token) ?? -1;
    const idf = id >= 0 ? vocab.idf[id]! : vocab.unknownIdf;
    if (idf >= STOP_IDF) terms.push({ token, id, idf });
  }
  return terms;
}

function similarity(vocab: FeatureVocabulary, a: number, b: number): number {
  if (a < 0 || b < 0) return 0;
  let dot = 0;
  const dim = vocab.dim;
  for (let k = 0; k < dim; k++) dot += vocab.unit[a * dim + k]! * vocab.unit[b * dim + k]!;
  return dot;
}

function bm25(terms: readonly QuestionTerm[], counts: ReadonlyMap<string, number>, length: number): number {
  let score = 0;
  const norm = 1.2 * (0.25 + (0.75 * length) / AVG_CHUNK_TOKENS);
  for (const term of terms) {
    const tf = counts.get(term.token) ?? 0;
    if (tf > 0) score += (term.idf * tf * 2.2) / (tf + norm);
  }
  return score;
}

function sumOf(counts: ReadonlyMap<string, number>): number {
  let sum = 0;
  for (const n of counts.values()) sum += n;
  return sum;
}

function countOf(tokens: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
  return counts;
}

function coverage(
  terms: readonly QuestionTerm[],
  present: ReadonlyMap<string, number>,
  total: number,
): number {
  let covered = 0;
  for (const term of terms) if (present.has(term.token)) covered += term.idf;
  return total > 0 ? covered / total : 0;
}

function proximity(terms: readonly QuestionTerm[], tokens: readonly string[]): number {
  const wanted = new Set(terms.map((term) => term.token));
  const positions = tokens.flatMap((token, at) => (wanted.has(token) ? [[at, token] as const] : []));
  const distinct = new Set(positions.map(([, token]) => token)).size;
  if (distinct < 2) return 0;
  let best = Number.POSITIVE_INFINITY;
  const inWindow = new Map<string, number>();
  let left = 0;
  for (const [at, token] of positions) {
    inWindow.set(token, (inWindow.get(token) ?? 0) + 1);
    while (inWindow.size === distinct) {
      const [start, first] = positions[left]!;
      best = Math.min(best, at - start + 1);
      const n = inWindow.get(first)! - 1;
      if (n === 0) inWindow.delete(first);
      else inWindow.set(first, n);
      left++;
    }
  }
  return distinct / best;
}

function kernels(
  terms: readonly QuestionTerm[],
  counts: ReadonlyMap<string, number>,
  vocab: FeatureVocabulary,
) {
  const pooled = new Array<number>(KERNEL_MU.length).fill(0);
  const types = [...counts].map(([token, n]) => [vocab.index.get(token) ?? -1, n, token] as const);
  let weight = 0;
  for (const term of terms) {
    const soft = new Array<number>(KERNEL_MU.length).fill(0);
    for (const [id, n, token] of types) {
      const s = token === term.token ? 1 : similarity(vocab, term.id, id);
      for (let k = 0; k < KERNEL_MU.length; k++) {
        const d = s - KERNEL_MU[k]!;
        const sigma = KERNEL_SIGMA[k]!;
        soft[k]! += n * Math.exp((-d * d) / (2 * sigma * sigma));
      }
    }
    for (let k = 0; k < KERNEL_MU.length; k++) pooled[k]! += term.idf * Math.log1p(soft[k]!);
    weight += term.idf;
  }
  return pooled.map((value) => (weight > 0 ? value / weight : 0));
}

/** The feature vector (FEATURE_NAMES order) of one candidate for an already analysed question. */
export function pairFeatures(
  terms: readonly QuestionTerm[],
  candidate: RerankText,
  vocab: FeatureVocabulary,
): number[] {
  const tokens = tokenizeForModel(candidate.text).slice(0, MAX_CHUNK_TOKENS);
  const body = countOf(tokens);
  const heading = countOf(tokenizeForModel(candidate.headings.join(' ')));
  const total = terms.reduce((sum, term) => sum + term.idf, 0);
  return [
    ...kernels(terms, body, vocab),
    bm25(terms, body, tokens.length),
    bm25(terms, heading, (sumOf(heading) * AVG_CHUNK_TOKENS) / AVG_HEADING_TOKENS),
    coverage(terms, heading, total),
    coverage(terms, body, total),
    proximity(terms, tokens),
    Math.log1p(tokens.length),
  ];
}

/** Unit vectors and inverse-frequency weights from word vectors and their corpus counts. */
export function featureVocabulary(
  words: readonly string[],
  counts: Float64Array,
  dim: number,
  input: Float32Array,
): FeatureVocabulary {
  let total = 0;
  for (const c of counts) total += c;
  const unit = new Float32Array(input.length);
  for (let r = 0; r < words.length; r++) {
    let norm = 0;
    for (let k = 0; k < dim; k++) norm += input[r * dim + k]! ** 2;
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let k = 0; k < dim; k++) unit[r * dim + k] = input[r * dim + k]! * scale;
  }
  const idfOf = (count: number) => Math.log1p((1e-4 * total) / (count + 1));
  return {
    index: new Map(words.map((word, i) => [word, i])),
    dim,
    unit,
    idf: Float32Array.from(counts, idfOf),
    unknownIdf: idfOf(0),
  };
}
