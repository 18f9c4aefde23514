/**
 * Storage of a collection's adapted model: each adaptation is written to a staging folder, renamed to a
 * content-named version folder, and made current by rewriting one small pointer file atomically, so a
 * search never sees a half-written model and keeps the previous version until the switch.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { BatutaError, InvalidDataError } from '../../errors.js';
import { INDEX_AGAIN, say } from '../../fixes.js';
import { sha256, verifyModelFiles, writeAtomic, writeWordModel } from '../dense/model-files.js';
import type { WordVectors } from '../wordvec/skipgram.js';

/** What a user does about a broken adapted model. */
export const REBUILD_ADAPTED = say`${INDEX_AGAIN} on this collection again to re-adapt its model`;
const CURRENT = 'current.json';
/**
 * Builtins this file needs only to store a model (in the adaptation's worker), required then: a search reads
 * models through this file and would otherwise load worker_threads (~4 ms of a fresh process) for nothing.
 */
const requireBuiltin = createRequire(import.meta.url);
/** A version folder's name: `v-` and 12 hex digits of its manifest's hash. */
const VERSION = /^v-[0-9a-f]{12}$/;

/** The version folder an adapted model folder points at, or null when nothing was adapted yet. */
export function currentAdaptedDir(modelDir: string): string | null {
  const pointer = join(modelDir, CURRENT);
  if (!existsSync(pointer)) return null;
  let version: unknown;
  try {
    version = JSON.parse(readFileSync(pointer, 'utf8')).version;
  } catch {
    throw new InvalidDataError(say`models: ${pointer} is not valid JSON (${REBUILD_ADAPTED})`, {
      file: pointer,
    });
  }
  if (typeof version !== 'string' || !VERSION.test(version)) {
    throw new InvalidDataError(say`models: ${pointer} names no model version (${REBUILD_ADAPTED})`, {
      file: pointer,
    });
  }
  return join(modelDir, version);
}

/** The version folders kept in an adapted model folder besides the current one (at most one, see storeAdapted). */
export function keptAdaptedDirs(modelDir: string, current: string): string[] {
  if (!existsSync(modelDir)) return [];
  return readdirSync(modelDir)
    .filter((entry) => VERSION.test(entry))
    .map((entry) => join(modelDir, entry))
    .filter((dir) => dir !== current);
}

/** True when every file of a model version matches its manifest. */
function isIntact(versionDir: string): boolean {
  try {
    verifyModelFiles(versionDir, REBUILD_ADAPTED);
    return true;
  } catch {
    return false;
  }
}

/**
 * Why the collection's current adapted model cannot be used (a damaged pointer, manifest or file), or
 * null when it is intact or there is none.
 */
export function adaptedModelProblem(modelDir: string): string | null {
  try {
    const current = currentAdaptedDir(modelDir);
    if (current !== null) verifyModelFiles(current, REBUILD_ADAPTED);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** The version in use before this adaptation; a broken pointer is simply replaced. */
function previousVersion(modelDir: string): string | null {
  try {
    return currentAdaptedDir(modelDir);
  } catch {
    return null;
  }
}

/**
 * Writes `vectors` as a new version of the collection's model and makes it current; returns its folder.
 * The previous version stays one round longer, for a search that is loading it right now. When
 * `stopRequested` says so just before the switch, the new files are removed, the previous version stays
 * current, and a CANCELLED error is thrown.
 */
export function storeAdapted(modelDir: string, vectors: WordVectors, stopRequested = () => false): string {
  mkdirSync(modelDir, { recursive: true });
  const { threadId } = requireBuiltin('node:worker_threads') as typeof import('node:worker_threads');
  const staging = join(modelDir, `staging-${process.pid}-${threadId}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging);
  const files = writeWordModel(staging, vectors);
  const version = `v-${sha256(Buffer.from(JSON.stringify(files))).slice(0, 12)}`;
  writeAtomic(join(staging, 'manifest.json'), `${JSON.stringify({ files }, null, 2)}\n`);
  const target = join(modelDir, version);
  const previous = previousVersion(modelDir);
  if (target !== previous || !isIntact(target)) {
    rmSync(target, { recursive: true, force: true });
    renameSync(staging, target);
  } else {
    rmSync(staging, { recursive: true, force: true });
  }
  if (stopRequested()) {
    if (target !== previous) rmSync(target, { recursive: true, force: true });
    throw new BatutaError('CANCELLED', 'models: adaptation stopped before its model became current');
  }
  writeAtomic(join(modelDir, CURRENT), `${JSON.stringify({ version })}\n`);
  const keep = new Set([target, previous]);
  for (const entry of readdirSync(modelDir)) {
    const path = join(modelDir, entry);
    if (entry.startsWith('v-') && !keep.has(path)) rmSync(path, { recursive: true, force: true });
  }
  return target;
}
