/**
 * Turns the amounts in a question into the data size the cost model needs. Counts are converted to
 * bytes with a typical size per item (a row of ~100 f32 features, a 768-dimension f32 embedding), so
 * "200 million rows" can be compared with one machine's memory.
 */
import { type Quantity, quantitiesIn } from '../text/quantity.js';
import type { Token } from '../text/tokenize.js';
import { isGraphQuestion } from './placement.js';
import type { DataSize } from './types.js';

/** Bytes of one counted item, by the singular noun; anything else counts as one 4-byte number. */
const ITEM_BYTES: ReadonlyArray<readonly [number, string]> = [
  // A record of ~100 f32 features or fields.
  [
    400,
    'row record sample example observation entry event transaction customer user item product order ' +
      'message log line tweet review ticket session click visit purchase patient instance datapoint',
  ],
  // A 768-dimension f32 embedding.
  [3072, 'vector embedding'],
  [4000, 'document page article email paper post passage chunk sentence paragraph'],
  [100_000, 'file pdf'],
  [600_000, 'image photo picture frame scan'],
  [1_000_000, 'recording clip song track'],
  [50_000_000, 'video movie'],
];
const BYTES_PER_ITEM: ReadonlyMap<string, number> = new Map(
  ITEM_BYTES.flatMap(([bytes, nouns]) => nouns.split(' ').map((n) => [n, bytes] as const)),
);

/** "rows" → "row", "entries" → "entry", "boxes" → "box": enough English plural for the nouns above. */
function singular(noun: string): string {
  if (noun.endsWith('ies') && noun.length > 4) return `${noun.slice(0, -3)}y`;
  if (/(ch|sh|x)es$/.test(noun)) return noun.slice(0, -2);
  return noun.endsWith('s') && !noun.endsWith('ss') ? noun.slice(0, -1) : noun;
}

function bytesPerItem(noun: string | null): number | undefined {
  return noun === null ? undefined : BYTES_PER_ITEM.get(singular(noun));
}

/** Nouns that count hardware, shapes or time, not data. */
const NOT_DATA: ReadonlySet<string> = new Set(
  (
    'gpu gpus cpu cpus core cores node nodes machine machines server servers worker workers bit bits ' +
    'column columns feature features dimension dimensions dimensional dim dims epoch epochs layer layers times ' +
    'percent ms milliseconds seconds second minutes hours days weeks months years faster slower version ' +
    'versions threads step steps host hosts box boxes pod pods vm vms replicas'
  ).split(' '),
);

/** The parts of a graph, counted as data when the question is about a graph (16 B: two ids and a weight). */
const GRAPH_PARTS: ReadonlySet<string> = new Set(['node', 'nodes', 'vertex', 'vertices', 'edge', 'edges']);
const GRAPH_PART_BYTES = 16;

/** Nouns after a byte size that make it a machine's capacity, not data: "256 GB of RAM", "a 24 GB GPU". */
const CAPACITY: ReadonlySet<string> = new Set(
  'ram memory vram gpu gpus card cards heap swap laptop laptops machine machines box server node'.split(' '),
);

function isData(q: Quantity, graph: boolean): boolean {
  if (q.kind === 'bytes') return q.noun === null || !CAPACITY.has(q.noun);
  if (graph && q.noun !== null && GRAPH_PARTS.has(q.noun)) return true;
  if (q.noun !== null && NOT_DATA.has(q.noun)) return false;
  return q.value >= 100 || bytesPerItem(q.noun) !== undefined;
}

/** Reads "2048 x 2048" as one amount of 2048 × 2048 elements. */
function mergeShapes(quantities: readonly Quantity[]): Quantity[] {
  const merged: Quantity[] = [];
  for (let i = 0; i < quantities.length; i += 1) {
    const q = quantities[i] as Quantity;
    const next = quantities[i + 1];
    if (q.noun === 'x' && q.kind === 'count' && next !== undefined && next.kind === 'count') {
      merged.push({ ...next, value: q.value * next.value, text: `${q.value} x ${next.text}` });
      i += 1;
    } else {
      merged.push(q);
    }
  }
  return merged;
}

/** The largest data amount in a question's tokens, or null when it names none. */
export function readDataSize(tokens: readonly Token[]): DataSize | null {
  const graph = isGraphQuestion(tokens);
  const candidates = mergeShapes(quantitiesIn(tokens)).filter((q) => isData(q, graph));
  let best: DataSize | null = null;
  for (const q of candidates) {
    const part = graph && q.noun !== null && GRAPH_PARTS.has(q.noun) ? GRAPH_PART_BYTES : undefined;
    const bytes = q.kind === 'bytes' ? q.value : q.value * (part ?? bytesPerItem(q.noun) ?? 4);
    const elements = q.kind === 'bytes' ? Math.round(q.value / 4) : q.value;
    if (best === null || (best.bytes ?? 0) < bytes) best = { elements, bytes, text: q.text, kind: q.kind };
  }
  return best;
}
