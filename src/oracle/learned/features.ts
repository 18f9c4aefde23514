/**
 * What the learned model reads in a question: its word stems and pairs of neighbouring stems (sparse
 * features, a word ruled out by a negation kept apart as "!stem"), and the question's meaning as one
 * pooled vector of its words (described.ts, SIF of the everyday and Debian word tables). The same code
 * reads training questions at build time and user questions at query time. Pure.
 */
import type { Token } from '../../text/tokenize.js';
import { poolWords } from '../described.js';
import type { WordSpace } from '../word-space.js';

/** A question as the model reads it. */
export interface QuestionFeatures {
  /** Distinct sparse features: stems, "stem stem" pairs of one clause, "!stem" for negated words. */
  readonly sparse: readonly string[];
  /** The pooled meaning of its words (unit length), or null when none of them is known. */
  readonly dense: Float32Array | null;
}

const mark = (t: Token) => (t.negated ? `!${t.stem}` : t.stem);

/** Stems and neighbouring pairs of the content words (stop words and numbers left out). */
export function sparseFeatures(tokens: readonly Token[]): string[] {
  const content = tokens.filter((t) => !t.stop && !t.numeric && t.word.length > 1);
  const out = new Set(content.map(mark));
  for (let i = 1; i < content.length; i++) {
    const [a, b] = [content[i - 1]!, content[i]!];
    if (a.clause === b.clause) out.add(`${mark(a)} ${mark(b)}`);
  }
  return [...out];
}

/** The words pooled into the meaning vector: content words not ruled out, as the described reading takes them. */
export function meaningWords(tokens: readonly Token[]): string[] {
  return tokens.filter((t) => !t.stop && !t.numeric && !t.negated).map((t) => t.word);
}

/** Both kinds of features of a tokenized question; without word vectors the dense part is null. */
export function questionFeatures(tokens: readonly Token[], space: WordSpace | undefined): QuestionFeatures {
  const words = meaningWords(tokens);
  return {
    sparse: sparseFeatures(tokens),
    dense: space === undefined || words.length === 0 ? null : poolWords(space, words),
  };
}
