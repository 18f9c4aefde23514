/**
 * Managing the collections of a PostgreSQL index (`batuta collections --db postgres://…`): listing with
 * sizes, removing and renaming. Everything of a collection lives in the database, so each change is one
 * transaction there and no file is touched.
 */
import { InvalidInputError, NotFoundError } from '../../errors.js';
import { say } from '../../fixes.js';
import { PgIndexStore } from '../../store/postgres/pg-index-store.js';
import { parseFusionRecord } from '../fusion/record.js';
import type { CollectionListing } from '../indexing/collections.js';
import { COLLECTION_NAME } from '../request.js';
import type { PgLocation } from './pg-source.js';

async function withStore<T>(location: PgLocation, work: (store: PgIndexStore) => Promise<T>): Promise<T> {
  const store = await PgIndexStore.open(location.url, { readUrl: location.readUrl });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

function unknown(name: string): NotFoundError {
  return new NotFoundError(
    say`collections: no collection "${name}" in this PostgreSQL index (list them with ${{ kind: 'list-collections', db: 'URL' }})`,
    { name },
  );
}

/** The collections of the index with their sizes, by name. */
export function listPgCollections(location: PgLocation): Promise<CollectionListing[]> {
  return withStore(location, async (store) => {
    const sizes = await store.collectionSizes();
    return (await store.listCollections()).map((row) => ({
      name: row.name,
      folder: row.root,
      files: sizes.get(row.id)?.documents ?? 0,
      chunks: row.chunks,
      contentBytes: sizes.get(row.id)?.contentBytes ?? 0,
      diskBytes: sizes.get(row.id)?.diskBytes ?? 0,
      embedder: row.embedder,
      lastIndexed: row.updatedAt,
      skipped: sizes.get(row.id)?.skipped ?? 0,
      fusion: parseFusionRecord(row.fusion),
    }));
  });
}

/** Removes a collection with its chunks, vectors and stored models. */
export function removePgCollection(location: PgLocation, name: string): Promise<void> {
  return withStore(location, async (store) => {
    if (!(await store.removeCollection(name))) throw unknown(name);
  });
}

/** Renames a collection; its rows keep their ids, so vectors and models follow. */
export function renamePgCollection(location: PgLocation, from: string, to: string): Promise<void> {
  if (!COLLECTION_NAME.test(to) || to === 'specs') {
    throw new InvalidInputError(
      `collections: "${to}" cannot be a collection name (use letters, digits, ".", "_" or "-", not "specs")`,
      { name: to },
    );
  }
  return withStore(location, async (store) => {
    if ((await store.getCollection(from)) === null) throw unknown(from);
    if ((await store.getCollection(to)) !== null) {
      throw new InvalidInputError(
        `collections: "${to}" already exists (remove it first with "batuta collections remove ${to}", or pick another name)`,
        { name: to },
      );
    }
    if (!(await store.renameCollection(from, to))) throw unknown(from);
  });
}
