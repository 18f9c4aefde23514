/**
 * What the dense leg embeds of a question: with a word-vector embedder, its words without the stop words
 * (question words, the filler of requests, function words — the list BM25 drops). Pooled word vectors weigh
 * "how", "do" and "I" like content words (SIF discounts only words frequent in the collection), so in a
 * question put in a user's own words they carried a third of its vector (bench/RESULTS.md, s17-dense). A
 * model that reads whole sentences (the optional Hugging Face embedder) gets the question as it is.
 */
import { RAW_TOKEN } from '../../text/model-tokens.js';
import { isStopWord } from '../../text/stop-words.js';
import type { Embedder } from '../types.js';

/** The question with its stop words blanked (identifiers stay whole), or the question itself when nothing else is left. */
export function askedWords(question: string): string {
  let kept = false;
  const content = question.replace(RAW_TOKEN, (token) => {
    if (isStopWord(token.toLowerCase())) return ' ';
    kept = true;
    return token;
  });
  return kept ? content : question;
}

/** The dense leg's vector of a question: its content words for a word-vector model (one with a vocabulary). */
export async function questionVector(embedder: Embedder, question: string): Promise<Float32Array> {
  const text = embedder.vocabulary === undefined ? question : askedWords(question);
  return (await embedder.embed([text]))[0]!;
}
