/**
 * When to adapt a collection's embedder again: issue 4 asks to re-adapt "when the collection changes
 * substantially". Each adaptation records how many chunks the collection had and its highest chunk id
 * (chunk ids only grow, a changed file gets new ids); later runs count the chunks added, changed or
 * removed since, and re-adapt once they exceed READAPT_SHARE of the adapted collection. A one-file edit
 * in a collection of more than a handful of files stays far below it, so such a re-index stays fast.
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { writeAtomic } from '../dense/model-files.js';
import { currentAdaptedDir } from './store.js';

/**
 * Share of the adapted collection's chunks that must have been added, changed or removed before the
 * model is adapted again: by then a quarter of the text was never seen by skip-gram or LSA (its new
 * words have no vector), while re-adapting costs up to two minutes and a full re-embedding.
 */
export const READAPT_SHARE = 0.25;

const RECORD = 'adapted-from.json';

/** The collection as the current adapted version was trained on it. */
export interface AdaptRecord {
  /** The version folder's name (v-…) the record belongs to. */
  readonly version: string;
  readonly chunks: number;
  readonly maxChunkId: number;
}

/** The collection now: its chunk count and how many chunks with ids ≤ the record's maxChunkId remain. */
export interface CollectionNow {
  readonly chunks: number;
  readonly survivors: number;
}

/** The record of the current adapted version, or null (none, unreadable, or of another version). */
export function readAdaptRecord(modelDir: string): AdaptRecord | null {
  let version: string;
  let parsed: Partial<AdaptRecord>;
  try {
    const dir = currentAdaptedDir(modelDir);
    if (dir === null) return null;
    version = basename(dir);
    parsed = JSON.parse(readFileSync(join(modelDir, RECORD), 'utf8')) as Partial<AdaptRecord>;
  } catch {
    return null;
  }
  const { chunks, maxChunkId } = parsed;
  if (parsed.version !== version || !Number.isInteger(chunks) || !Number.isInteger(maxChunkId)) return null;
  return { version, chunks: chunks!, maxChunkId: maxChunkId! };
}

/** Records what the current adapted version was trained on (no-op when nothing is adapted). */
export function writeAdaptRecord(modelDir: string, chunks: number, maxChunkId: number): void {
  const dir = currentAdaptedDir(modelDir);
  if (dir === null) return;
  const record: AdaptRecord = { version: basename(dir), chunks, maxChunkId };
  writeAtomic(join(modelDir, RECORD), `${JSON.stringify(record)}\n`);
}

/**
 * Chunks added or changed (new ids) or removed, whichever is more, as a share of the adapted collection:
 * a file edited in place counts once, not as one removal plus one addition.
 */
export function changedShare(record: AdaptRecord, now: CollectionNow): number {
  const changed = Math.max(now.chunks - now.survivors, record.chunks - now.survivors);
  return changed / Math.max(record.chunks, 1);
}

/** True when the collection changed by more than `share` since it was adapted. */
export function needsReadaptation(
  record: AdaptRecord,
  now: CollectionNow,
  share: number = READAPT_SHARE,
): boolean {
  return changedShare(record, now) > share;
}
