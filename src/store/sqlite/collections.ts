/** The collections table: one row per indexed folder with the versions and write counters of its chunks. */
import type { CollectionHead, CollectionRow } from '../index-store.js';
import { toCollection, toCollectionHead } from '../rows.js';
import type { Prepare } from './statements.js';

const LIST = `SELECT c.*, (SELECT count(*) FROM documents d WHERE d.collection_id = c.id) AS documents,
  (SELECT count(*) FROM chunks k WHERE k.collection_id = c.id) AS chunks
  FROM collections c ORDER BY c.name`;

export interface CollectionsTable {
  list(): CollectionRow[];
  get(name: string): CollectionRow | null;
  getById(id: number): (CollectionRow & { pendingVectors: number }) | null;
  head(name: string): CollectionHead | null;
  save(name: string, root: string, chunker: string): CollectionRow;
  setEmbedder(collectionId: number, embedder: string | null): void;
  /** Bumps the write counter (every write to chunks or vectors does). */
  bump(collectionId: number): void;
  generation(collectionId: number): number;
}

export function createCollectionsTable(statement: Prepare): CollectionsTable {
  const list = () => (statement(LIST).all() as Array<Record<string, unknown>>).map(toCollection);
  const get = (name: string) => list().find((row) => row.name === name) ?? null;
  return {
    list,
    get,
    getById(id) {
      const row = list().find((collection) => collection.id === id);
      if (row === undefined) return null;
      const pending = statement('SELECT count(*) FROM chunks WHERE collection_id = ? AND vector IS NULL')
        .pluck()
        .get(id) as number;
      return { ...row, pendingVectors: pending };
    },
    head(name) {
      const row = statement('SELECT * FROM collections WHERE name = ?').get(name) as
        | Record<string, unknown>
        | undefined;
      return row === undefined ? null : toCollectionHead(row);
    },
    save(name, root, chunker) {
      statement(
        `INSERT INTO collections (name, root, chunker, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET root = excluded.root, chunker = excluded.chunker,
         updated_at = excluded.updated_at`,
      ).run(name, root, chunker, new Date().toISOString());
      return get(name)!;
    },
    setEmbedder(collectionId, embedder) {
      statement('UPDATE collections SET embedder = ? WHERE id = ?').run(embedder, collectionId);
    },
    bump(collectionId) {
      statement('UPDATE collections SET generation = generation + 1 WHERE id = ?').run(collectionId);
    },
    generation(collectionId) {
      return statement('SELECT generation FROM collections WHERE id = ?').pluck().get(collectionId) as number;
    },
  };
}
