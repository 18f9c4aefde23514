/**
 * The fused pool of a search: the legs' hits, fused by the search's first stage, and its best chunk per file
 * (results and the reranker work per file).
 */
import { fuseFirstStage } from '../fusion/first-stage.js';
import type { Chunk } from '../types.js';
import type { FusionSettings } from './hybrid.js';

/** The hits of each leg for one request (the dense leg embeds the question). */
export interface LegResults {
  readonly bm25: ReadonlyArray<{ readonly chunkId: string; readonly score: number }>;
  readonly dense: ReadonlyArray<{ readonly chunkId: string; readonly score: number }>;
  readonly headings: ReadonlyArray<{ readonly chunkId: string; readonly score: number }>;
}

/** The fused chunk pool of the legs' hits under the settings' first stage. */
export function fuseLegs(hits: LegResults, settings: FusionSettings): Ranked[] {
  return fuseFirstStage(settings, [
    { name: 'bm25', hits: hits.bm25, weight: settings.bm25Weight },
    { name: 'dense', hits: hits.dense, weight: settings.denseWeight },
    { name: 'headings', hits: hits.headings, weight: settings.headingWeight },
  ]);
}

export interface Ranked {
  readonly id: string;
  readonly score: number;
  readonly ranks: Readonly<Record<string, number>>;
}

/** Identifies the file a chunk comes from (results and the reranker work per file). */
export function fileKey(chunk: Chunk): string {
  return `${chunk.collection}\0${chunk.source}`;
}

/** The fused pool with one chunk per file, the best, in fused order. */
export function bestPerFile(fused: readonly Ranked[], chunks: Map<string, Chunk>): Ranked[] {
  const seen = new Set<string>();
  const kept: Ranked[] = [];
  for (const item of fused) {
    const chunk = chunks.get(item.id);
    if (chunk === undefined) continue;
    const key = fileKey(chunk);
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(item);
  }
  return kept;
}

/** The fused pool's chunks grouped by file, each file's in fused order (best first). */
export function pooledByFile(fused: readonly Ranked[], chunks: Map<string, Chunk>): Map<string, Ranked[]> {
  const byFile = new Map<string, Ranked[]>();
  for (const item of fused) {
    const chunk = chunks.get(item.id);
    if (chunk === undefined) continue;
    const members = byFile.get(fileKey(chunk));
    if (members === undefined) byFile.set(fileKey(chunk), [item]);
    else members.push(item);
  }
  return byFile;
}
