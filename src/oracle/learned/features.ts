/**
 * What the learned model reads in a question: its word stems and pairs of neighbouring stems (sparse
 * features, a word ruled out by a negation kept apart as "!stem"), and the question's meaning as one
 * pooled vector of its words (described.ts, SIF of the everyday and Debian word tables). It reads the
 * main step of a request only (steps.ts), with the words its context reads in another sense replaced by
 * what they stand for there (senses.ts: "my script" is not the scripting language), as the rules do. The
 * same code reads training questions at build time and user questions at query time. Pure.
 */
import { type Token, tokenize } from '../../text/tokenize.js';
import { poolWords } from '../described.js';
import { readSenses } from '../senses.js';
import { comparisonExpansion, laterStepFrom } from '../steps.js';
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

/** The words of the request's main step, without those read in another sense. */
export function mainStepTokens(tokens: readonly Token[]): Token[] {
  const later = laterStepFrom(tokens);
  const other = readSenses(tokens).other;
  return tokens.filter((t) => t.position < later && !other.has(t.position));
}

/**
 * What the rules read the main step as, in words: what a word read in another sense stands for ("network"
 * among training words: deep learning), and a comparison with the prior version (behavioural equivalence).
 */
function readingWords(tokens: readonly Token[]): Token[] {
  const later = laterStepFrom(tokens);
  const texts = readSenses(tokens)
    .means.filter((m) => m.position < later)
    .map((m) => m.text);
  return [...texts, comparisonExpansion(tokens.filter((t) => t.position < later))].flatMap((text) =>
    tokenize(text),
  );
}

/** Both kinds of features of a tokenized question; without word vectors the dense part is null. */
export function questionFeatures(question: readonly Token[], space: WordSpace | undefined): QuestionFeatures {
  const tokens = mainStepTokens(question);
  const meant = readingWords(question);
  const words = [...meaningWords(tokens), ...meaningWords(meant)];
  return {
    sparse: [...new Set([...sparseFeatures(tokens), ...sparseFeatures(meant)])],
    dense: space === undefined || words.length === 0 ? null : poolWords(space, words),
  };
}
