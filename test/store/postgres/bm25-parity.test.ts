import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ftsOrMatch } from '../../../src/retrieval/sparse/fts-index.js';
import { IndexStore } from '../../../src/store/index-store.js';
import { PgIndexStore } from '../../../src/store/postgres/pg-index-store.js';
import { syntheticDocuments, syntheticQuestions } from './fixture.js';
import { createTestDatabase, skipWithoutPostgres } from './server.js';

const skip = skipWithoutPostgres('bm25-parity.test.ts');
const WEIGHTS: readonly [number, number] = [8, 1];

/** Scores of a search keyed by "source:first line", so the two stores' row ids need not agree. */
type Keyed = Map<string, number>;

describe.skipIf(skip)('BM25 in PostgreSQL matches SQLite FTS5 bm25()', () => {
  const folder = mkdtempSync(join(tmpdir(), 'pg-parity-'));
  let sqlite: IndexStore;
  let pgStore: PgIndexStore;
  let drop: () => Promise<void>;
  let sqliteId: number;
  let pgId: number;
  const documents = syntheticDocuments(7, 120);

  beforeAll(async () => {
    sqlite = IndexStore.open(join(folder, 'index.db'));
    sqliteId = sqlite.saveCollection('docs', '/docs', 'v1').id;
    sqlite.writeDocuments(sqliteId, documents);
    const database = await createTestDatabase();
    drop = database.drop;
    pgStore = await PgIndexStore.open(database.url, { create: true });
    pgId = (await pgStore.saveCollection('docs', '/docs', 'v1')).id;
    // Two batches and a rewrite, so the statistics come from incremental writes as in a real index run.
    await pgStore.writeDocuments(pgId, documents.slice(0, 60));
    await pgStore.writeDocuments(pgId, documents.slice(60));
    await pgStore.writeDocuments(pgId, documents.slice(10, 20));
    // Another collection in the same database must not change the first one's scores.
    const other = await pgStore.saveCollection('other', '/other', 'v1');
    await pgStore.writeDocuments(other.id, syntheticDocuments(8, 50));
  });
  afterAll(async () => {
    sqlite?.close();
    await pgStore?.close();
    await drop?.();
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

  async function keyPg(hits: ReadonlyArray<{ chunkId: string; score: number }>): Promise<Keyed> {
    const chunks = await pgStore.chunks(
      pgId,
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

  it('gives every matching chunk the same score on 60 questions, both legs', async () => {
    let compared = 0;
    for (const question of syntheticQuestions(11, 60)) {
      const words = [...new Set(question)];
      const match = ftsOrMatch(words)!;
      // Limit above the collection size: every matching chunk is compared, not only a top slice.
      expectSameScores(
        await keyPg(await pgStore.searchText(pgId, words, 1000, WEIGHTS)),
        keySqlite(sqlite.searchText(sqliteId, match, 1000, WEIGHTS)),
      );
      expectSameScores(
        await keyPg(await pgStore.searchText(pgId, words, 1000, WEIGHTS, true)),
        keySqlite(sqlite.searchText(sqliteId, `heading : (${match})`, 1000, WEIGHTS)),
      );
      compared += 1;
    }
    expect(compared).toBe(60);
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

  it('counts the chunks that hold a word, as the FTS5 vocabulary does', async () => {
    const counts = await pgStore.termDocCounts(pgId, ['vectors', 'zzzqqq']);
    const sqliteCounts = sqlite.termDocCounts(['vector', 'zzzqqq']);
    expect(counts.get('vectors')).toBe(sqliteCounts.get('vector'));
    expect(counts.get('zzzqqq')).toBe(0);
  });
});
