/**
 * The selection's judgement of a collection's pages as stored with the collection: each page's stamp,
 * sampled shingles, hub verdict (and what it is judged again from, documents/hub-lines.ts), line keys
 * (documents/repeated-chrome.ts) and empty verdict (documents/empty-pages.ts), and the compilations found
 * among them (documents/compilations.ts), so that a refresh
 * reads only the pages whose stamp changed and, when none did, keeps the verdicts. Read back through a check
 * (src/shapes.ts): a record that does not parse, or one written by another way of shingling or another hub
 * compilation or empty-page rule, is ignored (every page is read).
 */
import { existsSync } from 'node:fs';
import { array, boolean, checkShape, nullable, number, object, oneOf, string, tuple } from '../../shapes.js';
import { IndexStore } from '../../store/index-store.js';
import type { JudgedPage, Judgement } from '../documents/compilations.js';
import { COMPILATION_RULE, SHINGLING } from '../documents/compilations.js';
import { EMPTY_RULE } from '../documents/empty-pages.js';
import { HUB_RULE } from '../documents/hubs.js';
import { LINE_KEYS } from '../documents/repeated-chrome.js';

/** A judged page as stored: source, size on disk in bytes, modification time in ms, sampled shingle hashes
 *  (little-endian uint32, base64; null: not text), why it is a hub page (documents/hubs.ts; null: it is not),
 *  keys of an HTML page's lines (documents/repeated-chrome.ts, uint32 base64; null: not HTML), what a hub
 *  verdict is judged again from without the collection's repeated chrome (documents/hub-lines.ts, uint32
 *  base64; null: not a hub on all its lines), whether the page holds no text beyond its title. */
type StoredPage = [
  string,
  number,
  number,
  string | null,
  string | null,
  string | null,
  string | null,
  boolean,
];

/** The rules the stored hub, compilation and empty-page verdicts come from. */
export const VERDICTS = `${HUB_RULE} ${COMPILATION_RULE} ${EMPTY_RULE}`;

/** A compilation as stored: source, pages it repeats, share of its text they cover. */
type StoredCompilation = [string, number, number];

interface StoredRecord {
  /** How the shingles and line keys were taken; another way makes them useless. */
  readonly shingling: typeof SHINGLING;
  readonly lineKeys: typeof LINE_KEYS;
  /** How the hub and compilation verdicts were reached (VERDICTS); verdicts of other rules are not reused. */
  readonly verdicts: typeof VERDICTS;
  /** The pages judged, in the order judged. */
  readonly pages: StoredPage[];
  /** The compilations found among the pages. */
  readonly compilations: StoredCompilation[];
}

const checkRecord = object<StoredRecord>({
  shingling: oneOf([SHINGLING]),
  lineKeys: oneOf([LINE_KEYS]),
  verdicts: oneOf([VERDICTS]),
  pages: array(
    tuple<StoredPage>([
      string,
      number(),
      number(),
      nullable(string),
      nullable(string),
      nullable(string),
      nullable(string),
      boolean,
    ]),
  ),
  compilations: array(tuple<StoredCompilation>([string, number({ int: true }), number()])),
});

/** The stored text of a judgement. */
export function encodePagesRecord(judgement: Judgement): string {
  const pages = judgement.pages.map(({ source, size, mtime, shingles, hub, lineKeys, hubLines, empty }) => [
    source,
    size,
    mtime,
    shingles === null ? null : packed(shingles),
    hub,
    lineKeys === null ? null : packed(lineKeys),
    hubLines === null ? null : packed(hubLines),
    empty,
  ]);
  const compilations = [...judgement.compilations].map(([source, { parts, covered }]) => [
    source,
    parts,
    covered,
  ]);
  return JSON.stringify({
    shingling: SHINGLING,
    lineKeys: LINE_KEYS,
    verdicts: VERDICTS,
    pages,
    compilations,
  });
}

/** The judgement a stored text holds, or undefined when there is none or it cannot be used. */
export function decodePagesRecord(text: string | null): Judgement | undefined {
  if (text === null) return undefined;
  let parsed: StoredRecord;
  try {
    const checked = checkShape(checkRecord, JSON.parse(text));
    if (!('value' in checked)) return undefined;
    parsed = checked.value;
  } catch {
    return undefined;
  }
  const pages = parsed.pages.map(
    ([source, size, mtime, shingles, hub, lineKeys, hubLines, empty]): JudgedPage => ({
      source,
      size,
      mtime,
      shingles: shingles === null ? null : [...uint32s(shingles)],
      hub,
      hubLines: hubLines === null ? null : [...uint32s(hubLines)],
      lineKeys: lineKeys === null ? null : [...uint32s(lineKeys)],
      empty,
    }),
  );
  const compilations = new Map(
    parsed.compilations.map(([source, parts, covered]) => [source, { parts, covered }]),
  );
  return { pages, compilations };
}

const packed = (values: readonly number[]) => Buffer.from(Uint32Array.from(values).buffer).toString('base64');

function uint32s(base64: string): Uint32Array {
  const bytes = Buffer.from(base64, 'base64');
  const copy = new Uint8Array(bytes.length - (bytes.length % 4));
  copy.set(bytes.subarray(0, copy.length));
  return new Uint32Array(copy.buffer);
}

/**
 * The judgement stored for collection `name` of the index database at `dbPath` when it indexes `root`, read
 * without writing: a dry run reuses it as the run would. None when there is no such collection or the file
 * cannot be read (the dry run then reads every page, and agrees with the run all the same).
 */
export function storedJudgement(dbPath: string, name: string, root: string): Judgement | undefined {
  if (!existsSync(dbPath)) return undefined;
  try {
    const store = IndexStore.open(dbPath, { readOnly: true });
    try {
      const head = store.headOf(name);
      return head === null || head.root !== root ? undefined : decodePagesRecord(store.pagesRecord(head.id));
    } finally {
      store.close();
    }
  } catch {
    return undefined;
  }
}
