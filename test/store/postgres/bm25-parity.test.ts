import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ftsOrMatch } from '../../../src/retrieval/sparse/fts-index.js';
import { IndexStore } from '../../../src/store/index-store.js';
import { PgIndexStore } from '../../../src/store/postgres/pg-index-store.js';
import { tempDir } from '../../temp-dirs.js';
import { syntheticDocuments, syntheticQuestions } from './fixture.js';
import { skipWithoutPostgres, useTestDatabase } from './server.js';

const skip = skipWithoutPostgres('bm25-parity.test.ts');
const WEIGHTS: readonly [number, number] = [8, 1];

/** Scores of a search keyed by "source:first line", so the two stores' row ids need not agree. */
type Keyed = Map<string, number>;

describe.skipIf(skip)('BM25 in PostgreSQL matches SQLite FTS5 bm25()', () => {
  const folder = tempDir('pg-parity-');
  let sqlite: IndexStore;
  let pgStore: PgIndexStore;
  const db = useTestDatabase();
  let sqliteId: number;
  let pgId: number;
  let sqliteOtherId: number;
  let pgOtherId: number;
  const documents = syntheticDocuments(7, 120);
  const otherDocuments = syntheticDocuments(8, 50);

  beforeAll(async () => {
    sqlite = IndexStore.open(join(folder, 'index.db'));
    sqliteId = sqlite.saveCollection('docs', '/docs', 'v1').id;
    sqlite.writeDocuments(sqliteId, documents);
    // A second collection in both stores: each collection's BM25 statistics (N, avgdl, df) are its own
    // (one FTS5 table per collection in SQLite), so the other collection must not move the scores.
    sqliteOtherId = sqlite.saveCollection('other', '/other', 'v1').id;
    sqlite.writeDocuments(sqliteOtherId, otherDocuments);
    pgStore = await PgIndexStore.open(db.url, { create: true });
    pgId = (await pgStore.saveCollection('docs', '/docs', 'v1')).id;
    // Two batches and a rewrite, so the statistics come from incremental writes as in a real index run.
    await pgStore.writeDocuments(pgId, documents.slice(0, 60));
    await pgStore.writeDocuments(pgId, documents.slice(60));
    await pgStore.writeDocuments(pgId, documents.slice(10, 20));
    pgOtherId = (await pgStore.saveCollection('other', '/other', 'v1')).id;
    await pgStore.writeDocuments(pgOtherId, otherDocuments);
  });
  afterAll(async () => {
    sqlite?.close();
    await pgStore?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  function keySqlite(hits: ReadonlyArray<{ chunkId: string; score: number }>): Keyed {
    const chunks = sqlite.chunks(hits.map((hit) => Number(hit.chunkId)));
    return new Map(
      hits.map((hit) => {
        const chunk = chunks.get(Number(hit.chunkId))!;
        return [`${chunk.source}:${chunk.lines[0]}`, hit.score];
      }),
    );
  }

  async function keyPg(
    hits: ReadonlyArray<{ chunkId: string; score: number }>,
    collectionId = pgId,
  ): Promise<Keyed> {
    const chunks = await pgStore.chunks(
      collectionId,
      hits.map((hit) => Number(hit.chunkId)),
    );
    return new Map(
      hits.map((hit) => {
        const chunk = chunks.get(Number(hit.chunkId))!;
        return [`${chunk.source}:${chunk.lines[0]}`, hit.score];
      }),
    );
  }

  function expectSameScores(pgScores: Keyed, sqliteScores: Keyed): void {
    expect([...pgScores.keys()].sort()).toEqual([...sqliteScores.keys()].sort());
    for (const [key, score] of sqliteScores) expect(pgScores.get(key)).toBeCloseTo(score, 9);
  }

  it('gives every matching chunk the same score on 60 questions, both legs, in each collection', async () => {
    let compared = 0;
    for (const [pgCollection, sqliteCollection] of [
      [pgId, sqliteId],
      [pgOtherId, sqliteOtherId],
    ] as const) {
      for (const question of syntheticQuestions(11, 60)) {
        const words = [...new Set(question)];
        const match = ftsOrMatch(words)!;
        // Limit above the collection size: every matching chunk is compared, not only a top slice.
        expectSameScores(
          await keyPg(await pgStore.searchText(pgCollection, words, 1000, WEIGHTS), pgCollection),
          keySqlite(sqlite.searchText(sqliteCollection, match, 1000, WEIGHTS)),
        );
        expectSameScores(
          await keyPg(await pgStore.searchText(pgCollection, words, 1000, WEIGHTS, true), pgCollection),
          keySqlite(sqlite.searchText(sqliteCollection, `heading : (${match})`, 1000, WEIGHTS)),
        );
        compared += 1;
      }
    }
    expect(compared).toBe(120);
  });

  it('matches words FTS5 splits into phrases (x86_64, 3.14) and words that share a stem', async () => {
    for (const words of [
      ['x86_64'],
      ['3.14', 'max_connections'],
      ['vector', 'vectors', 'searching'],
      ['café', 'naive'],
    ]) {
      const pgScores = await keyPg(await pgStore.searchText(pgId, words, 1000, WEIGHTS));
      expect(pgScores.size).toBeGreaterThan(0);
      expectSameScores(pgScores, keySqlite(sqlite.searchText(sqliteId, ftsOrMatch(words)!, 1000, WEIGHTS)));
    }
  });

  it('ranks best first and honours the limit', async () => {
    const hits = await pgStore.searchText(pgId, ['gpu', 'kernel'], 5, WEIGHTS);
    expect(hits).toHaveLength(5);
    const scores = hits.map((hit) => hit.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(await pgStore.searchText(pgId, ['zzzqqq'], 5, WEIGHTS)).toEqual([]);
    expect(await pgStore.searchText(pgId, [], 5, WEIGHTS)).toEqual([]);
  });

  it('counts the chunks of each collection that hold a word, as its FTS5 vocabulary does', async () => {
    for (const [pgCollection, sqliteCollection] of [
      [pgId, sqliteId],
      [pgOtherId, sqliteOtherId],
    ] as const) {
      const counts = await pgStore.termDocCounts(pgCollection, ['vectors', 'zzzqqq']);
      const sqliteCounts = sqlite.termDocCounts(sqliteCollection, ['vector', 'zzzqqq']);
      expect(counts.get('vectors')).toBe(sqliteCounts.get('vector'));
      expect(counts.get('zzzqqq')).toBe(0);
    }
    expect(sqlite.chunkCount(sqliteOtherId)).not.toBe(sqlite.chunkCount(sqliteId));
  });
});
