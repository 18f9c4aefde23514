/** Full-text search over the chunks with SQLite FTS5: BM25 inside one collection and term statistics. */
import type Database from 'better-sqlite3';
import type { ScoredChunk } from '../../retrieval/types.js';
import type { Prepare } from './statements.js';

export interface FullTextIndex {
  search(
    collectionId: number,
    match: string,
    limit: number,
    weights: readonly [number, number],
  ): ScoredChunk[];
  termDocCounts(terms: readonly string[]): Map<string, number>;
  chunkCount(): number;
}

/** BM25 over the whole FTS table: right when the file holds one collection (the join is then pure cost). */
const SEARCH_ALONE = `SELECT rowid AS id, bm25(chunks_fts, ?, ?) AS score FROM chunks_fts
  WHERE chunks_fts MATCH ? ORDER BY score LIMIT ?`;
const SEARCH_IN_COLLECTION = `SELECT f.rowid AS id, bm25(chunks_fts, ?, ?) AS score FROM chunks_fts f
  JOIN chunks k ON k.id = f.rowid
  WHERE chunks_fts MATCH ? AND k.collection_id = ? ORDER BY score LIMIT ?`;

export function createFullTextIndex(db: Database.Database, statement: Prepare): FullTextIndex {
  let vocabulary = false;
  return {
    search(collectionId, match, limit, weights) {
      const alone = (statement('SELECT count(*) FROM collections').pluck().get() as number) === 1;
      const rows = (
        alone
          ? statement(SEARCH_ALONE).all(weights[0], weights[1], match, limit)
          : statement(SEARCH_IN_COLLECTION).all(weights[0], weights[1], match, collectionId, limit)
      ) as Array<{ id: number; score: number }>;
      return rows.map((row) => ({ chunkId: String(row.id), score: -row.score }));
    },
    termDocCounts(terms) {
      if (!vocabulary) {
        db.exec(
          "CREATE VIRTUAL TABLE IF NOT EXISTS temp.chunks_vocab USING fts5vocab(main, chunks_fts, 'row')",
        );
        vocabulary = true;
      }
      const select = statement('SELECT doc FROM temp.chunks_vocab WHERE term = ?').pluck();
      return new Map(terms.map((term) => [term, (select.get(term) as number | undefined) ?? 0]));
    },
    chunkCount() {
      return statement('SELECT count(*) FROM chunks').pluck().get() as number;
    },
  };
}
