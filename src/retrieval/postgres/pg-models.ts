/**
 * Adapted embedder models of PostgreSQL collections live in the database (store/postgres/pg-vectors.ts), so a
 * server needs no model folder of its own. An adapted model is uploaded from the folder the provider wrote it
 * to (its pointer file and current version folder), and materialised for loading into a private cache folder
 * named after the embedder id, which is a hash of the model's files: the same id is the same model. A process
 * marks the folders it uses (their modification time), and one that writes a new folder removes those no
 * process has used for a day: any of them is written again from the database when it is needed.
 */
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { InvalidDataError } from '../../errors.js';
import { INDEX_AGAIN, say } from '../../fixes.js';
import { removeLeftovers } from '../../paths/leftovers.js';
import type { PgIndexStore } from '../../store/postgres/pg-index-store.js';
import { HELD_OUT_RECORD, parseHeldOut } from '../adapt/held-out.js';
import { currentAdaptedDir } from '../adapt/store.js';

/**
 * A stored file name: the pointer file, the record of texts withheld from adaptation, or one file of a
 * version folder; never anything that climbs out.
 */
const STORED_FILE = /^(current\.json|held-out\.json|v-[0-9a-f]{12}\/[A-Za-z0-9][A-Za-z0-9._-]*)$/;

/**
 * The files of the adapted model in `modelDir` (pointer, current version and the record of withheld
 * texts when there is one), keyed by relative path.
 */
export function readAdaptedFiles(modelDir: string): Map<string, Buffer> {
  const version = currentAdaptedDir(modelDir);
  if (version === null) return new Map();
  const files = new Map<string, Buffer>([['current.json', readFileSync(join(modelDir, 'current.json'))]]);
  if (existsSync(join(modelDir, HELD_OUT_RECORD)))
    files.set(HELD_OUT_RECORD, readFileSync(join(modelDir, HELD_OUT_RECORD)));
  const name = version.slice(version.lastIndexOf('/') + 1);
  for (const entry of readdirSync(version)) files.set(`${name}/${entry}`, readFileSync(join(version, entry)));
  return files;
}

/** The cache folder that holds materialised models of this user. */
function modelCacheRoot(): string {
  return join(tmpdir(), `batuta-pg-models-${process.getuid?.() ?? 'user'}`);
}

/** How long a materialised model may go unused before a process that writes another one removes it. */
export const MODEL_UNUSED_MS = 24 * 60 * 60 * 1000;
/** How often a process that keeps a model loaded marks its folder used again (well within MODEL_UNUSED_MS). */
const MARK_EVERY_MS = 10 * 60 * 1000;
/** A folder being written: the model's folder name, the writer's pid and the time it started. */
const STAGING = /^[A-Za-z0-9._-]+\.(?<pid>\d+)\.\d{10,}$/;

/** Marks a materialised model used now; false when its folder is gone (one that cannot be marked is kept). */
function markUsed(folder: string, now: number): boolean {
  try {
    utimesSync(folder, now / 1000, now / 1000);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
  }
  return true;
}

/**
 * Says whether a model folder a process keeps loaded is still there, marking it used (at most every ten
 * minutes per keeper); when it is not (unused for a day, then removed), load it again.
 */
export type ModelKeeper = (folder: string, now?: number) => boolean;

/** A keeper for the models one source keeps loaded; it remembers when it last marked each folder. */
export function createModelKeeper(): ModelKeeper {
  const marked = new Map<string, number>();
  return (folder, now = Date.now()) => {
    if (now - (marked.get(folder) ?? 0) < MARK_EVERY_MS) return true;
    if (!markUsed(folder, now)) {
      marked.delete(folder);
      return false;
    }
    marked.set(folder, now);
    return true;
  };
}

/**
 * Removes, from the cache folder, model folders no process has marked used for MODEL_UNUSED_MS and folders
 * left half-written by a process that is no longer running; nothing else there is touched. A folder is
 * renamed away before it is deleted, so a process looking for it finds the whole model or none.
 */
export function pruneModelCache(root = modelCacheRoot(), now = Date.now()): string[] {
  const removed = removeLeftovers(root, STAGING, now);
  const entries = existsSync(root) ? readdirSync(root) : [];
  for (const entry of entries) {
    const path = join(root, entry);
    try {
      if (STAGING.test(entry) || !existsSync(join(path, 'current.json'))) continue;
      if (now - lstatSync(path).mtimeMs <= MODEL_UNUSED_MS) continue;
      const doomed = `${path}.${process.pid}.${now}`;
      renameSync(path, doomed);
      rmSync(doomed, { recursive: true, force: true });
      removed.push(path);
    } catch {
      // Removed or renamed by another process meanwhile.
    }
  }
  return removed;
}

/**
 * A local model folder for the collection's stored model `embedderId` (the provider loads and verifies it
 * from there), or null when the database holds no model of that id for the collection.
 */
export async function materialiseModel(
  store: PgIndexStore,
  collectionId: number,
  embedderId: string,
): Promise<string | null> {
  const root = modelCacheRoot();
  const folder = join(root, embedderId.replace(/[^A-Za-z0-9._-]+/g, '_'));
  if (existsSync(join(folder, 'current.json')) && markUsed(folder, Date.now())) return folder;
  const files = await store.loadModel(collectionId, embedderId);
  if (files === null) return null;
  const staging = `${folder}.${process.pid}.${Date.now()}`;
  try {
    for (const [file, bytes] of files) {
      if (!STORED_FILE.test(file)) {
        throw new InvalidDataError(
          say`models: the database holds a model file named "${file}" that batuta did not write (${INDEX_AGAIN} on the collection again)`,
        );
      }
      mkdirSync(dirname(join(staging, file)), { recursive: true });
      writeFileSync(join(staging, file), bytes);
    }
    mkdirSync(dirname(folder), { recursive: true });
    if (existsSync(folder)) rmSync(staging, { recursive: true, force: true });
    else renameSync(staging, folder);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  markUsed(folder, Date.now());
  pruneModelCache(root);
  return folder;
}

/**
 * The texts withheld from the collection's stored model `embedderId` when it was adapted: `adapted` false
 * when the database holds no model of that id (the base model); `texts` null when none were recorded.
 */
export async function storedHeldOut(
  store: PgIndexStore,
  collectionId: number,
  embedderId: string,
): Promise<{ adapted: boolean; texts: ReadonlySet<string> | null }> {
  const files = await store.loadModel(collectionId, embedderId, ['current.json', HELD_OUT_RECORD]);
  if (files === null) return { adapted: false, texts: null };
  const record = files.get(HELD_OUT_RECORD);
  let version: unknown;
  try {
    version = JSON.parse(files.get('current.json')?.toString('utf8') ?? '').version;
  } catch {
    version = null;
  }
  const texts =
    record === undefined || typeof version !== 'string'
      ? null
      : parseHeldOut(record.toString('utf8'), version);
  return { adapted: true, texts };
}
