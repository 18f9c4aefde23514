/**
 * Turns the amounts in a question into the data size the cost model needs. Counts are converted to
 * bytes with a typical size per item (a row of ~100 f32 features, a 768-dimension f32 embedding), so
 * "200 million rows" can be compared with one machine's memory.
 */
import { type Quantity, quantitiesIn } from '../text/quantity.js';
import type { Token } from '../text/tokenize.js';
import type { DataSize } from './types.js';

/** Bytes of one counted item, by noun; anything else counts as one 4-byte number. */
const BYTES_PER_ITEM: Readonly<Record<string, number>> = {
  row: 400,
  rows: 400,
  sample: 400,
  samples: 400,
  record: 400,
  records: 400,
  example: 400,
  examples: 400,
  customers: 400,
  users: 400,
  vector: 3072,
  vectors: 3072,
  embedding: 3072,
  embeddings: 3072,
  document: 4000,
  documents: 4000,
  pages: 4000,
  files: 100_000,
  image: 600_000,
  images: 600_000,
};

/** Nouns that count hardware, shapes or time, not data. */
const NOT_DATA: ReadonlySet<string> = new Set(
  (
    'gpu gpus cpu cpus core cores node nodes machine machines server servers worker workers bit bits ' +
    'column columns feature features dimension dimensions dimensional epoch epochs layer layers times ' +
    'percent ms milliseconds seconds second minutes hours days weeks months years faster slower version ' +
    'versions threads step steps'
  ).split(' '),
);

function isData(q: Quantity): boolean {
  if (q.kind === 'bytes') return true;
  if (q.noun !== null && NOT_DATA.has(q.noun)) return false;
  return q.value >= 100 || (q.noun !== null && BYTES_PER_ITEM[q.noun] !== undefined);
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
  const candidates = mergeShapes(quantitiesIn(tokens)).filter(isData);
  let best: DataSize | null = null;
  for (const q of candidates) {
    const bytes = q.kind === 'bytes' ? q.value : q.value * (BYTES_PER_ITEM[q.noun ?? ''] ?? 4);
    const elements = q.kind === 'bytes' ? Math.round(q.value / 4) : q.value;
    if (best === null || (best.bytes ?? 0) < bytes) best = { elements, bytes, text: q.text, kind: q.kind };
  }
  return best;
}

/** Nouns that count machines; "100 nodes" asks for a cluster as clearly as the word "cluster". */
const MACHINE_NOUNS: ReadonlySet<string> = new Set([
  'node',
  'nodes',
  'machine',
  'machines',
  'server',
  'servers',
  'hosts',
  'computers',
  'workstations',
]);

/** Words before "cluster" that make it a cluster of machines ("on a cluster", "our k8s cluster"), not clustering. */
const CLUSTER_BEFORE: ReadonlySet<string> = new Set(
  (
    'a the our my your their this that across on over in onto whole entire gpu gpus kubernetes k8s slurm ' +
    'hpc spark ray dask compute computing big large small shared company university lab'
  ).split(' '),
);

/** Number words before a machine noun ("four nodes"); the quantity reader skips bare small numbers. */
const COUNTS: ReadonlySet<string> = new Set(
  'two three four five six seven eight nine ten twelve sixteen twenty dozen hundred'.split(' '),
);

/** Words that count machines without a number: "a few machines", "many servers". */
const SOME: ReadonlySet<string> = new Set(['few', 'several', 'multiple', 'many', 'some']);

/**
 * "train on a cluster", "across our Slurm cluster", "a few machines": the question runs on several
 * machines. "cluster the customers" stays clustering.
 */
export function readsClusterOfMachines(tokens: readonly Token[]): boolean {
  return tokens.some((t, i) => {
    const before = tokens[i - 1];
    if (t.negated || before === undefined || before.clause !== t.clause) return false;
    if (t.word === 'cluster' || t.word === 'clusters') return CLUSTER_BEFORE.has(before.word);
    return (
      MACHINE_NOUNS.has(t.word) && t.word.endsWith('s') && (SOME.has(before.word) || COUNTS.has(before.word))
    );
  });
}

/** Positions of machine nouns that are counted ("8 nodes", "four servers"): machines, not graph nodes. */
export function countedMachinePositions(tokens: readonly Token[]): Set<number> {
  const out = new Set<number>();
  tokens.forEach((t, i) => {
    const before = tokens[i - 1];
    if (before === undefined || !MACHINE_NOUNS.has(t.word)) return;
    if (before.numeric || COUNTS.has(before.word) || SOME.has(before.word)) out.add(t.position);
  });
  return out;
}

/** The number of machines a question talks about ("across 8 nodes"), or 0. */
export function readMachineCount(tokens: readonly Token[]): number {
  let most = 0;
  for (const q of quantitiesIn(tokens)) {
    if (q.kind === 'count' && q.noun !== null && MACHINE_NOUNS.has(q.noun)) most = Math.max(most, q.value);
  }
  return most;
}
