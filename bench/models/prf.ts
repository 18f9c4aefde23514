/**
 * Pseudo-relevance feedback in the manner of RM3 (Lavrenko & Croft 2001; Abdul-Jaleel et al. 2004): the
 * words that weigh most in the best first-pass chunks, each chunk counted by its share of the first-pass
 * score, become a second query. It helps questions that share few words with their answer (MEASURED.md:
 * +0.11 nDCG@10 on such questions). Pure: texts and scores in, words out.
 */
import stem from 'wink-porter2-stemmer';
import { analyze, contentWords } from '../../src/retrieval/analyze.js';

/** How much feedback to take. */
export interface FeedbackSettings {
  /** First-pass chunks read for feedback. */
  readonly documents: number;
  /** Expansion words returned. */
  readonly terms: number;
}

export const FEEDBACK_DEFAULTS: FeedbackSettings = { documents: 10, terms: 20 };

/**
 * The expansion words for a question: content words (not stop words, not the question's own stems, not
 * pure numbers) ranked by Σ_chunks share(chunk) · tf(word, chunk) / |chunk|, where share is the chunk's
 * first-pass score over the sum of scores. Words are returned in a surface form that stems back to the
 * ranked stem, best first.
 */
export function expansionWords(
  question: string,
  feedback: ReadonlyArray<{ readonly text: string; readonly score: number }>,
  settings: FeedbackSettings = FEEDBACK_DEFAULTS,
): string[] {
  const used = feedback.slice(0, settings.documents).filter((item) => item.score > 0);
  const total = used.reduce((sum, item) => sum + item.score, 0);
  if (total === 0) return [];
  const asked = new Set(analyze(question));
  const weight = new Map<string, number>();
  const surface = new Map<string, string>();
  for (const item of used) {
    const kept = contentWords(item.text);
    const stems = kept.map((word) => stem(word));
    if (stems.length === 0) continue;
    const share = item.score / total / stems.length;
    stems.forEach((term, i) => {
      if (asked.has(term) || /^\d+$/.test(term) || term.length < 2) return;
      weight.set(term, (weight.get(term) ?? 0) + share);
      if (!surface.has(term)) surface.set(term, kept[i]!);
    });
  }
  return [...weight.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, settings.terms)
    .map(([term]) => surface.get(term)!);
}
