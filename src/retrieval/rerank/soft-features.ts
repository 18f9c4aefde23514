/**
 * Soft-match features of the file reranker, in a word-vector space (KNRM kernel pooling, Xiong 2017, per
 * file): the idf-weighted mean over question words of the best similarity to any of the file's words (1 for
 * the word itself), of log(1 + kernel-weighted count of the file's other words) per kernel and, when asked,
 * of the best similarity to a word of the file's title (its path and headings). Each distinct word of the
 * head is compared with the question once. Run in the collection's own word vectors and in the everyday
 * English ones (wordvec/everyday.ts).
 */
import type { FeatureVocabulary } from '../wordvec/feature-vocabulary.js';
import { questionTerms } from './question-terms.js';
import type { WordSimilarities } from './similarity.js';

/** Centres of the soft-match kernels (σ = 0.1): how many of a file's words are near a question word. */
const SOFT_MU = [0.9, 0.7, 0.5, 0.3] as const;
const SOFT_SIGMA = 0.1;
/** Columns per word and question term: the similarity, then one per kernel. */
const WIDTH = 1 + SOFT_MU.length;

/** Columns of `softRows`: best similarity and the kernels, plus the title's best similarity when asked. */
export function softWidth(withTitle: boolean): number {
  return WIDTH + (withTitle ? 1 : 0);
}

/** What soft matching needs: word vectors and something that computes their cosines. */
export interface SoftMatching {
  readonly vocabulary: FeatureVocabulary;
  readonly similarities: WordSimilarities;
}

/** The head's distinct words (ids are positions in `list`) and which of them are stop words. */
export interface HeadWords {
  readonly list: readonly string[];
  readonly stop: readonly boolean[];
}

/** A file's distinct words (stop words aside) as head word ids with their counts, and its title's words. */
export interface FileWords {
  readonly words: Int32Array;
  readonly counts: Float64Array;
  readonly titleWords: Int32Array;
}

/** The question's terms with their unit vectors side by side (zeros for a term without one). */
function softQuestion(question: string, vocab: FeatureVocabulary) {
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
 * vectors), then the kernel values (0 for the term itself); row-major [words × terms × WIDTH].
 * Stop words are never counted, so their rows stay 0.
 */
async function wordRows(words: HeadWords, q: ReturnType<typeof softQuestion>, soft: SoftMatching) {
  const vocab = soft.vocabulary;
  const { terms, vectors } = q;
  const counted = words.stop.flatMap((stop, w) => (stop ? [] : [w]));
  const ids = counted.map((w) => vocab.index.get(words.list[w]!) ?? -1);
  const known = ids.filter((id) => id >= 0);
  const cosines = await soft.similarities(vocab, known, vectors, terms.length);
  const rows = new Float64Array(words.list.length * terms.length * WIDTH);
  let i = 0;
  counted.forEach((w, c) => {
    const at = ids[c]! >= 0 ? i++ * terms.length : -1;
    for (let t = 0; t < terms.length; t++) {
      const row = (w * terms.length + t) * WIDTH;
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

/** One row of `softWidth(withTitle)` columns per file. */
export async function softRows(
  question: string,
  files: readonly FileWords[],
  words: HeadWords,
  soft: SoftMatching,
  withTitle: boolean,
): Promise<number[][]> {
  const q = softQuestion(question, soft.vocabulary);
  const { terms } = q;
  const weight = terms.reduce((sum, term) => sum + term.idf, 0);
  if (weight === 0) return files.map(() => new Array<number>(softWidth(withTitle)).fill(0));
  const rows = await wordRows(words, q, soft);
  const stride = terms.length * WIDTH;
  return files.map((f) => {
    const sums = new Float64Array(terms.length * WIDTH);
    for (let w = 0; w < f.words.length; w++) {
      const base = f.words[w]! * stride;
      const n = f.counts[w]!;
      for (let at = 0; at < stride; at += WIDTH) {
        if (rows[base + at]! > sums[at]!) sums[at] = rows[base + at]!;
        for (let k = 1; k < WIDTH; k++) sums[at + k]! += n * rows[base + at + k]!;
      }
    }
    const out = new Array<number>(softWidth(withTitle)).fill(0);
    terms.forEach((term, t) => {
      out[0]! += term.idf * sums[t * WIDTH]!;
      for (let k = 1; k < WIDTH; k++) out[k]! += term.idf * Math.log1p(sums[t * WIDTH + k]!);
      if (!withTitle) return;
      let best = 0;
      for (const id of f.titleWords) best = Math.max(best, rows[id * stride + t * WIDTH]!);
      out[WIDTH]! += term.idf * best;
    });
    return out.map((v) => v / weight);
  });
}
