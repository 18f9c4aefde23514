/**
 * The words of a reranker head as the file features read them (file-features.ts): one list of the head's
 * distinct words, each stemmed at most once, and per pooled chunk its question-term positions and word
 * counts. A chunk's tokens are read once: its distinct words are looked up in the list and counted per
 * word, and only the positions are written per token, identifiers (identifier-words.ts) expanded there.
 */
import { tokenize } from '../../text/analyze.js';
import { STOP_WORDS } from '../../text/stop-words.js';
import type { Chunk } from '../types.js';
import { decodeChunkTokens, distinctWords, rerankText } from './chunk-tokens.js';
import { identifierWords } from './identifier-words.js';

/** A question's distinct stems (with their term index) and what the head's words are matched against. */
export interface Question {
  readonly terms: Map<string, number>;
  /** The first three letters of the question's words and stems: only head words that start so are stemmed. */
  readonly prefixes: Set<string>;
  readonly count: number;
  /** Whether identifiers are read as their words (natural questions; `identifierWords`). */
  readonly names: boolean;
}

/**
 * The head's distinct words, each with an id (its index in `list`), the question term it stems to (or
 * -1) and whether it is a stop word; `owner` and `slot` record, per id, the last file that counted the
 * word and where, so counting needs no map per file. Each distinct word is stemmed at most once.
 */
export interface WordList {
  readonly ids: Map<string, number>;
  readonly list: string[];
  readonly term: number[];
  readonly stop: boolean[];
  readonly owner: number[];
  readonly slot: number[];
  /** The word's stem when a chunk's stored words gave it (else it is stemmed when needed). */
  readonly stems: Array<string | undefined>;
  /** For an identifier (`identifierWords`), the ids of its words, which stand in for it; else null. */
  readonly parts: Array<Int32Array | null>;
}

export function emptyWordList(): WordList {
  return { ids: new Map(), list: [], term: [], stop: [], owner: [], slot: [], stems: [], parts: [] };
}

/**
 * The id of a word in the head's list, adding it (with its question term) when new; `stored` is its stem
 * when the chunk's stored words give it, else `st` stems it.
 */
export function wordId(
  head: WordList,
  token: string,
  q: Question,
  st: (w: string) => string,
  stored?: string,
): number {
  let id = head.ids.get(token);
  if (id === undefined) {
    id = head.list.length;
    head.ids.set(token, id);
    head.list.push(token);
    const words = q.names ? identifierWords(token) : [token];
    const identifier = words.length !== 1 || words[0] !== token;
    // Only words whose first three letters start some question term are stemmed; an identifier is never
    // matched or counted itself, its words are.
    const matches = !identifier && q.prefixes.has(token.slice(0, 3));
    head.term.push(matches ? (q.terms.get(stored ?? st(token)) ?? -1) : -1);
    head.stop.push(identifier || STOP_WORDS.has(token));
    head.owner.push(-1);
    head.slot.push(0);
    head.stems.push(stored);
    head.parts.push(null);
    if (identifier) head.parts[id] = Int32Array.from(words, (word) => wordId(head, word, q, st));
  }
  return id;
}

/** A stemmer of head words that takes the stems stored words gave before stemming itself. */
export function headStem(head: WordList, st: (w: string) => string): (word: string) => string {
  return (word) => {
    const id = head.ids.get(word);
    return (id === undefined ? undefined : head.stems[id]) ?? st(word);
  };
}

/** One file's counted words: ids of the head's list in order of first occurrence, and how often each occurs. */
export interface FileCounts {
  readonly file: number;
  readonly words: number[];
  readonly counts: number[];
}

/** A chunk's distinct words and its tokens as indexes into them; stems where stored words give them. */
interface ChunkWords {
  readonly words: readonly string[];
  readonly stems?: readonly string[];
  readonly sequence: ArrayLike<number>;
}

/** A chunk's words: its stored words when they fit it, else those of its text, tokenized here. */
function chunkWords(chunk: Chunk, blob: Uint8Array | undefined): ChunkWords {
  const stored = decodeChunkTokens(blob, chunk);
  if (stored !== undefined) return stored;
  return distinctWords(tokenize(rerankText(chunk)));
}

/** Adds `n` occurrences of head word `id` to a file's counts (stop words are never counted). */
function count(head: WordList, id: number, n: number, counted: FileCounts): void {
  if (head.stop[id]) return;
  if (head.owner[id] === counted.file) counted.counts[head.slot[id]!]! += n;
  else {
    head.owner[id] = counted.file;
    head.slot[id] = counted.words.length;
    counted.words.push(id);
    counted.counts.push(n);
  }
}

/**
 * The question-term position (term index or -1) of each token of a pooled chunk, identifiers replaced by
 * their words, as file-features reads them; with `counted`, the chunk's words (an identifier's words in
 * its place) are added to the file's counts in order of first occurrence. Words new to the head are added
 * to it in that same order, stemmed from the stored words when they fit the chunk.
 */
export function chunkPositions(
  chunk: Chunk,
  blob: Uint8Array | undefined,
  q: Question,
  st: (w: string) => string,
  head: WordList,
  counted: FileCounts | null,
): number[] {
  const { words, stems, sequence } = chunkWords(chunk, blob);
  const occurrences = new Int32Array(words.length);
  const order: number[] = [];
  for (let i = 0; i < sequence.length; i++) if (occurrences[sequence[i]!]!++ === 0) order.push(sequence[i]!);
  const local = new Int32Array(words.length);
  let length = sequence.length;
  for (const w of order) {
    const id = wordId(head, words[w]!, q, st, stems?.[w]);
    local[w] = id;
    const parts = head.parts[id] ?? null;
    if (parts !== null) length += occurrences[w]! * (parts.length - 1);
    if (counted === null) continue;
    if (parts === null) count(head, id, occurrences[w]!, counted);
    else for (let k = 0; k < parts.length; k++) count(head, parts[k]!, occurrences[w]!, counted);
  }
  return termPositions(sequence, local, head, length);
}

/** Per token of `sequence` (local word indexes, `local` their head ids), its term; identifiers expanded. */
function termPositions(
  sequence: ArrayLike<number>,
  local: Int32Array,
  head: WordList,
  length: number,
): number[] {
  const positions = new Array<number>(length);
  let at = 0;
  for (let i = 0; i < sequence.length; i++) {
    const id = local[sequence[i]!]!;
    const parts = head.parts[id] ?? null;
    if (parts === null) positions[at++] = head.term[id]!;
    else for (let k = 0; k < parts.length; k++) positions[at++] = head.term[parts[k]!]!;
  }
  return positions;
}
