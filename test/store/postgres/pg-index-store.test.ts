import { createServer } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatutaError } from '../../../src/errors.js';
import { PgIndexStore } from '../../../src/store/postgres/pg-index-store.js';
import { seeded, syntheticDocuments } from './fixture.js';
import { createTestDatabase, PG_URL, skipWithoutPostgres, useTestDatabase, withDatabase } from './server.js';

const skip = skipWithoutPostgres('pg-index-store.test.ts');

async function failure(work: () => Promise<unknown>): Promise<BatutaError> {
  try {
    await work();
  } catch (error) {
    if (error instanceof BatutaError) return error;
    throw error;
  }
  throw new Error('expected a BatutaError');
}

function unitVector(random: () => number, dimension: number): Float32Array {
  const vector = Float32Array.from({ length: dimension }, () => random() - 0.5);
  const norm = Math.hypot(...vector);
  return vector.map((x) => x / norm);
}

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  for (let i = 0; i < a.length; i += 1) dot += a[i]! * b[i]!;
  return dot;
}

describe.skipIf(skip)('PgIndexStore', () => {
  const db = useTestDatabase();
  let store: PgIndexStore;
  let id: number;

  beforeAll(async () => {
    store = await PgIndexStore.open(db.url, { create: true });
    id = (await store.saveCollection('docs', '/docs', 'v1')).id;
    await store.writeDocuments(id, syntheticDocuments(3, 40));
  });
  afterAll(async () => {
    await store?.close();
  });

  it('gives an unchanged chunk of a rewritten page its id and vector back; a changed one a new id', async () => {
    const own = (await store.saveCollection('rechunk', '/rechunk', 'v1')).id;
    const [page] = syntheticDocuments(9, 1);
    const twoChunks = { ...page!, chunks: [page!.chunks[0]!, { ...page!.chunks[0]!, text: 'second part' }] };
    await store.writeDocuments(own, [twoChunks]);
    const first = await store.pendingChunks(own, 10);
    const random = seeded(4);
    await store.saveVectors(
      own,
      first.map((chunk) => ({ id: chunk.id, vector: unitVector(random, 8) })),
    );
    const changed = {
      ...twoChunks,
      chunks: [twoChunks.chunks[0]!, { ...twoChunks.chunks[1]!, text: 'changed' }],
    };
    await store.writeDocuments(own, [changed]);
    const pending = await store.pendingChunks(own, 10);
    expect(pending.map((chunk) => chunk.text)).toEqual(['changed']);
    expect(pending[0]!.id).toBeGreaterThan(Math.max(...first.map((chunk) => chunk.id)));
    const kept = await store.chunks(own, [first[0]!.id]);
    expect(kept.get(first[0]!.id)?.text).toBe(twoChunks.chunks[0]!.text);
    await store.removeCollection('rechunk');
  });

  it('keeps collections, fingerprints and removals', async () => {
    expect(await store.listCollections()).toMatchObject([{ name: 'docs', root: '/docs', embedder: null }]);
    const prints = await store.fingerprints(id);
    expect(prints.size).toBe(40);
    expect(prints.get('doc-3-0.md')).toEqual({ hash: 'h0', size: 100, mtime: 1000, contentSize: 100 });
    const before = (await store.getCollection('docs'))!;
    await store.writeDocuments(id, [], ['doc-3-0.md']);
    const after = (await store.getCollection('docs'))!;
    expect((await store.fingerprints(id)).has('doc-3-0.md')).toBe(false);
    expect(after.generation).toBe(before.generation + 1);
    expect(after.chunks).toBeLessThan(before.chunks);
    // A rewritten document replaces its chunks and postings; nothing of its old version is left behind.
    const replaced = syntheticDocuments(3, 2)[1]!;
    await store.writeDocuments(id, [{ ...replaced, hash: 'h1b', chunks: replaced.chunks.slice(0, 1) }]);
    const left = await store.read<{ orphans: number; chunks: number }>(
      `SELECT (SELECT count(*)::int FROM batuta.postings p WHERE NOT EXISTS
                (SELECT 1 FROM batuta.chunks k WHERE k.collection_id = p.collection_id AND k.id = p.chunk_id)) AS orphans,
              (SELECT count(*)::int FROM batuta.chunks k JOIN batuta.documents d
                ON d.collection_id = k.collection_id AND d.id = k.document_id WHERE d.source = $1) AS chunks`,
      [replaced.source],
    );
    expect(left).toEqual([{ orphans: 0, chunks: 1 }]);
    expect((await store.fingerprints(id)).get(replaced.source)?.hash).toBe('h1b');
    expect((await store.saveCollection('docs', '/moved', 'v2')).id).toBe(id);
  });

  it("sums the characters of each named document's chunks, leaving out unknown sources", async () => {
    const [doc] = syntheticDocuments(3, 40).slice(5, 6);
    const sizes = await store.fileChars(id, [doc!.source, 'missing.md']);
    expect([...sizes]).toEqual([[doc!.source, doc!.chunks.reduce((sum, c) => sum + c.text.length, 0)]]);
    expect((await store.fileChars(id, [])).size).toBe(0);
  });

  it('reads every chunk of the named documents in file order, leaving out unknown sources', async () => {
    const [doc] = syntheticDocuments(3, 40).slice(5, 6);
    const read = await store.fileChunks(id, [doc!.source, 'missing.md']);
    expect(read.map((c) => c.text)).toEqual(doc!.chunks.map((c) => c.text));
    expect(new Set(read.map((c) => c.source))).toEqual(new Set([doc!.source]));
    expect(await store.fileChunks(id, [])).toEqual([]);
  });

  it("keeps a merged chunk's members beside it; a database written before them reads chunks without", async () => {
    const [page] = syntheticDocuments(12, 1);
    const members = [
      { headings: ['Title 0', 'alpha'], lines: [1, 4] as const, from: 0 },
      { headings: ['Title 0', 'beta'], lines: [5, 9] as const, from: 3 },
    ];
    const merged = { ...page!, chunks: [{ ...page!.chunks[0]!, members }] };
    const { url, drop } = await createTestDatabase();
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      const made = await PgIndexStore.open(url, { create: true });
      const own = (await made.saveCollection('merged', '/merged', 'v1')).id;
      await made.writeDocuments(own, [merged]);
      const [pending] = await made.pendingChunks(own, 10);
      expect((await made.chunks(own, [pending!.id])).get(pending!.id)).toEqual({
        ...merged.chunks[0],
        id: String(pending!.id),
        collection: 'merged',
      });
      await made.close();
      // An index written before members were kept: no column, and a search opens it without adding one.
      await admin.query('ALTER TABLE batuta.chunks DROP COLUMN members');
      const search = await PgIndexStore.open(url);
      try {
        const chunk = (await search.chunks(own, [pending!.id])).get(pending!.id)!;
        expect(chunk.members).toBeUndefined();
        expect(chunk.text).toBe(merged.chunks[0]!.text);
      } finally {
        await search.close();
      }
      // An index run adds the column back; a value edited by hand is refused in one line.
      const writer = await PgIndexStore.open(url, { create: true });
      try {
        await admin.query(`UPDATE batuta.chunks SET members = '[{"headings": 3}]'`);
        const damaged = await failure(() => writer.chunks(own, [pending!.id]));
        expect(damaged.message).toMatch(/chunk \d+ has malformed merged sections \(run "batuta index/);
      } finally {
        await writer.close();
      }
    } finally {
      await admin.end();
      await drop();
    }
  });

  it('finds the nearest vectors with HNSW and swaps to another embedder in one transaction', async () => {
    const random = seeded(5);
    const pending = await store.pendingChunks(id, 1000);
    const vectors = pending.map((chunk) => ({ id: chunk.id, vector: unitVector(random, 16) }));
    await store.saveVectors(id, vectors);
    expect(await store.pendingChunks(id, 1000)).toEqual([]);
    const query = unitVector(random, 16);
    const exact = [...vectors].sort((a, b) => cosine(b.vector, query) - cosine(a.vector, query)).slice(0, 10);
    const found = await store.searchVectors(id, query, 10);
    const overlap = found.filter((hit) => exact.some((v) => String(v.id) === hit.chunkId)).length;
    expect(overlap).toBeGreaterThanOrEqual(9);
    expect(found[0]!.score).toBeCloseTo(cosine(exact[0]!.vector, query), 5);

    const wider = vectors.slice(0, 5).map((v) => ({ id: v.id, vector: unitVector(random, 24) }));
    await store.saveVectors(id, wider, { swapTo: 'embedder-b' });
    expect((await store.getCollection('docs'))!.embedder).toBe('embedder-b');
    expect(await store.searchVectors(id, query, 10)).toEqual([]);
    expect(await store.searchVectors(id, wider[2]!.vector, 1)).toEqual([
      { chunkId: String(wider[2]!.id), score: expect.closeTo(1, 5) },
    ]);
    expect((await store.pendingChunks(id, 1000)).length).toBe(pending.length - 5);
  });

  it('loads vectors without the HNSW index and builds it once after the load', async () => {
    const bulk = (await store.saveCollection('bulk', '/bulk', 'v1')).id;
    await store.writeDocuments(bulk, syntheticDocuments(4, 30));
    const random = seeded(8);
    const pending = await store.pendingChunks(bulk, 1000);
    const rows = pending.map((chunk) => ({ id: chunk.id, vector: unitVector(random, 12) }));
    const indexes = async () =>
      (
        await store.read<{ indexname: string }>('SELECT indexname FROM pg_indexes WHERE indexname LIKE $1', [
          `chunks_hnsw_${bulk}_%`,
        ])
      ).map((row) => row.indexname);
    await store.saveVectors(bulk, rows.slice(0, 10), { deferIndex: true });
    await store.saveVectors(bulk, rows.slice(10), { deferIndex: true });
    expect(await indexes()).toEqual([]);
    const exact = await store.searchVectors(bulk, rows[3]!.vector, 5);
    expect(exact[0]).toEqual({ chunkId: String(rows[3]!.id), score: expect.closeTo(1, 5) });
    expect(await store.vectorDimension(bulk)).toBe(12);
    await store.buildVectorIndex(bulk, 12);
    await store.buildVectorIndex(bulk, 12);
    expect(await indexes()).toEqual([`chunks_hnsw_${bulk}_12`]);
    expect((await store.searchVectors(bulk, rows[3]!.vector, 5))[0]).toEqual(exact[0]);
    expect(await store.removeCollection('bulk')).toBe(true);
  });

  it('serves the previous vectors and embedder while a swap is under way, then only the new ones', async () => {
    const random = seeded(6);
    const before = await store.getCollection('docs');
    const probe = (await store.chunksAfter(id, 1))[0]!;
    const oldVector = await store.searchVectors(id, unitVector(random, 24), 3);
    expect(oldVector.length).toBeGreaterThan(0);
    // Hold the swap after its chunk updates: a SHARE lock on collections blocks its embedder update.
    const blocker = new pg.Client({ connectionString: db.url });
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE batuta.collections IN SHARE MODE');
    const fresh = (await store.chunksAfter(id, 1000)).map((chunk) => ({
      id: chunk.id,
      vector: unitVector(random, 8),
    }));
    const swapping = store.saveVectors(id, fresh, { swapTo: 'embedder-c' });
    await new Promise((wake) => setTimeout(wake, 300));
    expect((await store.getCollection('docs'))!.embedder).toBe(before!.embedder);
    expect(await store.searchVectors(id, unitVector(random, 8), 3)).toEqual([]);
    expect((await store.searchVectors(id, unitVector(random, 24), 3)).length).toBe(oldVector.length);
    await blocker.query('COMMIT');
    await blocker.end();
    await swapping;
    expect((await store.getCollection('docs'))!.embedder).toBe('embedder-c');
    expect(await store.searchVectors(id, unitVector(random, 24), 3)).toEqual([]);
    const hit = fresh.find((row) => row.id === probe.id)!;
    expect((await store.searchVectors(id, hit.vector, 1))[0]?.chunkId).toBe(String(probe.id));
  });

  it('stores adapted models in the database', async () => {
    const files = new Map([
      ['model.onnx', new Uint8Array([1, 2, 3])],
      ['vocab.txt', new TextEncoder().encode('a\nb\n')],
    ]);
    await store.saveModel(id, 'adapted-1', files);
    const loaded = await store.loadModel(id, 'adapted-1');
    expect([...loaded!.keys()]).toEqual(['model.onnx', 'vocab.txt']);
    expect([...loaded!.get('model.onnx')!]).toEqual([1, 2, 3]);
    await store.saveModel(id, 'adapted-1', new Map([['model.onnx', new Uint8Array([9])]]));
    expect([...(await store.loadModel(id, 'adapted-1'))!.keys()]).toEqual(['model.onnx']);
    expect(await store.loadModel(id, 'other')).toBeNull();
  });

  it('lets one index run per collection hold the lock; a second one hears who holds it and waits', async () => {
    const other = await PgIndexStore.open(db.url, { applicationName: 'second writer' });
    try {
      const release = await store.lockCollection('docs', () => {
        throw new Error('the first writer must not wait');
      });
      const heard: string[] = [];
      let acquired = false;
      const waiting = other
        .lockCollection('docs', (holder) => heard.push(holder))
        .then((releaseOther) => {
          acquired = true;
          return releaseOther;
        });
      while (heard.length === 0) await new Promise((wake) => setTimeout(wake, 20));
      expect(heard[0]).toMatch(/^batuta .* pid \d+ \(server pid \d+/);
      expect(acquired).toBe(false);
      const otherCollection = await other.lockCollection('another', () => {
        throw new Error('another collection is free');
      });
      await otherCollection();
      await release();
      await (await waiting)();
      expect(acquired).toBe(true);
    } finally {
      await other.close();
    }
  });

  it('stops a search at the statement time limit with an IO error', async () => {
    const limited = await PgIndexStore.open(db.url, { searchTimeoutMs: 200 });
    const blocker = new pg.Client({ connectionString: db.url });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE batuta.postings IN ACCESS EXCLUSIVE MODE');
      const error = await failure(() => limited.searchText(id, ['vector'], 5, [8, 1]));
      expect(error.code).toBe('IO');
      expect(error.message).toMatch(/did not answer within 200 ms/);
    } finally {
      await blocker.query('ROLLBACK');
      await blocker.end();
      await limited.close();
    }
  });
});

describe.skipIf(skip)('PgIndexStore on databases that are not a batuta index', () => {
  it('says in one line what is wrong and changes nothing', async () => {
    const { url, drop } = await createTestDatabase();
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      const empty = await failure(() => PgIndexStore.open(url));
      expect(empty.code).toBe('NOT_FOUND');
      expect(empty.message).toMatch(/holds no batuta index \(run "batuta index DIR --db URL" first\)/);
      await admin.query(
        "CREATE SCHEMA batuta; CREATE TABLE batuta.collections (name text); INSERT INTO batuta.collections VALUES ('mine')",
      );
      const foreign = await failure(() => PgIndexStore.open(url, { create: true }));
      expect(foreign.code).toBe('CORRUPT_STORE');
      expect(foreign.message).toMatch(/has a schema "batuta" that batuta did not make/);
      expect((await admin.query('SELECT name FROM batuta.collections')).rows).toEqual([{ name: 'mine' }]);
      expect(
        (await admin.query("SELECT count(*)::int AS n FROM pg_extension WHERE extname = 'vector'")).rows[0].n,
      ).toBe(0);
      for (const message of [empty.message, foreign.message])
        expect(message).not.toContain(new URL(url).password);
    } finally {
      await admin.end();
      await drop();
    }
  });

  it('brings a version 1 index up to date when an index run opens it; a search on it is told to run one', async () => {
    const { url, drop } = await createTestDatabase();
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      const made = await PgIndexStore.open(url, { create: true });
      const id = (await made.saveCollection('old', '/old', 'v1')).id;
      await made.writeDocuments(id, syntheticDocuments(1, 2));
      await made.close();
      // What a version 1 index looked like: no fusion choice, no document texts.
      await admin.query(
        "ALTER TABLE batuta.collections DROP COLUMN fusion; ALTER TABLE batuta.documents DROP COLUMN body; ALTER TABLE batuta.documents DROP COLUMN content_size; UPDATE batuta.meta SET value = '1' WHERE key = 'schema_version'",
      );
      const search = await failure(() => PgIndexStore.open(url));
      expect(search.message).toMatch(
        /has batuta schema version 1, this batuta reads 2 \(run "batuta index DIR --db URL" on one collection to bring it up to date\)/,
      );
      const upgraded = await PgIndexStore.open(url, { create: true });
      try {
        expect(await upgraded.getCollection('old')).toMatchObject({ name: 'old', fusion: null });
        expect(await upgraded.documentBody(id, 'doc-1-0.md')).toEqual({ stored: true, text: null });
        // Its documents look changed to the next index run, which stores their texts.
        expect((await upgraded.fingerprints(id)).get('doc-1-0.md')).toEqual({
          hash: '',
          size: 100,
          mtime: -1,
          contentSize: null,
        });
        await upgraded.writeDocuments(id, [{ ...syntheticDocuments(1, 1)[0]!, text: 'the text' }]);
        expect(await upgraded.documentBody(id, 'doc-1-0.md')).toEqual({ stored: true, text: 'the text' });
        expect((await upgraded.fingerprints(id)).get('doc-1-0.md')).toEqual({
          hash: 'h0',
          size: 100,
          mtime: 1000,
          contentSize: 100,
        });
        await upgraded.setFusionRecord(id, '{"x":1}');
        expect(await upgraded.fusionRecord(id)).toBe('{"x":1}');
      } finally {
        await upgraded.close();
      }
      const version = await admin.query("SELECT value FROM batuta.meta WHERE key = 'schema_version'");
      expect(version.rows).toEqual([{ value: '2' }]);
      await admin.query("UPDATE batuta.meta SET value = '3' WHERE key = 'schema_version'");
      const newer = await failure(() => PgIndexStore.open(url, { create: true }));
      expect(newer.message).toMatch(
        /has batuta schema version 3, this batuta reads 2 \(use a matching batuta/,
      );
    } finally {
      await admin.end();
      await drop();
    }
  });

  it('names the fix for a wrong password, a missing database, an unreachable server and a user who may not enable pgvector', async () => {
    const wrong = new URL(PG_URL);
    wrong.password = 'not-the-password';
    expect((await failure(() => PgIndexStore.open(wrong.toString()))).message).toMatch(
      /password was refused/,
    );
    const missing = await failure(() => PgIndexStore.open(withDatabase(PG_URL, 'batuta_no_such_db')));
    expect(missing.message).toMatch(/does not exist \(create it/);
    const port = await new Promise<number>((done) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => done(typeof address === 'object' && address !== null ? address.port : 0));
      });
    });
    const closed = new URL(PG_URL);
    closed.port = String(port);
    const unreachable = await failure(() => PgIndexStore.open(closed.toString(), { create: true }));
    expect(unreachable.code).toBe('IO');
    expect(unreachable.message).toMatch(
      /cannot reach PostgreSQL at 127\.0\.0\.1:\d+\/postgres \(ECONNREFUSED/,
    );

    const { url, drop } = await createTestDatabase();
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const role = `batuta_plain_${process.pid}`;
    try {
      await admin.query(
        `CREATE ROLE ${role} LOGIN PASSWORD 'plain-pass'; GRANT CREATE ON DATABASE ${new URL(url).pathname.slice(1)} TO ${role}`,
      );
      const plain = new URL(url);
      plain.username = role;
      plain.password = 'plain-pass';
      const denied = await failure(() => PgIndexStore.open(plain.toString(), { create: true }));
      expect(denied.message).toMatch(
        /may not enable pgvector .* \(ask an administrator to run "CREATE EXTENSION vector;" in that database/,
      );
      expect(
        (await admin.query("SELECT count(*)::int AS n FROM pg_namespace WHERE nspname = 'batuta'")).rows[0].n,
      ).toBe(0);
    } finally {
      await admin.end();
      await drop();
      const cleanup = new pg.Client({ connectionString: PG_URL });
      await cleanup.connect();
      await cleanup.query(`DROP ROLE IF EXISTS ${role}`);
      await cleanup.end();
    }
  });
});
