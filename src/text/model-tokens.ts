/**
 * Tokens the shipped word-vector models see. Identifiers are split into sub-tokens (snake_case, camelCase,
 * `a::b`, `a.b`, `trueno-db`) and the whole identifier is kept too, so `HashMap` matches "hash map" and
 * `trueno-db` still has a vector of its own once a collection that uses it is adapted.
 */

/** A raw token (a word or a whole identifier such as `app.run`, `a::b`, `trueno-db`) before it is split. */
export const RAW_TOKEN = /[A-Za-z0-9_]+(?:(?:::|[-.:])[A-Za-z0-9_]+)*/g;
const PART_SPLIT = /[-.:_]+|(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/;
const MAX_TOKEN_LENGTH = 40;

/** Splits text into lower-case model tokens; pure, deterministic, no vocabulary needed. */
export function tokenizeForModel(text: string): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(RAW_TOKEN)) {
    const raw = match[0];
    if (raw.length > MAX_TOKEN_LENGTH) continue;
    const parts = raw.split(PART_SPLIT).filter((part) => part.length > 0);
    const whole = raw.toLowerCase();
    if (parts.length > 1) {
      out.push(whole);
      for (const part of parts) pushWord(out, part.toLowerCase());
    } else {
      pushWord(out, whole);
    }
  }
  return out;
}

function pushWord(out: string[], word: string): void {
  if (/^[0-9]+$/.test(word) && word.length > 4) return;
  out.push(word);
}
