import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgIndexStore } from '../../../src/store/postgres/pg-index-store.js';
import { seeded, syntheticDocuments } from './fixture.js';
import {
  createTestDatabase,
  PG_URL,
  skipWithoutPostgres,
  startReplica,
  type TestServer,
  useTestDatabase,
  waitForReplay,
  withDatabase,
} from './server.js';

const skip = skipWithoutPostgres('replica.test.ts');

describe.skipIf(skip)('searches through a streaming replica (pg_basebackup)', () => {
  const db = useTestDatabase();
  let replica: TestServer;

  beforeAll(async () => {
    replica = await startReplica();
  });
  afterAll(async () => {
    await replica?.stop();
  });

  it('answers searches from the replica with what the primary wrote', async () => {
    const database = new URL(db.url).pathname.slice(1);
    const replicaUrl = withDatabase(replica.url, database);
    const primary = await PgIndexStore.open(db.url, { create: true });
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
    await waitForReplay(db.url, replicaUrl, replica);

    const reader = await PgIndexStore.open(db.url, { readUrl: replicaUrl });
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

/**
 * What other test files do to the shared server while a replica starts: each one's CREATE DATABASE writes
 * megabytes of WAL and each DROP DATABASE forces a checkpoint, after which the primary recycles WAL nobody
 * holds. Two rounds of that between the base backup and the replica's start moved the primary past the
 * segment the replica needed ("requested WAL segment … has already been removed") and the wait for replay
 * never ended: the "streaming replica" tests timed out under parallel suites and passed alone.
 */
async function busyPrimaryCheckpoints(): Promise<void> {
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  try {
    for (const round of [1, 2]) {
      const name = `batuta_churn_${process.pid}_${round}`;
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.query('SELECT pg_switch_wal()');
      await admin.query(`DROP DATABASE ${name}`);
    }
  } finally {
    await admin.end();
  }
}

describe.skipIf(skip)('a replica started while the primary moves on and checkpoints', () => {
  it('catches up with what the primary wrote after its backup', async () => {
    const { url, drop } = await createTestDatabase();
    const started = await startReplica(PG_URL, { afterBackup: busyPrimaryCheckpoints });
    try {
      const writer = new pg.Client({ connectionString: url });
      await writer.connect();
      try {
        await writer.query("CREATE TABLE marks (word text); INSERT INTO marks VALUES ('after the backup')");
      } finally {
        await writer.end();
      }
      const replicaUrl = withDatabase(started.url, new URL(url).pathname.slice(1));
      await waitForReplay(url, replicaUrl, started);
      const reader = new pg.Client({ connectionString: replicaUrl });
      await reader.connect();
      try {
        expect((await reader.query('SELECT word FROM marks')).rows).toEqual([{ word: 'after the backup' }]);
      } finally {
        await reader.end();
      }
    } finally {
      await started.stop();
      await drop();
    }
  });
});
