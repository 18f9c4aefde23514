/**
 * The pseudo-questions withheld from a collection's adapted model: their texts were removed from what the
 * model was adapted on, so fusion calibration (fusion/calibrate.ts) can ask them without the dense leg
 * having seen the answer's heading beside its words. The record names the adapted version it belongs to.
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { writeAtomic } from '../dense/model-files.js';
import { currentAdaptedDir } from './store.js';

/** The record's file name in an adapted-model folder (stored with the model in PostgreSQL too). */
export const HELD_OUT_RECORD = 'held-out.json';

/** The withheld texts of the current adapted version, or null (none recorded, or for another version). */
export function readHeldOut(modelDir: string): Set<string> | null {
  try {
    const dir = currentAdaptedDir(modelDir);
    if (dir === null) return null;
    return parseHeldOut(readFileSync(join(modelDir, HELD_OUT_RECORD), 'utf8'), basename(dir));
  } catch {
    return null;
  }
}

/** The withheld texts of a record's text when it belongs to adapted version `version`, else null. */
export function parseHeldOut(record: string, version: string): Set<string> | null {
  try {
    const parsed = JSON.parse(record) as { version?: unknown; texts?: unknown };
    if (parsed.version !== version || !Array.isArray(parsed.texts)) return null;
    return new Set(parsed.texts.filter((text): text is string => typeof text === 'string'));
  } catch {
    return null;
  }
}

/** Records the texts withheld from the current adapted version (no-op when nothing is adapted). */
export function writeHeldOut(modelDir: string, texts: readonly string[]): void {
  const dir = currentAdaptedDir(modelDir);
  if (dir === null) return;
  writeAtomic(join(modelDir, HELD_OUT_RECORD), `${JSON.stringify({ version: basename(dir), texts })}\n`);
}
