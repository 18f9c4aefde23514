/**
 * A collection's repeated chrome (repeated-chrome.ts) as the index stores it beside the collection, so
 * that whoever reads one of its pages — a search's snippet, a `batuta://docs/…` read, the next index run —
 * leaves out the lines its chunks left out. Read back through zod: a record that does not parse, or one
 * keyed another way, is none (`undefined`), and the indexer then chunks the collection's HTML pages again.
 */
import { z } from 'zod';
import { LINE_KEYS, type RepeatedChrome } from './repeated-chrome.js';

const recordSchema = z.object({
  lineKeys: z.literal(LINE_KEYS).describe('how the line keys were taken; another way makes them useless'),
  pages: z.number().int().nonnegative().describe('HTML pages of the collection when it was judged'),
  lines: z
    .array(z.tuple([z.number().int().describe('line key'), z.number().int().describe('pages holding it')]))
    .describe('the lines on at least half of those pages'),
});

/** The stored text of a collection's repeated chrome. */
export function encodeChromeRecord(chrome: RepeatedChrome): string {
  return JSON.stringify({ lineKeys: LINE_KEYS, pages: chrome.pages, lines: [...chrome.lines] });
}

/** The repeated chrome a stored text holds; undefined when there is none or it cannot be used. */
export function decodeChromeRecord(text: string | null): RepeatedChrome | undefined {
  if (text === null) return undefined;
  try {
    const parsed = recordSchema.parse(JSON.parse(text));
    return { pages: parsed.pages, lines: new Map(parsed.lines) };
  } catch {
    return undefined;
  }
}
