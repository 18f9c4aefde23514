/**
 * A chunk's words as the file reranker reads them (file-features.ts), made when the chunk is indexed: the
 * distinct tokens of its heading path and text with their Porter2 stems, and the token sequence as
 * indexes into them. A search then reads these for the head's chunks instead of splitting and stemming
 * some 25,000 words of candidate text. Stored as one blob per chunk:
 *
 *   u32 CHUNK_TOKENS_VERSION, u32 length of the tokenized text (UTF-16 units), u32 distinct words,
 *   u32 tokens, u32 bytes of the words, then the tokens as u16 word indexes, then UTF-8: the words
 *   separated by spaces, a line break, and their stems the same way (empty where the stem is the word).
 *
 * A blob of another version, or one that does not fit its chunk, is ignored: the reranker then splits the
 * text as before, with the same result.
 */
import { tokenize } from '../../text/analyze.js';
import type { Chunk } from '../types.js';

/** Bumped when tokenize or the Porter2 stemmer changes what a chunk's stored words would be. */
export const CHUNK_TOKENS_VERSION = 1;

const HEADER_BYTES = 20;
/** Token indexes are u16: a chunk with more distinct words than this keeps no stored words. */
const MAX_WORDS = 0xffff;

/** A chunk's distinct words, their stems, and its tokens as indexes into `words`. */
export interface ChunkTokens {
  readonly words: readonly string[];
  readonly stems: readonly string[];
  readonly sequence: Uint16Array;
}

/** The text of a chunk the reranker tokenizes: its heading path, a line break, its text. */
export function rerankText(chunk: Pick<Chunk, 'headings' | 'text'>): string {
  return `${chunk.headings.join(' ')}\n${chunk.text}`;
}

/**
 * The distinct words of `tokens` in the order they first stand, and each token's index among them: how a
 * chunk's words are stored (encodeChunkTokens) and read from its text when nothing is stored (head-words.ts).
 */
export function distinctWords(tokens: readonly string[]): { words: string[]; sequence: Int32Array } {
  const index = new Map<string, number>();
  const sequence = new Int32Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    let at = index.get(tokens[i]!);
    if (at === undefined) {
      at = index.size;
      index.set(tokens[i]!, at);
    }
    sequence[i] = at;
  }
  return { words: [...index.keys()], sequence };
}

/**
 * The stored form of a chunk's words; `stem` is the Porter2 stemmer the reranker uses (cached by the
 * caller across chunks). Null for a chunk with more than 65,535 distinct words.
 */
export function encodeChunkTokens(
  chunk: Pick<Chunk, 'headings' | 'text'>,
  stem: (word: string) => string,
): Uint8Array | null {
  const text = rerankText(chunk);
  const tokens = tokenize(text);
  const { words, sequence } = distinctWords(tokens);
  if (words.length > MAX_WORDS) return null;
  const stems = words.map((word) => {
    const s = stem(word);
    return s === word ? '' : s;
  });
  // An empty stem would read back as the word itself.
  if (words.some((word, i) => stems[i] === '' && stem(word) !== word)) return null;
  const strings = Buffer.from(`${words.join(' ')}\n${stems.join(' ')}`, 'utf8');
  const blob = new Uint8Array(HEADER_BYTES + 2 * tokens.length + strings.length);
  const view = new DataView(blob.buffer);
  view.setUint32(0, CHUNK_TOKENS_VERSION, true);
  view.setUint32(4, text.length, true);
  view.setUint32(8, words.length, true);
  view.setUint32(12, tokens.length, true);
  view.setUint32(16, strings.length, true);
  for (let i = 0; i < tokens.length; i++) view.setUint16(HEADER_BYTES + 2 * i, sequence[i]!, true);
  blob.set(strings, HEADER_BYTES + 2 * tokens.length);
  return blob;
}

const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/**
 * The u16 token indexes of a blob: a view of its bytes where they are aligned on a little-endian machine
 * (no loop: a fresh search reads some 25,000 of them in code the engine has not optimised yet), a copy
 * where they are not, and read one by one elsewhere.
 */
function tokenSequence(blob: Uint8Array, tokens: number): Uint16Array {
  const at = blob.byteOffset + HEADER_BYTES;
  if (LITTLE_ENDIAN) {
    return at % 2 === 0
      ? new Uint16Array(blob.buffer, at, tokens)
      : new Uint16Array(blob.slice(HEADER_BYTES, HEADER_BYTES + 2 * tokens).buffer);
  }
  const view = new DataView(blob.buffer, at, 2 * tokens);
  return Uint16Array.from({ length: tokens }, (_, i) => view.getUint16(2 * i, true));
}

/**
 * The stored words of `chunk`, or undefined when `blob` is absent, of another version, or does not fit
 * the chunk (another text length, counts that disagree, an index out of range): the caller then
 * tokenizes the text itself.
 */
export function decodeChunkTokens(
  blob: Uint8Array | undefined,
  chunk: Pick<Chunk, 'headings' | 'text'>,
): ChunkTokens | undefined {
  if (!(blob instanceof Uint8Array) || blob.length < HEADER_BYTES) return undefined;
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  if (view.getUint32(0, true) !== CHUNK_TOKENS_VERSION) return undefined;
  const length = chunk.text.length + 1 + chunk.headings.reduce((sum, h) => sum + h.length, 0);
  const spaces = Math.max(chunk.headings.length - 1, 0);
  if (view.getUint32(4, true) !== length + spaces) return undefined;
  const count = view.getUint32(8, true);
  const tokens = view.getUint32(12, true);
  const stringsAt = HEADER_BYTES + 2 * tokens;
  if (stringsAt + view.getUint32(16, true) !== blob.length || (count === 0) !== (tokens === 0))
    return undefined;
  const sequence = tokenSequence(blob, tokens);
  let largest = 0;
  for (let i = 0; i < tokens; i++) if (sequence[i]! > largest) largest = sequence[i]!;
  if (tokens > 0 && largest >= count) return undefined;
  if (count === 0) return { words: [], stems: [], sequence };
  const strings = Buffer.from(blob.buffer, blob.byteOffset + stringsAt, blob.length - stringsAt).toString(
    'utf8',
  );
  const split = strings.indexOf('\n');
  const words = strings.slice(0, split).split(' ');
  const stems = strings.slice(split + 1).split(' ');
  if (split < 0 || words.length !== count || stems.length !== count) return undefined;
  for (let i = 0; i < count; i++) if (stems[i] === '') stems[i] = words[i]!;
  return { words, stems, sequence };
}
