/**
 * Managing whole collections: their sizes and left-out counts for listings, removing and renaming.
 * Per-collection records in `meta` and the collection's FTS5 table are keyed by collection id (`NAME:ID`,
 * `chunks_fts_ID`), so a rename keeps them and a removal drops them.
 */
import type Database from 'better-sqlite3';
import { dropCollectionText } from '../collection-text.js';
import { hasColumn } from '../database.js';
import type { CollectionSizes } from '../index-store.js';
import type { Prepare } from './statements.js';

export interface CollectionAdmin {
  sizes(): Map<number, CollectionSizes>;
  setSkipped(collectionId: number, count: number): void;
  remove(name: string): boolean;
  rename(from: string, to: string): boolean;
}

/** Sizes per collection; a document indexed before content sizes were recorded counts its size on disk. */
const sizesOf = (contentSize: string) => `SELECT c.id,
  (SELECT coalesce(sum(size), 0) FROM documents d WHERE d.collection_id = c.id) AS diskBytes,
  (SELECT coalesce(sum(coalesce(${contentSize}, size)), 0) FROM documents d WHERE d.collection_id = c.id) AS contentBytes,
  (SELECT value FROM meta WHERE key = 'skipped:' || c.id) AS skipped FROM collections c`;

export function createCollectionAdmin(db: Database.Database, statement: Prepare): CollectionAdmin {
  const remove = db.transaction((name: string) => {
    const id = statement('SELECT id FROM collections WHERE name = ?').pluck().get(name) as number | undefined;
    if (id === undefined) return false;
    dropCollectionText(db, id);
    statement('DELETE FROM chunks WHERE collection_id = ?').run(id);
    statement('DELETE FROM documents WHERE collection_id = ?').run(id);
    statement('DELETE FROM collections WHERE id = ?').run(id);
    statement('DELETE FROM meta WHERE key LIKE ?').run(`%:${id}`);
    return true;
  });
  return {
    sizes() {
      const contentSize = hasColumn(db, 'documents', 'content_size') ? 'content_size' : 'NULL';
      const rows = statement(sizesOf(contentSize)).all() as Array<
        Omit<CollectionSizes, 'skipped'> & { id: number; skipped: string | null }
      >;
      return new Map(
        rows.map(({ id, skipped, ...bytes }) => [id, { ...bytes, skipped: Number(skipped ?? 0) }]),
      );
    },
    setSkipped(collectionId, count) {
      statement('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(
        `skipped:${collectionId}`,
        String(count),
      );
    },
    remove: (name) => remove(name),
    rename(from, to) {
      return statement('UPDATE collections SET name = ? WHERE name = ?').run(to, from).changes === 1;
    },
  };
}
