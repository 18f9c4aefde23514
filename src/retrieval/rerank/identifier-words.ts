/**
 * Identifiers as the file reranker's features read them for a natural question (file-features.ts): a
 * snake_case name stands for its words. The index's tokenizer (SQLite unicode61, `tokenize`) keeps
 * `request_finished` whole, as BM25 should; the reranker's coverage, proximity, bigram, soft-match and
 * translation columns then read it as "request finished", the way the word-vector models already split
 * identifiers (text/model-tokens.ts). A keyword question keeps names whole: one that types a name wants it.
 */
import { contentWords } from '../../text/analyze.js';
import { STOP_WORDS } from '../../text/stop-words.js';

/**
 * The words an identifier token stands for: `request_finished` reads as "request finished", `__init__` as
 * "init"; any other token is its own word. API reference pages carry much of their vocabulary in such
 * names (signal, option and function names), which the unicode61 tokenizer keeps whole, so without this a
 * question's words found only there count as missing while the names still count as the file's length.
 */
export function identifierWords(token: string): readonly string[] {
  return token.includes('_') ? token.split('_').filter((part) => part.length > 0) : [token];
}

/**
 * Content words of a question as the features read them, stop words aside: with `names`, identifiers as
 * their words (a natural question asks in words); without, whole (a keyword question that types a name
 * wants that name).
 */
export function questionWords(question: string, names: boolean): string[] {
  const words = contentWords(question);
  return names
    ? words.flatMap((word) => identifierWords(word)).filter((word) => !STOP_WORDS.has(word))
    : words;
}

/**
 * `ids` (word ids of a head's list) with each identifier replaced by the ids of its words, `parts[id]`
 * (null for a plain word); `ids` itself when it holds no identifier, the common case in prose.
 */
export function withIdentifierWords(ids: Int32Array, parts: readonly (Int32Array | null)[]): Int32Array {
  let length = 0;
  let found = false;
  for (let i = 0; i < ids.length; i++) {
    const words = parts[ids[i]!];
    if (!words) length++;
    else {
      found = true;
      length += words.length;
    }
  }
  if (!found) return ids;
  const out = new Int32Array(length);
  let at = 0;
  for (let i = 0; i < ids.length; i++) {
    const words = parts[ids[i]!];
    if (!words) out[at++] = ids[i]!;
    else {
      out.set(words, at);
      at += words.length;
    }
  }
  return out;
}
