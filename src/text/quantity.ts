/**
 * Reads amounts out of questions: "1M samples", "10 GB", "two billion rows", "500k vectors",
 * "1,000,000 points", "1.5TB". The oracle's cost model needs an element count or a byte size; both
 * are reported with the noun that follows, so "8 GPUs" is not mistaken for the data size.
 */
import { type Token, tokenize } from './tokenize.js';

/** One amount found in a text. */
export interface Quantity {
  /** The amount in plain units: elements for counts, bytes for sizes. */
  readonly value: number;
  readonly kind: 'count' | 'bytes';
  /** Lower-case word counted ("rows", "vectors"), or null when none follows. */
  readonly noun: string | null;
  /** The words the amount was read from, e.g. "two billion rows". */
  readonly text: string;
}

const SMALL: Readonly<Record<string, number>> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  hundred: 100,
  dozen: 12,
  few: 3,
  several: 5,
  half: 0.5,
  a: 1,
  an: 1,
};

const MULTIPLIERS: Readonly<Record<string, number>> = {
  hundred: 1e2,
  hundreds: 1e2,
  k: 1e3,
  thousand: 1e3,
  thousands: 1e3,
  m: 1e6,
  mm: 1e6,
  mil: 1e6,
  million: 1e6,
  millions: 1e6,
  b: 1e9,
  bn: 1e9,
  billion: 1e9,
  billions: 1e9,
  t: 1e12,
  trillion: 1e12,
  trillions: 1e12,
};

const BYTE_UNITS: Readonly<Record<string, number>> = {
  byte: 1,
  bytes: 1,
  kb: 1e3,
  kib: 1024,
  kilobytes: 1e3,
  mb: 1e6,
  mib: 1024 ** 2,
  megabytes: 1e6,
  gb: 1e9,
  gib: 1024 ** 3,
  gigabytes: 1e9,
  gig: 1e9,
  gigs: 1e9,
  tb: 1e12,
  tib: 1024 ** 4,
  terabytes: 1e12,
  pb: 1e15,
  pib: 1024 ** 5,
  petabytes: 1e15,
};

/** Words that may stand between an amount and its noun: "10 million 768-dimensional vectors". */
const NOUN_LOOKAHEAD = 3;

function leadingNumber(tokens: readonly Token[], at: number): { value: number; next: number } | null {
  const token = tokens[at];
  if (token === undefined) return null;
  if (token.numeric) return { value: Number(token.word), next: at + 1 };
  const small = SMALL[token.word];
  if (small === undefined) return null;
  const isArticle = token.word === 'a' || token.word === 'an' || token.word === 'few';
  const following = tokens[at + 1];
  if (isArticle && (following === undefined || MULTIPLIERS[following.word] === undefined)) return null;
  let value = small;
  let next = at + 1;
  const unit = tokens[next];
  if (unit !== undefined && value >= 20 && value < 100 && (SMALL[unit.word] ?? 10) < 10) {
    value += SMALL[unit.word] ?? 0;
    next += 1;
  }
  return { value, next };
}

function findNoun(tokens: readonly Token[], from: number): string | null {
  for (let k = from; k < from + NOUN_LOOKAHEAD && k < tokens.length; k += 1) {
    const token = tokens[k] as Token;
    if (token.clause !== tokens[from - 1]?.clause) return null;
    if (!token.numeric && !token.stop) return token.word;
  }
  return null;
}

function readAt(tokens: readonly Token[], at: number): { quantity: Quantity; next: number } | null {
  const number = leadingNumber(tokens, at);
  if (number === null || !Number.isFinite(number.value)) return null;
  let { value, next } = number;
  while (tokens[next] !== undefined && MULTIPLIERS[(tokens[next] as Token).word] !== undefined) {
    value *= MULTIPLIERS[(tokens[next] as Token).word] as number;
    next += 1;
  }
  const unit = tokens[next];
  const bytes = unit === undefined ? undefined : BYTE_UNITS[unit.word];
  const kind = bytes === undefined ? 'count' : 'bytes';
  if (bytes !== undefined) {
    value *= bytes;
    next += 1;
  }
  const isBareSmallWord = !(tokens[at] as Token).numeric && next === at + 1;
  if (isBareSmallWord) return null;
  const noun = findNoun(tokens, next);
  const words = tokens.slice(at, next).map((t) => t.word);
  if (noun !== null && kind === 'count') words.push(noun);
  return { quantity: { value, kind, noun, text: words.join(' ') }, next };
}

/** Every amount in a text, left to right. */
export function parseQuantities(text: string): Quantity[] {
  return quantitiesIn(tokenize(text));
}

/** Every amount in already tokenized text, left to right. */
export function quantitiesIn(tokens: readonly Token[]): Quantity[] {
  const found: Quantity[] = [];
  let at = 0;
  while (at < tokens.length) {
    const read = readAt(tokens, at);
    if (read === null) {
      at += 1;
    } else {
      found.push(read.quantity);
      at = read.next;
    }
  }
  return found;
}
