/**
 * The read share of one hybrid search (fusion/read-share.ts): the question's words against the chunk BM25
 * ranked first, stemmed as FTS5's porter tokenizer stems them, weighted by how many chunks of the collection
 * hold each word.
 */
import { contentWords, tokenize } from '../../text/analyze.js';
import { FTS5_PORTER } from '../../text/stemmers.js';
import { readShare } from '../fusion/read-share.js';
import type { Chunk } from '../types.js';
import type { SearchLegs } from './hybrid.js';

/**
 * How much of `question` BM25's best hit holds, or null when the legs do not count words or BM25 found
 * nothing (the first stage then stays as it is).
 */
export async function bm25ReadShare(
  question: string,
  legs: Pick<SearchLegs, 'wordCounts'>,
  best: Chunk | undefined,
): Promise<number | null> {
  if (legs.wordCounts === undefined || best === undefined) return null;
  const counts = await legs.wordCounts(question);
  const text = [best.source, ...best.headings, best.text].join('\n');
  const stems = new Set([...new Set(tokenize(text))].map((word) => FTS5_PORTER.stem(word)));
  return readShare(contentWords(question), counts, (word) => stems.has(FTS5_PORTER.stem(word)));
}
