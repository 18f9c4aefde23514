/** A seeded synthetic collection for comparing the two stores: words with stems in common, code names, accents. */

import { createRandom } from '../../../bench/lib/random.js';
import type { Chunk } from '../../../src/retrieval/types.js';
import type { DocumentWrite } from '../../../src/store/index-store.js';

export const VOCABULARY = [
  'vector',
  'vectors',
  'search',
  'searching',
  'gpu',
  'GPUs',
  'training',
  'trained',
  'index',
  'indexes',
  'x86_64',
  'max_connections',
  'café',
  'naïve',
  'generously',
  'quickly',
  'relational',
  'hopping',
  'replica',
  'streaming',
  'matrix',
  'kernel',
  'latency',
  'the',
  'of',
  'HNSW',
  'BM25',
  'tokenizer',
  'v2',
  '3.14',
];

/** A small deterministic generator (mulberry32), the benches' own. */
export const seeded = createRandom;

function words(random: () => number, count: number): string {
  return Array.from({ length: count }, () => VOCABULARY[Math.floor(random() * VOCABULARY.length)]).join(' ');
}

/** `documents` documents of one to three chunks each. */
export function syntheticDocuments(seed: number, documents: number): DocumentWrite[] {
  const random = seeded(seed);
  return Array.from({ length: documents }, (_, d) => {
    const source = `doc-${seed}-${d}.md`;
    const chunks: Chunk[] = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, c) => ({
      id: `${source}#${c}`,
      collection: 'c',
      source,
      component: null,
      headings: [`Title ${d}`, words(random, 1 + Math.floor(random() * 3))],
      lines: [c * 10 + 1, c * 10 + 9],
      text: `${words(random, 5 + Math.floor(random() * 40))}. ${words(random, Math.floor(random() * 20))}`,
    }));
    const text = chunks.map((chunk) => chunk.text).join('\n');
    return { source, hash: `h${d}`, size: 100 + d, mtime: 1000 + d, title: `doc ${d}`, chunks, text };
  });
}

/** Questions: a few vocabulary words each, some repeated or differing only by their stem. */
export function syntheticQuestions(seed: number, count: number): string[][] {
  const random = seeded(seed);
  return Array.from({ length: count }, () =>
    Array.from(
      { length: 1 + Math.floor(random() * 4) },
      () => VOCABULARY[Math.floor(random() * VOCABULARY.length)]!,
    ),
  );
}
