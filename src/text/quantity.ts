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
  /**
   * The amount as the question wrote it, for printing: number words and unit words kept ("two billion
   * rows", "half a terabyte"), abbreviations in their usual case ("12M samples", "200 GB", "750 MiB").
   */
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
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
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
  quarter: 0.25,
  couple: 2,
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
  mln: 1e6,
  mio: 1e6,
  bil: 1e9,
  bln: 1e9,
  t: 1e12,
  trillion: 1e12,
  trillions: 1e12,
  quadrillion: 1e15,
};

/** Plural amounts that open a phrase with "of": "millions of rows", "tens of terabytes" (read as the lower bound). */
const AMOUNTS_OF: Readonly<Record<string, number>> = {
  tens: 10,
  dozens: 12,
  hundreds: 1e2,
  thousands: 1e3,
  millions: 1e6,
  billions: 1e9,
  trillions: 1e12,
};

/** Amount words printed with the article before them: "a couple of", "a few", "a dozen". */
const ARTICLE_AMOUNTS: ReadonlySet<string> = new Set(['couple', 'few', 'dozen', 'quarter']);

/** How abbreviated multipliers are printed after digits: "12M", "3B", "10k". */
const MULTIPLIER_SHOWN: Readonly<Record<string, string>> = {
  k: 'k',
  m: 'M',
  mm: 'M',
  mil: 'M',
  mln: 'M',
  mio: 'M',
  b: 'B',
  bn: 'B',
  bil: 'B',
  bln: 'B',
  t: 'T',
};

/** Byte units by prefix: decimal (kilo … exa) and binary (kibi … pebi), each in every spelling people use. */
const PREFIXES: ReadonlyArray<readonly [string, string, string, number]> = [
  ['k', 'kilo', 'kibi', 1],
  ['m', 'mega', 'mebi', 2],
  ['g', 'giga', 'gibi', 3],
  ['t', 'tera', 'tebi', 4],
  ['p', 'peta', 'pebi', 5],
  ['e', 'exa', 'exbi', 6],
];

/** Unit word → bytes and how to print it ("gb" → GB; unit words such as "terabytes" print as written). */
const BYTE_UNITS: ReadonlyMap<string, { readonly bytes: number; readonly shown: string | null }> = (() => {
  const units = new Map<string, { bytes: number; shown: string | null }>([
    ['byte', { bytes: 1, shown: null }],
    ['bytes', { bytes: 1, shown: null }],
  ]);
  for (const [letter, decimal, binary, power] of PREFIXES) {
    const up = letter.toUpperCase();
    const ten = 1000 ** power;
    const two = 1024 ** power;
    for (const abbreviation of [`${letter}b`, `${letter}bs`])
      units.set(abbreviation, { bytes: ten, shown: `${up}B` });
    units.set(`${letter}ib`, { bytes: two, shown: `${up}iB` });
    for (const word of [`${decimal}byte`, `${decimal}bytes`]) units.set(word, { bytes: ten, shown: null });
    for (const word of [`${binary}byte`, `${binary}bytes`]) units.set(word, { bytes: two, shown: null });
  }
  units.set('gig', { bytes: 1e9, shown: null });
  units.set('gigs', { bytes: 1e9, shown: null });
  units.set('kbytes', { bytes: 1e3, shown: null });
  units.set('mbytes', { bytes: 1e6, shown: null });
  units.set('gbytes', { bytes: 1e9, shown: null });
  return units;
})();

/** Words that may stand between an amount and its noun: "10 million 768-dimensional vectors". */
const NOUN_LOOKAHEAD = 3;

/** Does the word scale or measure an amount ("million", "k", "GB", "terabytes")? */
function scalesAmount(token: Token | undefined): boolean {
  return token !== undefined && (MULTIPLIERS[token.word] !== undefined || BYTE_UNITS.has(token.word));
}

/** Skips the "of" of "couple of", "millions of", and the "a" of "half a", when an amount word follows. */
function skipLinking(tokens: readonly Token[], at: number): number {
  let next = at;
  if (tokens[next]?.word === 'of') next += 1;
  if (tokens[next]?.word === 'a' || tokens[next]?.word === 'an') next += 1;
  return next > at && scalesAmount(tokens[next]) ? next : at;
}

function leadingNumber(tokens: readonly Token[], at: number): { value: number; next: number } | null {
  const token = tokens[at];
  if (token === undefined) return null;
  if (token.numeric) return { value: Number(token.word), next: at + 1 };
  const plural = AMOUNTS_OF[token.word];
  if (plural !== undefined) {
    const after = tokens[at + 2];
    const counted = after !== undefined && !after.numeric && !after.stop;
    return tokens[at + 1]?.word === 'of' && counted ? { value: plural, next: at + 2 } : null;
  }
  const small = SMALL[token.word];
  if (small === undefined) return null;
  const isArticle = token.word === 'a' || token.word === 'an' || token.word === 'few';
  if (isArticle && !scalesAmount(tokens[at + 1])) return null;
  let value = small;
  let next = at + 1;
  const unit = tokens[next];
  if (unit !== undefined && value >= 20 && value < 100 && (SMALL[unit.word] ?? 10) < 10) {
    value += SMALL[unit.word] ?? 0;
    next += 1;
  }
  return { value, next: skipLinking(tokens, next) };
}

/** The word counted: the first content word within NOUN_LOOKAHEAD, past a measure such as "768-dimensional". */
function findNoun(tokens: readonly Token[], from: number): string | null {
  for (let k = from; k < from + NOUN_LOOKAHEAD && k < tokens.length; k += 1) {
    const token = tokens[k] as Token;
    if (token.clause !== tokens[from - 1]?.clause) return null;
    if (token.numeric) k += 1;
    else if (!token.stop) return token.word;
  }
  return null;
}

/** Digits as people group them: "2000000" → "2,000,000"; decimals and short numbers unchanged. */
function groupDigits(word: string): string {
  return /^\d{5,}$/.test(word) ? word.replace(/\B(?=(\d{3})+$)/g, ',') : word;
}

/** The words from `at` to `next` as the question wrote them, abbreviations in their usual case. */
function shownText(tokens: readonly Token[], at: number, next: number): string {
  let text = '';
  for (let k = at; k < next; k += 1) {
    const token = tokens[k] as Token;
    const previous = tokens[k - 1];
    const joined = MULTIPLIER_SHOWN[token.word];
    const unit = BYTE_UNITS.get(token.word)?.shown;
    if (token.numeric) text += `${text === '' ? '' : ' '}${groupDigits(token.word)}`;
    else if (joined !== undefined && previous?.numeric === true && k > at) text += joined;
    else text += `${text === '' ? '' : ' '}${unit ?? token.word}`;
  }
  return text;
}

function readAt(tokens: readonly Token[], at: number): { quantity: Quantity; next: number } | null {
  const number = leadingNumber(tokens, at);
  if (number === null || !Number.isFinite(number.value)) return null;
  let { value, next } = number;
  while (tokens[next] !== undefined && MULTIPLIERS[(tokens[next] as Token).word] !== undefined) {
    value *= MULTIPLIERS[(tokens[next] as Token).word] as number;
    next = skipLinking(tokens, next + 1);
  }
  const unit = tokens[next] === undefined ? undefined : BYTE_UNITS.get((tokens[next] as Token).word);
  const kind = unit === undefined ? 'count' : 'bytes';
  if (unit !== undefined) {
    value *= unit.bytes;
    next += 1;
  }
  const isBareSmallWord = !(tokens[at] as Token).numeric && next === at + 1;
  if (isBareSmallWord) return null;
  const noun = findNoun(tokens, next);
  // "a couple of terabytes", "a few hundred GB": the article belongs to the amount when printed.
  const article = ARTICLE_AMOUNTS.has((tokens[at] as Token).word) && /^an?$/.test(tokens[at - 1]?.word ?? '');
  const shown = shownText(tokens, article ? at - 1 : at, next);
  const linked = tokens[next]?.word === 'of' && tokens[next + 1]?.word === noun ? ' of' : '';
  const text = noun !== null && kind === 'count' ? `${shown}${linked} ${noun}` : shown;
  return { quantity: { value, kind, noun, text }, next };
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
