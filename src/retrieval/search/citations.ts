/**
 * Citations for recommendations: for each recommended component, the passage of the built-in specs that
 * best matches the question, so `batuta oracle` can point at `{collection:'specs', source, heading, lines}`.
 * The specs index is built on the first call of a citer and reused by that citer.
 */

import type { Chunk } from '../types.js';
import {
  defaultSpecsSnapshotPath,
  findSpecsDir,
  loadMemoryCollection,
  type MemoryCollection,
  SPECS_COLLECTION,
} from './memory-collection.js';

/** A pointer into the specs. */
export interface SpecCitation {
  readonly collection: 'specs';
  readonly source: string;
  readonly heading: string;
  readonly lines: readonly [number, number];
}

/** Cites the specs for a question, one passage per component (in the order given), at most `limit`. */
export type SpecCiter = (question: string, components: readonly string[], limit?: number) => SpecCitation[];

/**
 * Creates a citer over the shipped specs (or `specsDir`); the index is loaded lazily on first use, from
 * the build's snapshot (`snapshot`, default dist/specs-snapshot.json) when it matches the files.
 */
export function createSpecCiter(
  specsDir: string = findSpecsDir(),
  snapshot: string | null = defaultSpecsSnapshotPath(),
): SpecCiter {
  let collection: MemoryCollection | null = null;
  return (question, components, limit = 5) => {
    collection ??= loadMemoryCollection(SPECS_COLLECTION, specsDir, { snapshot });
    const cited: SpecCitation[] = [];
    const seen = new Set<string>();
    for (const component of components) {
      if (cited.length >= limit) break;
      const chunk = bestChunk(collection, question, component);
      if (chunk === null || seen.has(chunk.id)) continue;
      seen.add(chunk.id);
      cited.push({
        collection: 'specs',
        source: chunk.source,
        heading: chunk.headings.join(' > '),
        lines: chunk.lines,
      });
    }
    return cited;
  };
}

function bestChunk(collection: MemoryCollection, question: string, component: string): Chunk | null {
  const [hit] = collection.sparse.searchComponents(question, 1, new Set([component]));
  if (hit !== undefined) return collection.chunks.get(hit.chunkId) ?? null;
  for (const chunk of collection.chunks.values()) if (chunk.component === component) return chunk;
  return null;
}
