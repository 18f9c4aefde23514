/**
 * The table of word meanings the build computes (meanings-build.ts), read back for the oracle: a small
 * JSON file beside the knowledge snapshot. This module stays light (no model code), since every fresh
 * `batuta oracle` process imports it.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { defaultSnapshotPath } from '../knowledge/load.js';
import type { Meaning, Meanings } from './meanings.js';

/** Where the build writes the table: beside the knowledge snapshot. */
export function defaultMeaningsPath(): string {
  return join(dirname(defaultSnapshotPath()), 'oracle-meanings.json');
}

/** Reads the table back; undefined when it is missing or malformed (soft matching is then off). */
export function readMeaningsSnapshot(path = defaultMeaningsPath()): Meanings | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as { anchorsKey?: unknown; rows?: unknown };
    if (typeof parsed.anchorsKey !== 'string' || !Array.isArray(parsed.rows)) return undefined;
    const nearest = new Map<string, Meaning>();
    for (const row of parsed.rows as unknown[]) {
      if (!Array.isArray(row) || typeof row[0] !== 'string' || typeof row[1] !== 'string') return undefined;
      if (typeof row[2] !== 'number') return undefined;
      nearest.set(row[0], { anchor: row[1], similarity: row[2] });
    }
    return { anchorsKey: parsed.anchorsKey, nearest };
  } catch {
    return undefined;
  }
}
