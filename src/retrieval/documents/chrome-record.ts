/**
 * A collection's repeated chrome (repeated-chrome.ts) as the index stores it beside the collection, so
 * that whoever reads one of its pages — a search's snippet, a `batuta://docs/…` read, the next index run —
 * leaves out the lines its chunks left out. Read back through a check (src/shapes.ts): a record that does
 * not parse, or one keyed another way, is none (`undefined`), and the indexer then chunks the collection's
 * HTML pages again.
 */
import { array, checkShape, number, object, oneOf, tuple } from '../../shapes.js';
import { LINE_KEYS, type RepeatedChrome } from './repeated-chrome.js';

interface StoredRecord {
  /** How the line keys were taken; another way makes them useless. */
  readonly lineKeys: typeof LINE_KEYS;
  /** HTML pages of the collection when it was judged. */
  readonly pages: number;
  /** The lines on at least half of those pages: line key, pages holding it. */
  readonly lines: Array<[number, number]>;
}

const int = number({ int: true });

const checkRecord = object<StoredRecord>({
  lineKeys: oneOf([LINE_KEYS]),
  pages: number({ int: true, min: 0 }),
  lines: array(tuple<[number, number]>([int, int])),
});

/** The stored text of a collection's repeated chrome. */
export function encodeChromeRecord(chrome: RepeatedChrome): string {
  return JSON.stringify({ lineKeys: LINE_KEYS, pages: chrome.pages, lines: [...chrome.lines] });
}

/** The repeated chrome a stored text holds; undefined when there is none or it cannot be used. */
export function decodeChromeRecord(text: string | null): RepeatedChrome | undefined {
  if (text === null) return undefined;
  try {
    const checked = checkShape(checkRecord, JSON.parse(text));
    return 'value' in checked
      ? { pages: checked.value.pages, lines: new Map(checked.value.lines) }
      : undefined;
  } catch {
    return undefined;
  }
}
