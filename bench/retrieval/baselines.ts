/**
 * The two reference rankers the engine is measured against, computed in the same run:
 * plain BM25 with every content word ORed over fixed 512-character chunks, and SQLite FTS5 with every
 * question word quoted and ANDed (porter tokenizer, bm25()), the way the Rust tool searches.
 */
import Database from 'better-sqlite3';
import { contentWords, tokenize } from '../../src/text/analyze.js';
import { Bm25Index } from '../lib/bm25.js';
import { chunkFixed } from '../lib/chunk.js';
import { readDocument } from '../lib/corpus.js';
import { distinctFiles, type Ranker } from './rankers.js';

export interface BaselineOptions {
  /** Label in the result tables. */
  readonly name?: string;
  /** Characters per chunk. */
  readonly chunkSize?: number;
  /** How many top chunks are collapsed into files. */
  readonly chunkDepth?: number;
}

/**
 * Plain BM25-OR (k1 1.2, b 0.75): stop words removed, no stemming, no headings. With the default
 * depth of 10 chunks this is the "plain BM25-OR baseline" the retrieval issue sets its target against.
 */
export function createBm25OrRanker(options: BaselineOptions = {}): Ranker {
  const chunkSize = options.chunkSize ?? 512;
  const depth = options.chunkDepth ?? 10;
  const index = new Bm25Index();
  const sources: string[] = [];
  return {
    name: options.name ?? 'bm25-or',
    async prepare(root, files) {
      for (const file of files) {
        for (const piece of chunkFixed(readDocument(root, file), chunkSize)) {
          index.add(contentWords(piece));
          sources.push(file);
        }
      }
    },
    async rank(question) {
      const hits = index.search(contentWords(question), depth);
      return distinctFiles(hits.map((hit) => sources[hit.doc] ?? ''));
    },
  };
}

/** The FTS5 MATCH expression the Rust tool builds: every word double-quoted, all required. */
export function ftsAndQuery(question: string): string {
  return tokenize(question)
    .map((word) => `"${word}"`)
    .join(' AND ');
}

/** SQLite FTS5 AND baseline over an in-memory database of the same fixed-size chunks. */
export function createFts5AndRanker(options: BaselineOptions = {}): Ranker {
  const chunkSize = options.chunkSize ?? 512;
  const depth = options.chunkDepth ?? 100;
  let db: Database.Database | null = null;
  let search: Database.Statement<[string, number], { source: string }> | null = null;
  return {
    name: options.name ?? 'fts5-and',
    async prepare(root, files) {
      db = new Database(':memory:');
      db.exec("CREATE VIRTUAL TABLE chunks USING fts5(source UNINDEXED, body, tokenize='porter unicode61')");
      const insert = db.prepare('INSERT INTO chunks (source, body) VALUES (?, ?)');
      db.transaction(() => {
        for (const file of files) {
          for (const piece of chunkFixed(readDocument(root, file), chunkSize)) insert.run(file, piece);
        }
      })();
      search = db.prepare('SELECT source FROM chunks WHERE chunks MATCH ? ORDER BY bm25(chunks) LIMIT ?');
    },
    async rank(question) {
      if (search === null) throw new Error('fts5-and: rank() before prepare()');
      const match = ftsAndQuery(question);
      if (match.length === 0) return [];
      return distinctFiles(search.all(match, depth).map((row) => row.source));
    },
    close() {
      db?.close();
      db = null;
      search = null;
    },
  };
}

/** The baselines every evaluation run includes, in table order. */
export function createBaselineRankers(): Ranker[] {
  return [
    createFts5AndRanker(),
    createBm25OrRanker(),
    createBm25OrRanker({ name: 'bm25-or-top100', chunkDepth: 100 }),
  ];
}
