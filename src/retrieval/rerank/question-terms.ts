/** The question terms the reranker's soft-match features score: distinct words that are not near-stop-words. */
import { tokenizeForModel } from '../../text/model-tokens.js';
import type { FeatureVocabulary } from '../wordvec/feature-vocabulary.js';

const STOP_IDF = 0.05;

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
    const idf = id >= 0 ? vocab.idf(id) : vocab.unknownIdf;
    if (idf >= STOP_IDF) terms.push({ token, id, idf });
  }
  return terms;
}
