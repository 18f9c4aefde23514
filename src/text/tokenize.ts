/**
 * Splits English text into whole-word tokens with stems, clause numbers and negation marks. Matching
 * on whole tokens (never substrings) keeps "fastest" away from "test" and "transcript" away from
 * "script"; marking negation scope keeps "without a GPU" from asking for a GPU.
 */
import { stem } from './stem.js';
import { isStopWord } from './stop-words.js';

/** One word of a text, as the matchers see it. */
export interface Token {
  /** Lower-case surface form, e.g. "training"; numbers keep their digits ("1,000" becomes "1000"). */
  readonly word: string;
  /** Porter2 stem, e.g. "train". */
  readonly stem: string;
  /** Index in the token list (punctuation excluded). */
  readonly position: number;
  /** Clause number: increases at sentence and clause punctuation, so phrases never span a comma. */
  readonly clause: number;
  /** Function word that carries no topic ("the", "how", and the negators themselves). */
  readonly stop: boolean;
  /** Inside the scope of a negator such as "not", "no", "without" or "avoid". */
  readonly negated: boolean;
  /** The token is a number ("10", "1.5", "1e6"). */
  readonly numeric: boolean;
}

const NEGATORS: ReadonlySet<string> = new Set([
  'no',
  'not',
  'without',
  'never',
  'non',
  'avoid',
  'neither',
  'forget',
  'skip',
  'except',
  'excluding',
]);
/** Two-word negators whose second word opens the scope: "rather than X", "instead of X". */
const NEGATOR_PAIRS: ReadonlyMap<string, string> = new Map([
  ['rather', 'than'],
  ['instead', 'of'],
  ['other', 'than'],
  ['apart', 'from'],
  ['aside', 'from'],
]);
/** Verbs that, followed by "fine", dismiss their subject: "the registry works fine". */
const WORKS: ReadonlySet<string> = new Set(['works', 'work', 'runs', 'run']);
/** "X is fine as it is", "X is not the problem": a copula dismisses X only with those continuations. */
const COPULAS: ReadonlySet<string> = new Set(['is', 'are', 'was', 'were']);
const DISMISSALS: ReadonlySet<string> = new Set(['fine', 'ok', 'okay']);
/** "X is overkill", "X is too pricey": more than the task needs, so not what the question asks for. */
const OVERKILL = 'overkill';
const TOO_MUCH: ReadonlySet<string> = new Set(['pricey', 'expensive', 'costly', 'heavy']);
/** "X is not the problem / issue / bottleneck" dismisses X. */
const NOT_THE: ReadonlySet<string> = new Set(['problem', 'issue', 'bottleneck', 'concern', 'point']);
/** Words after a negator that undo it: "not sure", "no idea", "not only". */
const NEGATION_FALSE_STARTS: ReadonlySet<string> = new Set([
  'sure',
  'certain',
  'idea',
  'matter',
  'only',
  'just',
  'longer',
  'problem',
]);
/** Words that end a negation scope: "not Python but C". */
const SCOPE_ENDERS: ReadonlySet<string> = new Set([
  'but',
  'instead',
  'rather',
  'then',
  'so',
  'yet',
  'however',
  'although',
  'though',
  'because',
  'while',
  'which',
  'that',
]);
const SCOPE_LENGTH = 5;
/** Verbs that state a goal: a negation after them is what the user wants ("make sure it was not tampered with"). */
const GOAL_VERBS: ReadonlySet<string> = new Set([
  'sure',
  'ensure',
  'ensuring',
  'verify',
  'verifying',
  'guarantee',
  'guaranteeing',
  'prove',
  'confirm',
  'check',
  'checking',
]);
const GOAL_REACH = 4;
/**
 * Verbs of moving code whose negation rules out the move, not what is moved: in "not moving the shell
 * scripts to Rust" the scripts are still the subject, only the verb and where to ("to Rust") are negated.
 */
const MOVE_VERBS: ReadonlySet<string> = new Set([
  'move',
  'moving',
  'convert',
  'converting',
  'port',
  'porting',
  'migrate',
  'migrating',
  'transpile',
  'transpiling',
  'rewrite',
  'rewriting',
  'translate',
  'translating',
]);

/** Is the negator at raw[i] part of a goal, within GOAL_REACH words after a goal verb of its clause? */
function statesGoal(raw: readonly RawWord[], i: number): boolean {
  const clause = raw[i]?.clause;
  for (let j = i - 1; j >= 0 && j >= i - GOAL_REACH; j -= 1) {
    const word = raw[j];
    if (word === undefined || word.clause !== clause) return false;
    if (GOAL_VERBS.has(word.word)) return true;
  }
  return false;
}

/** Rewrites spellings the word splitter would lose: "C++" → "cpp", "C#" → "csharp", "don't" → "do not". */
export function normalizeText(text: string): string {
  return text
    .toLowerCase()
    .replace(/(^|[^\p{L}\p{N}])c\+\+/gu, '$1cpp')
    .replace(/(^|[^\p{L}\p{N}])c#/gu, '$1csharp')
    .replace(/(^|[^\p{L}\p{N}])f#/gu, '$1fsharp')
    .replace(/n['’]t(?![\p{L}])/gu, ' not')
    .replace(/\bw\/o\b/g, ' without ')
    .replace(/['’]/g, ' ');
}

/**
 * Scientific numbers, plain numbers, words, clause punctuation (a dot only before a space, so
 * "llama.cpp" stays one clause), line breaks. A new object per call, so no lastIndex is shared.
 */
function piecePattern(): RegExp {
  return /(\d+(?:\.\d+)?e[+-]?\d+(?![\p{L}\p{N}]))|(\d+(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)|([\p{L}_][\p{L}\p{N}_]*)|(\.(?=\s|$)|[;:!?()[\]{}|,])|(\n)/gu;
}

interface RawWord {
  readonly word: string;
  readonly clause: number;
  readonly line: number;
  readonly numeric: boolean;
}

function splitWords(text: string): RawWord[] {
  const raw: RawWord[] = [];
  let clause = 0;
  let line = 0;
  const piece = piecePattern();
  const normalized = normalizeText(text);
  for (let match = piece.exec(normalized); match !== null; match = piece.exec(normalized)) {
    if (match[5] !== undefined) {
      line += 1;
      clause += 1;
    } else if (match[4] !== undefined) {
      clause += 1;
    } else if (match[3] !== undefined) {
      raw.push({ word: match[3], clause, line, numeric: false });
    } else {
      raw.push({ word: (match[1] ?? match[2] ?? '').replaceAll(',', ''), clause, line, numeric: true });
    }
  }
  return raw;
}

/** Marks the words after a negator, up to SCOPE_LENGTH, a scope ender or the end of the clause. */
function markForward(raw: readonly RawWord[], from: number, marks: boolean[]): void {
  const clause = raw[from]?.clause;
  for (let j = from + 1; j <= from + SCOPE_LENGTH && j < raw.length; j += 1) {
    const word = raw[j];
    if (word === undefined || word.clause !== clause || SCOPE_ENDERS.has(word.word)) break;
    marks[j] = true;
  }
}

/** Marks a negated move verb and its destination ("to Rust", "into Rust") in its clause, not its object. */
function markMove(raw: readonly RawWord[], verb: number, marks: boolean[]): void {
  marks[verb] = true;
  const clause = raw[verb]?.clause;
  for (let j = verb + 1; j < raw.length && raw[j]?.clause === clause; j += 1) {
    if (raw[j]?.word !== 'to' && raw[j]?.word !== 'into') continue;
    marks[j] = true;
    if (j + 1 < raw.length && raw[j + 1]?.clause === clause) marks[j + 1] = true;
    return;
  }
}

/** Is raw[i] the verb of a dismissal: "X works fine", "X is not the problem"? */
function dismisses(raw: readonly RawWord[], i: number): boolean {
  const at = (k: number) => raw[i + k]?.word ?? '';
  if (WORKS.has(at(0))) return DISMISSALS.has(at(1));
  if (!COPULAS.has(at(0))) return false;
  if (DISMISSALS.has(at(1))) return at(2) === 'as';
  if (at(1) === OVERKILL || (at(1) === 'too' && TOO_MUCH.has(at(2)))) return true;
  return (
    at(1) === 'not' && (NOT_THE.has(at(2)) || (['the', 'a', 'an'].includes(at(2)) && NOT_THE.has(at(3))))
  );
}

/** Marks the subject of a dismissal: the words of the clause before the verb, at most SCOPE_LENGTH. */
function markBackward(raw: readonly RawWord[], verb: number, marks: boolean[]): void {
  const clause = raw[verb]?.clause;
  for (let j = verb - 1; j >= 0 && j >= verb - SCOPE_LENGTH; j -= 1) {
    const word = raw[j];
    if (word === undefined || word.clause !== clause || SCOPE_ENDERS.has(word.word)) break;
    marks[j] = true;
  }
}

function negationMarks(raw: readonly RawWord[]): boolean[] {
  const marks = raw.map(() => false);
  for (let i = 0; i < raw.length; i += 1) {
    const current = raw[i];
    if (current === undefined) continue;
    if (dismisses(raw, i)) markBackward(raw, i, marks);
    if (NEGATOR_PAIRS.get(current.word) === raw[i + 1]?.word) {
      markForward(raw, i + 1, marks);
      continue;
    }
    if (!NEGATORS.has(current.word) || (current.word === 'not' && dismisses(raw, i - 1))) continue;
    const next = raw[i + 1];
    if (next !== undefined && NEGATION_FALSE_STARTS.has(next.word)) continue;
    if (statesGoal(raw, i)) continue;
    if (next !== undefined && MOVE_VERBS.has(next.word)) markMove(raw, i + 1, marks);
    else markForward(raw, i, marks);
  }
  return marks;
}

/** Turns a lower-case word into its stem; `stem` or a cached one from createStemmer. */
export type StemFn = (word: string) => string;

function toTokens(raw: readonly RawWord[], stemWord: StemFn): Token[] {
  const negated = negationMarks(raw);
  return raw.map((item, position) => ({
    word: item.word,
    stem: item.numeric ? item.word : stemWord(item.word),
    position,
    clause: item.clause,
    stop: !item.numeric && (isStopWord(item.word) || NEGATORS.has(item.word)),
    negated: negated[position] ?? false,
    numeric: item.numeric,
  }));
}

/** Tokens of a text with stems, clause numbers and negation marks (see Token). */
export function tokenize(text: string, stemWord: StemFn = stem): Token[] {
  return toTokens(splitWords(text), stemWord);
}

/** Stems of the content words of a text, in order: what term-overlap scoring compares. */
export function contentStems(text: string, stemWord: StemFn = stem): string[] {
  return tokenize(text, stemWord)
    .filter((token) => !token.stop)
    .map((token) => token.stem);
}

/**
 * Content stems of many one-line texts, one list per text: the same words `tokenize` keeps, without
 * building Token objects or negation scopes. Used to compile the knowledge base in a fresh process,
 * where allocating a Token per word of every description costs more than the stemming.
 */
export function stemLines(lines: readonly string[], stemWord: StemFn = stem): string[][] {
  const out: string[][] = lines.map(() => []);
  const text = normalizeText(lines.map((line) => line.replaceAll('\n', ' ')).join('\n'));
  const piece = piecePattern();
  let line = 0;
  for (let match = piece.exec(text); match !== null; match = piece.exec(text)) {
    if (match[5] !== undefined) line += 1;
    else if (match[3] !== undefined) {
      const word = match[3];
      if (!isStopWord(word) && !NEGATORS.has(word)) out[line]?.push(stemWord(word));
    } else if (match[4] === undefined) {
      out[line]?.push((match[1] ?? match[2] ?? '').replaceAll(',', ''));
    }
  }
  return out;
}
