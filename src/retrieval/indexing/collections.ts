/**
 * Managing the collections of an index database: default names, listing with sizes, removing and renaming.
 * A collection's files beside the database (HNSW files, adapted model folder) move or go with it; nothing
 * else is touched.
 */
import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, sep } from 'node:path';
import { InvalidInputError, NotFoundError } from '../../errors.js';
import { say } from '../../fixes.js';
import { IndexStore } from '../../store/index-store.js';
import { collectionsOfFile } from '../dense/vector-files.js';
import { type FusionRecord, parseFusionRecord } from '../fusion/record.js';
import { COLLECTION_NAME } from '../request.js';

/** Folder names that say how documents were built or served, not what they are about. */
const GENERIC = new Set([
  'html',
  'htm',
  'docs',
  'doc',
  'documentation',
  'build',
  '_build',
  'site',
  '_site',
  'public',
  'out',
  'output',
  'dist',
  'www',
  'web',
  'api',
  'en',
  'latest',
  'stable',
  'current',
  'manual',
  'share',
  'usr',
  'local',
  'opt',
  'help',
  'pages',
  'static',
  'book',
  'reference',
  'ref',
  'refman',
  'apidoc',
  'apidocs',
  'api-docs',
  'javadoc',
  'doxygen',
  'sphinx',
  'manuals',
]);

/** Folder names that name a version (`v2.1`, `1.4.0`) or a locale (`de_DE`, `pt-br`, `fr`), not a subject. */
const VERSION_OR_LOCALE =
  /^(v?\d+(\.\d+)*([.-][a-z0-9]+)?|[a-z]{2}[_-][a-z]{2}|de|fr|es|it|ja|ko|ru|zh|pt|nl|pl|sv)$/i;

const isGeneric = (part: string) => GENERIC.has(part.toLowerCase()) || VERSION_OR_LOCALE.test(part);

/**
 * The collection name for a folder: its last path part that is not a generic build or doc folder name, a
 * version or a locale (`/usr/share/doc/python-django-doc/html` -> `python-django-doc`,
 * `/usr/share/doc/octave/octave.html` -> `octave`), made safe for file names. A package folder of
 * `share/doc` (FHS: `/usr/share/doc/PACKAGE`) names its package whatever it is called
 * (`/usr/share/doc/doxygen/html` -> `doxygen`, the Doxygen package's manual), and a folder below it keeps
 * the package before its own part (`/usr/share/doc/python3-doc/html/library/util` -> `python3-doc-util`):
 * `util` alone would say nothing of whose utilities they are.
 */
export function defaultCollectionName(folder: string): string {
  const parts = folder
    .split(/[\\/]+/)
    .filter((part) => part !== '')
    .map((part) =>
      part
        .replace(/\.html?$/i, '')
        .replace(/[^A-Za-z0-9._-]+/g, '-')
        .replace(/^[^A-Za-z0-9]+/, ''),
    )
    .filter((part) => part !== '' && part !== 'specs');
  const isPackage = (index: number) =>
    index >= 2 && parts[index - 1] === 'doc' && parts[index - 2] === 'share';
  const at = parts.findLastIndex((part, index) => isPackage(index) || !isGeneric(part));
  const packageAt = parts.findLastIndex((_part, index) => isPackage(index));
  const own = parts[at] ?? parts[parts.length - 1] ?? '';
  const name =
    packageAt >= 0 && at > packageAt ? withPackage(parts[packageAt]!, own) : own.slice(0, MAX_NAME);
  if (!COLLECTION_NAME.test(name)) {
    throw new InvalidInputError(
      say`index: cannot make a collection name from "${folder}" (give one with ${{ kind: 'argument', name: 'name', value: 'NAME' }})`,
      { folder },
    );
  }
  return name;
}

/** Longest default name (file names of a collection's vector files are built from it). */
const MAX_NAME = 64;

/**
 * `PACKAGE-PART`, the package shortened first when the two are too long together; the package alone when
 * it already says the part (`octave/octave.html`, `python-flask-doc/html/flask`).
 */
function withPackage(pack: string, part: string): string {
  if (pack.split(/[-._]/).includes(part)) return pack.slice(0, MAX_NAME);
  const own = part.slice(0, MAX_NAME / 2);
  return `${pack.slice(0, MAX_NAME - 1 - own.length).replace(/[-._]+$/, '')}-${own}`;
}

/**
 * The collection `batuta index FOLDER` without `--name` refreshes: the one already indexing that folder
 * (named with `--name` earlier, or by an older default), else the folder's default name, so a re-run is
 * incremental instead of a second copy. Of several holding the folder, the one with the default name, else
 * the one indexed last.
 */
export function collectionNameFor(folder: string, existing: readonly HeldFolder[]): string {
  const fallback = defaultCollectionName(folder);
  const holding = existing.filter((c) => c.folder === folder);
  if (holding.length === 0 || holding.some((c) => c.name === fallback)) return fallback;
  return holding.reduce((last, c) => (c.lastIndexed > last.lastIndexed ? c : last)).name;
}

/** A collection of an index and the folder it holds, as naming a folder's collection needs it. */
export type HeldFolder = Pick<CollectionListing, 'name' | 'folder' | 'lastIndexed'>;

/** One collection as `batuta collections` lists it. */
export interface CollectionListing {
  readonly name: string;
  readonly folder: string;
  readonly files: number;
  readonly chunks: number;
  /** Bytes of its documents' content as read: what is searched (a gzipped document counts inflated). */
  readonly contentBytes: number;
  /** Bytes of its files on disk (a gzipped document counts compressed). */
  readonly diskBytes: number;
  readonly embedder: string | null;
  readonly lastIndexed: string;
  readonly skipped: number;
  /** The fusion chosen from the collection's pseudo-questions, with the scores behind it; null: plain RRF. */
  readonly fusion: FusionRecord | null;
}

/** The collections of the database, by name, with their sizes. */
export function listCollections(store: IndexStore): CollectionListing[] {
  const sizes = store.collectionSizes();
  return store.listCollections().map((row) => ({
    name: row.name,
    folder: row.root,
    files: row.documents,
    chunks: row.chunks,
    contentBytes: sizes.get(row.id)?.contentBytes ?? 0,
    diskBytes: sizes.get(row.id)?.diskBytes ?? 0,
    embedder: row.embedder,
    lastIndexed: row.updatedAt,
    skipped: sizes.get(row.id)?.skipped ?? 0,
    fusion: parseFusionRecord(store.fusionRecord(row.id)),
  }));
}

/** The collections of the database at `dbPath`; none when it does not exist yet. */
export function listDatabaseCollections(dbPath: string): CollectionListing[] {
  return existsSync(dbPath) ? withStore(dbPath, listCollections) : [];
}

/** Files beside the database that belong to collection `name` (HNSW files, model folder). */
export function collectionPaths(dbPath: string, name: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dirname(dbPath));
  } catch {
    return [];
  }
  return entries
    .filter((entry) => collectionsOfFile(dbPath, entry).includes(name))
    .map((entry) => join(dirname(dbPath), entry));
}

function unknown(name: string, dbPath: string): NotFoundError {
  return new NotFoundError(
    say`collections: no collection "${name}" in ${dbPath} (list them with ${{ kind: 'list-collections', db: dbPath }})`,
    { name },
  );
}

/** Runs `work` on the existing index database at `dbPath`, closing it afterwards. */
function withStore<T>(dbPath: string, work: (store: IndexStore) => T): T {
  const store = IndexStore.open(dbPath, { mustExist: true });
  try {
    return work(store);
  } finally {
    store.close();
  }
}

/** Removes a collection's rows and its files beside the database. */
export function removeCollection(dbPath: string, name: string): void {
  withStore(dbPath, (store) => {
    if (!store.removeCollection(name)) throw unknown(name, dbPath);
  });
  for (const path of collectionPaths(dbPath, name)) rmSync(path, { recursive: true, force: true });
}

/** Renames a collection; its HNSW files and model folder are renamed with it. */
export function renameCollection(dbPath: string, from: string, to: string): void {
  if (!COLLECTION_NAME.test(to) || to === 'specs') {
    throw new InvalidInputError(
      `collections: "${to}" cannot be a collection name (use letters, digits, ".", "_" or "-", not "specs")`,
      { name: to },
    );
  }
  withStore(dbPath, (store) => {
    if (store.getCollection(from) === null) throw unknown(from, dbPath);
    if (store.getCollection(to) !== null) {
      throw new InvalidInputError(
        `collections: "${to}" already exists (remove it first with "batuta collections remove ${to}", or pick another name)`,
        { name: to },
      );
    }
    const moves = collectionPaths(dbPath, from).map((path) => {
      const suffix = basename(path).slice(`${basename(dbPath)}.${from}`.length);
      return [path, `${dirname(dbPath)}${sep}${basename(dbPath)}.${to}${suffix}`] as const;
    });
    store.renameCollection(from, to);
    for (const [source, target] of moves) renameSync(source, target);
  });
}
