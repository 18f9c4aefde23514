/**
 * Full-text search over the chunks with SQLite FTS5: BM25 inside one collection, with the collection's own
 * statistics (its FTS5 table, collection-text.ts), and its term statistics.
 */
import type Database from 'better-sqlite3';
import type { ScoredChunk } from '../../retrieval/types.js';
import { SHARED_TEXT_TABLE, textTableFor } from '../collection-text.js';
import type { Prepare } from './statements.js';

export interface FullTextIndex {
  search(
    collectionId: number,
    match: string,
    limit: number,
    weights: readonly [number, number],
  ): ScoredChunk[];
  termDocCounts(collectionId: number, terms: readonly string[]): Map<string, number>;
  chunkCount(collectionId: number): number;
}

/** BM25 over a collection's own table. */
const searchOwn = (table: string) => `SELECT rowid AS id, bm25(${table}, ?, ?) AS score FROM ${table}
  WHERE ${table} MATCH ? ORDER BY score LIMIT ?`;
/** BM25 over the shared table of a schema version 1 file, keeping the collection's rows. */
const SEARCH_SHARED = `SELECT f.rowid AS id, bm25(${SHARED_TEXT_TABLE}, ?, ?) AS score FROM ${SHARED_TEXT_TABLE} f
  JOIN chunks k ON k.id = f.rowid
  WHERE ${SHARED_TEXT_TABLE} MATCH ? AND k.collection_id = ? ORDER BY score LIMIT ?`;

export function createFullTextIndex(db: Database.Database, statement: Prepare): FullTextIndex {
  const vocabularies = new Set<string>();
  return {
    search(collectionId, match, limit, weights) {
      const table = textTableFor(db, collectionId);
      const rows = (
        table === SHARED_TEXT_TABLE
          ? statement(SEARCH_SHARED).all(weights[0], weights[1], match, collectionId, limit)
          : statement(searchOwn(table)).all(weights[0], weights[1], match, limit)
      ) as Array<{ id: number; score: number }>;
      return rows.map((row) => ({ chunkId: String(row.id), score: -row.score }));
    },
    termDocCounts(collectionId, terms) {
      const table = textTableFor(db, collectionId);
      const vocabulary = `${table}_vocab`;
      if (!vocabularies.has(vocabulary)) {
        db.exec(
          `CREATE VIRTUAL TABLE IF NOT EXISTS temp.${vocabulary} USING fts5vocab(main, ${table}, 'row')`,
        );
        vocabularies.add(vocabulary);
      }
      const select = statement(`SELECT doc FROM temp.${vocabulary} WHERE term = ?`).pluck();
      return new Map(terms.map((term) => [term, (select.get(term) as number | undefined) ?? 0]));
    },
    chunkCount(collectionId) {
      return textTableFor(db, collectionId) === SHARED_TEXT_TABLE
        ? (statement('SELECT count(*) FROM chunks').pluck().get() as number)
        : (statement('SELECT count(*) FROM chunks WHERE collection_id = ?')
            .pluck()
            .get(collectionId) as number);
    },
  };
}
