/**
 * A WordPiece tokenizer (Wu 2016, as in BERT) read from a Hugging Face tokenizer.json, with the
 * truncation and padding the `@huggingface/tokenizers` bindings leave to the caller. Enough for
 * sentence-transformers embedders and ms-marco cross-encoders exported to ONNX.
 */
import { readFileSync } from 'node:fs';
import { InvalidDataError } from '../../errors.js';

/** Token ids of one encoded text or pair, before padding. */
export interface Encoding {
  readonly ids: number[];
  readonly typeIds: number[];
}

/** A loaded tokenizer. */
export interface WordPiece {
  encode(text: string, maxTokens: number): Encoding;
  encodePair(first: string, second: string, maxTokens: number): Encoding;
}

interface TokenizerJson {
  model?: {
    type?: string;
    vocab?: Record<string, number>;
    unk_token?: string;
    continuing_subword_prefix?: string;
  };
  normalizer?: { type?: string; lowercase?: boolean; strip_accents?: boolean | null } | null;
}

/** BERT's clean_text: control characters (but not tab and newlines) and U+FFFD are dropped. */
function isControl(ch: string): boolean {
  const code = ch.codePointAt(0)!;
  if (ch === '\t' || ch === '\n' || ch === '\r') return false;
  return code < 0x20 || code === 0x7f || code === 0xfffd;
}

function normalise(text: string, lowercase: boolean, stripAccents: boolean): string {
  let out = [...text].filter((ch) => !isControl(ch)).join('');
  if (lowercase) out = out.toLowerCase();
  if (stripAccents) out = out.normalize('NFD').replace(/\p{Mn}/gu, '');
  return out;
}

/** BERT pre-tokenisation: whitespace splits, every punctuation character is a word of its own. */
function preTokenize(text: string): string[] {
  return text.match(/[\p{L}\p{N}\p{M}]+|[^\s\p{L}\p{N}\p{M}]/gu) ?? [];
}

/** Reads tokenizer.json; a file that is not WordPiece is an error naming the file. */
export function loadWordPiece(path: string): WordPiece {
  let json: TokenizerJson;
  try {
    json = JSON.parse(readFileSync(path, 'utf8')) as TokenizerJson;
  } catch {
    throw new InvalidDataError(
      `models: ${path} is missing or not JSON (give a Hugging Face tokenizer.json)`,
      { file: path },
    );
  }
  const vocab = json.model?.vocab;
  if (json.model?.type !== 'WordPiece' || vocab === undefined) {
    throw new InvalidDataError(`models: ${path} is not a WordPiece tokenizer (BERT-style models only)`, {
      file: path,
    });
  }
  const id = (token: string): number => {
    const found = vocab[token];
    if (found === undefined)
      throw new InvalidDataError(`models: ${path} has no "${token}" token`, { file: path });
    return found;
  };
  const unk = id(json.model?.unk_token ?? '[UNK]');
  const cls = id('[CLS]');
  const sep = id('[SEP]');
  const prefix = json.model?.continuing_subword_prefix ?? '##';
  const lowercase = json.normalizer?.lowercase ?? true;
  const stripAccents = json.normalizer?.strip_accents ?? lowercase;
  const pieces = (word: string): number[] => {
    if (word.length > 100) return [unk];
    const out: number[] = [];
    let start = 0;
    while (start < word.length) {
      let end = word.length;
      let found = -1;
      while (end > start) {
        const piece = (start > 0 ? prefix : '') + word.slice(start, end);
        if (vocab[piece] !== undefined) {
          found = vocab[piece]!;
          break;
        }
        end--;
      }
      if (found < 0) return [unk];
      out.push(found);
      start = end;
    }
    return out;
  };
  const tokens = (text: string) => preTokenize(normalise(text, lowercase, stripAccents)).flatMap(pieces);
  return {
    encode(text, maxTokens) {
      const ids = [cls, ...tokens(text).slice(0, Math.max(0, maxTokens - 2)), sep];
      return { ids, typeIds: ids.map(() => 0) };
    },
    encodePair(first, second, maxTokens) {
      const a = tokens(first).slice(0, Math.max(1, Math.floor((maxTokens - 3) / 2)));
      const b = tokens(second).slice(0, Math.max(0, maxTokens - 3 - a.length));
      const ids = [cls, ...a, sep, ...b, sep];
      return { ids, typeIds: ids.map((_, i) => (i < a.length + 2 ? 0 : 1)) };
    },
  };
}

/** Pads encodings to one length: ids, attention mask and token types as int64 arrays. */
export function padBatch(encodings: readonly Encoding[]): {
  length: number;
  ids: BigInt64Array;
  mask: BigInt64Array;
  types: BigInt64Array;
} {
  const length = Math.max(1, ...encodings.map((e) => e.ids.length));
  const ids = new BigInt64Array(encodings.length * length);
  const mask = new BigInt64Array(encodings.length * length);
  const types = new BigInt64Array(encodings.length * length);
  encodings.forEach((e, b) => {
    e.ids.forEach((id, t) => {
      ids[b * length + t] = BigInt(id);
      mask[b * length + t] = 1n;
      types[b * length + t] = BigInt(e.typeIds[t] ?? 0);
    });
  });
  return { length, ids, mask, types };
}
