/**
 * Soft-match features of the file reranker in the collection's word vectors (KNRM kernel pooling, Xiong
 * 2017, per file), and the cosine of the question to each file's title in the collection's embedder.
 */
import type { FeatureVocabulary } from '../wordvec/feature-vocabulary.js';
import { questionTerms } from './question-terms.js';
import type { WordSimilarities } from './similarity.js';

/** The head's distinct words as file-features.ts lists them: the words and which are stop words. */
export interface HeadWords {
  readonly list: readonly string[];
  readonly stop: readonly boolean[];
}

/** A file's distinct words (ids of the head's list, stop words aside) and how often each occurs. */
export interface FileWords {
  readonly words: Int32Array;
  readonly counts: Float64Array;
}

/** What soft matching needs: the collection's word vectors and something that computes their cosines. */
export interface SoftMatching {
  readonly vocabulary: FeatureVocabulary;
  readonly similarities: WordSimilarities;
  /** The collection embedder's unit vectors of texts (for `title_cos`); without it that column is 0. */
  readonly embed?: (texts: readonly string[]) => Promise<Float32Array[]>;
}

/** Centres of the soft-match kernels (σ = 0.1): how many of a file's words are near a question word. */
const SOFT_MU = [0.9, 0.7, 0.5, 0.3] as const;
const SOFT_SIGMA = 0.1;
export const SOFT_WIDTH = 1 + SOFT_MU.length;

/** The question's terms with their unit vectors side by side (zeros for a term without one). */
interface SoftQuestion {
  readonly terms: ReturnType<typeof questionTerms>;
  readonly vectors: Float32Array;
}

function softQuestion(question: string, vocab: FeatureVocabulary): SoftQuestion {
  const terms = questionTerms(question, vocab);
  const dim = vocab.dim;
  const vectors = new Float32Array(terms.length * dim);
  terms.forEach((term, t) => {
    if (term.id >= 0) vectors.set(vocab.unitRows([term.id]), t * dim);
  });
  return { terms, vectors };
}

/**
 * Per distinct word of the head and question term: the similarity (1 for the term itself, 0 without
 * vectors), then the kernel values (0 for the term itself); row-major [words × terms × SOFT_WIDTH].
 * Stop words are never counted, so their rows stay 0.
 */
async function wordRows(words: HeadWords, q: SoftQuestion, soft: SoftMatching) {
  const vocab = soft.vocabulary;
  const { terms, vectors } = q;
  const counted = words.stop.flatMap((stop, w) => (stop ? [] : [w]));
  const ids = counted.map((w) => vocab.index.get(words.list[w]!) ?? -1);
  const known = ids.filter((id) => id >= 0);
  const cosines = await soft.similarities(vocab, known, vectors, terms.length);
  const rows = new Float64Array(words.list.length * terms.length * SOFT_WIDTH);
  let i = 0;
  counted.forEach((w, c) => {
    const at = ids[c]! >= 0 ? i++ * terms.length : -1;
    for (let t = 0; t < terms.length; t++) {
      const row = (w * terms.length + t) * SOFT_WIDTH;
      if (terms[t]!.token === words.list[w]) {
        rows[row] = 1;
        continue;
      }
      const s = at >= 0 ? cosines[at + t]! : 0;
      rows[row] = s;
      for (let k = 0; k < SOFT_MU.length; k++)
        rows[row + 1 + k] = Math.exp(-((s - SOFT_MU[k]!) ** 2) / (2 * SOFT_SIGMA * SOFT_SIGMA));
    }
  });
  return rows;
}

/**
 * Soft-match evidence in the collection's word-vector space (KNRM kernel pooling, Xiong 2017, per file):
 * the idf-weighted mean over question words of the best similarity to any of the file's words (1 for
 * the word itself), and of log(1 + kernel-weighted count of the file's other words) per kernel. Each
 * distinct word of the head is compared with the question once.
 */
export async function softRows(
  question: string,
  texts: readonly FileWords[],
  words: HeadWords,
  soft: SoftMatching,
): Promise<number[][]> {
  const q = softQuestion(question, soft.vocabulary);
  const { terms } = q;
  const weight = terms.reduce((sum, term) => sum + term.idf, 0);
  if (weight === 0) return texts.map(() => new Array<number>(SOFT_WIDTH).fill(0));
  const rows = await wordRows(words, q, soft);
  const stride = terms.length * SOFT_WIDTH;
  return texts.map((f) => {
    const sums = termSums(f, rows, stride);
    const out = new Array<number>(SOFT_WIDTH).fill(0);
    terms.forEach((term, t) => {
      out[0]! += term.idf * sums[t * SOFT_WIDTH]!;
      for (let k = 1; k < SOFT_WIDTH; k++) out[k]! += term.idf * Math.log1p(sums[t * SOFT_WIDTH + k]!);
    });
    return out.map((v) => v / weight);
  });
}

/**
 * A file's sums per question term (`stride` = terms × SOFT_WIDTH): the best similarity of its words, then
 * their kernel values weighted by count. A function of its own with nothing after its loop: a fresh process
 * runs it optimised while still in the loop, and code there that had not run yet (the first file's rest)
 * would throw that optimised code away again for every file.
 */
function termSums(f: FileWords, rows: Float64Array, stride: number): Float64Array {
  const sums = new Float64Array(stride);
  for (let w = 0; w < f.words.length; w++) {
    const base = f.words[w]! * stride;
    const n = f.counts[w]!;
    for (let at = 0; at < stride; at += SOFT_WIDTH) {
      if (rows[base + at]! > sums[at]!) sums[at] = rows[base + at]!;
      for (let k = 1; k < SOFT_WIDTH; k++) sums[at + k]! += n * rows[base + at + k]!;
    }
  }
  return sums;
}

/**
 * Per file, the embedder's cosine of the question to the file's title text (path words and the headings
 * of its pooled chunks), as a z-score within the head; zeros without an embedder or for a lone file.
 */
export async function titleCosines(
  question: string,
  titles: readonly string[],
  embed: SoftMatching['embed'],
): Promise<number[]> {
  if (embed === undefined || titles.length === 0) return titles.map(() => 0);
  const [q, ...vectors] = await embed([question, ...titles]);
  const cosines = vectors.map((v) => v.reduce((sum, x, k) => sum + x * q![k]!, 0));
  const mean = cosines.reduce((a, b) => a + b, 0) / cosines.length;
  const std = Math.sqrt(cosines.reduce((a, b) => a + (b - mean) ** 2, 0) / cosines.length);
  return cosines.map((c) => (std > 0 ? (c - mean) / std : 0));
}
