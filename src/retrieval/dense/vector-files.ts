/**
 * What the read and the write path agree on about a collection's vectors: the text a chunk is embedded as
 * the name of the HNSW file of one embedder's vectors, where a collection's files sit beside the database,
 * and which of the files there belong to a collection the database no longer holds.
 */
import { statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { removeLeftovers, removeOrphans } from '../../paths/leftovers.js';
import { escapeRegExp } from '../../text/regexp.js';
import { sha256 } from './model-files.js';

/** Files that belong to a persisted collection, beside the database. */
export function collectionFiles(dbPath: string, name: string): { vectorStem: string; modelDir: string } {
  return { vectorStem: `${dbPath}.${name}`, modelDir: `${dbPath}.${name}.model` };
}

/** The text a chunk is embedded (and BM25-indexed) as: heading path first, then the body. */
export function indexedText(headings: readonly string[], text: string): string {
  return headings.length === 0 ? text : `${headings.join(' > ')}\n${text}`;
}

/** The HNSW file of a collection's vectors from one embedder. */
export function vectorFile(vectorStem: string, embedder: string): string {
  return `${vectorStem}.${sha256(Buffer.from(embedder)).slice(0, 12)}.hnsw`;
}

/**
 * Removes what interrupted writes of a collection left (paths/leftovers.ts): temporary HNSW files beside the
 * database, and staging folders and temporary files in its model folder (the pid follows `staging-` or
 * `.tmp-`). Version folders are not touched: adapt/store.ts keeps the current and the previous one.
 */
export function removeCollectionLeftovers(vectorStem: string, modelDir: string): string[] {
  const stem = escapeRegExp(basename(vectorStem));
  return [
    ...removeLeftovers(dirname(vectorStem), new RegExp(`^${stem}\\.[0-9a-f]{12}\\.hnsw\\.tmp-(?<pid>\\d+)$`)),
    ...removeLeftovers(modelDir, /^(?:staging-|[A-Za-z0-9._-]+\.tmp-)(?<pid>\d+)(?:-\d+)?$/),
  ];
}

/** What follows `DB.NAME` in the names of a collection's files: its model folder, HNSW files and their temporaries. */
const COLLECTION_SUFFIXES = [/\.model$/, /\.hnsw$/, /\.[0-9a-f]{12}\.hnsw(?:\.tmp-\d+)?$/];

/**
 * The collections an entry beside the index database at `dbPath` may be a file of (`index.db.notes.model`
 * -> `notes`); more than one when the name reads two ways (`x.0123456789ab.hnsw`: collection `x`'s hashed
 * HNSW file, or `x.0123456789ab`'s unhashed one), none when it is not a collection's file.
 */
export function collectionsOfFile(dbPath: string, entry: string): string[] {
  const stem = `${basename(dbPath)}.`;
  if (!entry.startsWith(stem)) return [];
  const rest = entry.slice(stem.length);
  const readings = COLLECTION_SUFFIXES.flatMap((suffix) => {
    const match = suffix.exec(rest);
    return match === null || match.index === 0 ? [] : [rest.slice(0, match.index)];
  });
  return [...new Set(readings)];
}

/** Entries of a collection's files or folders that a running writer names (paths/leftovers.ts). */
const WRITER = /(?:^staging-|\.tmp-)(?<pid>\d+)/;

/**
 * Removes the files of collections that the database at `dbPath` no longer holds (its row removed by another
 * tool, a crash between removing the row and the files, a first run that failed after writing them): only
 * when nothing in them changed for an hour and no running process writes in them (paths/leftovers.ts), and
 * never a name that may be a file of another database in the folder (`index.db.team.x.model` beside a
 * database `index.db.team`). `liveCollections` is asked after the look, so a collection added meanwhile
 * keeps its files.
 */
export function removeOrphanFiles(dbPath: string, liveCollections: () => ReadonlySet<string>): string[] {
  const dir = dirname(dbPath);
  const stem = basename(dbPath);
  const ofOtherDatabase = (entry: string) => {
    for (let dot = entry.indexOf('.', stem.length + 1); dot > 0; dot = entry.indexOf('.', dot + 1))
      if (statSync(join(dir, entry.slice(0, dot)), { throwIfNoEntry: false })?.isFile()) return true;
    return false;
  };
  const ownersOf = (entry: string) => {
    const names = collectionsOfFile(dbPath, entry);
    return names.length === 0 || ofOtherDatabase(entry) ? [] : names;
  };
  return removeOrphans(dir, ownersOf, liveCollections, WRITER);
}
