import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgIndexStore } from '../../../src/store/postgres/pg-index-store.js';
import { seeded, syntheticDocuments } from './fixture.js';
import {
  createTestDatabase,
  skipWithoutPostgres,
  startReplica,
  waitForReplay,
  withDatabase,
} from './server.js';

const skip = skipWithoutPostgres('replica.test.ts');

describe.skipIf(skip)('searches through a streaming replica (pg_basebackup)', () => {
  let url: string;
  let drop: () => Promise<void>;
  let replica: { url: string; stop: () => void };

  beforeAll(async () => {
    ({ url, drop } = await createTestDatabase());
    replica = await startReplica();
  });
  afterAll(async () => {
    replica?.stop();
    await drop?.();
  });

  it('answers searches from the replica with what the primary wrote', async () => {
    const database = new URL(url).pathname.slice(1);
    const replicaUrl = withDatabase(replica.url, database);
    const primary = await PgIndexStore.open(url, { create: true });
    const { id } = await primary.saveCollection('docs', '/docs', 'v1');
    await primary.writeDocuments(id, syntheticDocuments(21, 30));
    const random = seeded(2);
    const pending = await primary.pendingChunks(id, 1000);
    await primary.saveVectors(
      id,
      pending.map((chunk) => ({
        id: chunk.id,
        vector: Float32Array.from({ length: 8 }, () => random() - 0.5),
      })),
    );
    await waitForReplay(url, replicaUrl);

    const reader = await PgIndexStore.open(url, { readUrl: replicaUrl });
    const check = new pg.Client({ connectionString: replicaUrl });
    await check.connect();
    try {
      expect((await check.query('SELECT pg_is_in_recovery() AS standby')).rows[0].standby).toBe(true);
      expect(await reader.listCollections()).toEqual(await primary.listCollections());
      const words = ['vector', 'gpu', 'x86_64'];
      expect(await reader.searchText(id, words, 20, [8, 1])).toEqual(
        await primary.searchText(id, words, 20, [8, 1]),
      );
      const query = Float32Array.from({ length: 8 }, () => random() - 0.5);
      expect((await reader.searchVectors(id, query, 5)).map((hit) => hit.chunkId)).toEqual(
        (await primary.searchVectors(id, query, 5)).map((hit) => hit.chunkId),
      );
    } finally {
      await check.end();
      await reader.close();
      await primary.close();
    }
  });
});
