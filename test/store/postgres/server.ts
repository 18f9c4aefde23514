/**
 * The PostgreSQL server of the tests: the one `.ci/run` starts (BATUTA_TEST_PG_URL, a superuser URL), a fresh
 * database on it per test file, and streaming replicas made with pg_basebackup. Without the variable the
 * PostgreSQL suites skip and say so once per file.
 */
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';

export const PG_URL = process.env['BATUTA_TEST_PG_URL'] ?? '';
const PG_BIN = process.env['BATUTA_TEST_PG_BIN'] ?? '/usr/lib/postgresql/15/bin';
const PG_TMP = process.env['BATUTA_TEST_PG_TMP'] ?? '/tmp';

/** Why the PostgreSQL suites are skipped, or '' when a server is there. */
export const PG_SKIP_NOTE =
  PG_URL === ''
    ? 'PostgreSQL suite SKIPPED: BATUTA_TEST_PG_URL is not set (bash .ci/run starts a private server and sets it)'
    : '';

/** Prints the skip note once for the calling test file; returns whether the suite should be skipped. */
export function skipWithoutPostgres(file: string): boolean {
  if (PG_SKIP_NOTE !== '') process.stderr.write(`${file}: ${PG_SKIP_NOTE}\n`);
  return PG_SKIP_NOTE !== '';
}

/** The server URL with another database name. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** A new empty database on the test server; `drop` removes it even while clients are connected. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `batuta_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(PG_URL, name),
    drop: async () => {
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** One statement on the server at `url`, on a connection of its own. */
export async function queryAt<T extends pg.QueryResultRow>(
  url: string,
  text: string,
  values: unknown[] = [],
): Promise<pg.QueryResult<T>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query<T>(text, values);
  } finally {
    await client.end();
  }
}

/** The database of a describe block (useTestDatabase): its URL, and a statement on it. */
export interface TestDatabase {
  /** Read it in hooks and tests: the database is made in the block's first beforeAll. */
  readonly url: string;
  query<T extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<T>>;
}

/**
 * Inside a describe block: a new empty database for its tests, made before them (call this before the
 * block's own beforeAll, which may then use it) and dropped after them; then `home`, the tests' folder, is
 * removed and `afterDrop` runs (a role that owned objects there can go only once the database has gone).
 */
export function useTestDatabase(
  options: { readonly home?: string; readonly afterDrop?: () => Promise<void> } = {},
): TestDatabase {
  let made: { url: string; drop: () => Promise<void> } | undefined;
  beforeAll(async () => {
    made = await createTestDatabase();
  });
  afterAll(async () => {
    await made?.drop();
    if (options.home !== undefined) rmSync(options.home, { recursive: true, force: true });
    await options.afterDrop?.();
  });
  const url = () => {
    if (made === undefined)
      throw new Error('the test database is made in beforeAll: read its url in a hook or test');
    return made.url;
  };
  return {
    get url() {
      return url();
    },
    query: (text, values) => queryAt(url(), text, values),
  };
}

/** Runs a PostgreSQL program as the server's owner ("postgres" when the tests run as root). */
function runAsOwner(program: string, args: readonly string[], env: Record<string, string> = {}): void {
  const owner = process.getuid?.() === 0 ? ownerIds() : {};
  const result = spawnSync(join(PG_BIN, program), args, {
    encoding: 'utf8',
    cwd: '/',
    env: { ...process.env, ...env },
    ...owner,
  });
  if (result.status !== 0) {
    throw new Error(`${program} failed (${result.status}): ${result.stderr || result.error?.message}`);
  }
}

function ownerIds(): { uid: number; gid: number } {
  const id = (flag: string) =>
    Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
  return { uid: id('-u'), gid: id('-g') };
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

/** A server a test started: its superuser URL, and how to stop it (removing its folder) or promote it. */
export interface TestServer {
  readonly url: string;
  /** Makes a replica an independent primary (pg_ctl promote), waiting until it takes writes. */
  promote(): Promise<void>;
  /** Stops it, removes its folder and drops its replication slot on the server it copied. */
  stop(): Promise<void>;
  /** Its server log from byte `from` on. */
  log(from?: number): string;
}

/** Steps of startReplica a test can hook into. */
export interface ReplicaHooks {
  /** Runs between the base backup and the replica's start: the window where the primary moves on alone. */
  readonly afterBackup?: () => Promise<void>;
}

/**
 * Starts a streaming replica of the test server, or of `source` (pg_basebackup -R, then its own port) in a
 * folder under BATUTA_TEST_PG_TMP, so `.ci/run` stops it too if a test dies; `stop` stops it and removes
 * the folder. The replica streams through a physical replication slot of its own: without one the primary
 * recycles WAL at its next checkpoint whether the replica has it or not, and every test file's DROP DATABASE
 * forces a checkpoint, so under parallel suites a replica that started a few seconds after its backup found
 * the WAL it needed removed and never replayed past the backup.
 */
export async function startReplica(source: string = PG_URL, hooks: ReplicaHooks = {}): Promise<TestServer> {
  const primary = new URL(source);
  const folder = mkdtempSync(join(PG_TMP, 'replica-'));
  const data = join(folder, 'data');
  if (process.getuid?.() === 0) {
    const { uid, gid } = ownerIds();
    chownSync(folder, uid, gid);
  }
  const password = decodeURIComponent(primary.password);
  // A standby needs at least the primary's max_connections, which .ci/run sets on the command line.
  const admin = new pg.Client({ connectionString: source });
  await admin.connect();
  const connections = (await admin.query('SHOW max_connections')).rows[0].max_connections as string;
  await admin.end();
  const port = await freePort();
  const slot = `batuta_replica_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  try {
    runAsOwner(
      'pg_basebackup',
      [
        '-D',
        data,
        '-R',
        '-C',
        '-S',
        slot,
        '-X',
        'stream',
        '-c',
        'fast',
        '-h',
        primary.hostname,
        '-p',
        primary.port,
        '-U',
        primary.username,
      ],
      { PGPASSWORD: password },
    );
    await hooks.afterBackup?.();
    const options = `-p ${port} -k ${folder} -c listen_addresses=127.0.0.1 -c hot_standby=on -c max_connections=${connections}`;
    runAsOwner('pg_ctl', [
      '-D',
      data,
      '-l',
      join(folder, 'server.log'),
      '-w',
      '-t',
      '120',
      '-o',
      options,
      'start',
    ]);
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    await dropSlot(source, slot);
    throw error;
  }
  const replica = new URL(source);
  replica.port = String(port);
  const logFile = join(folder, 'server.log');
  return {
    url: replica.toString(),
    log: (from = 0) => (existsSync(logFile) ? readFileSync(logFile).subarray(from).toString('utf8') : ''),
    async promote() {
      runAsOwner('pg_ctl', ['-D', data, '-w', '-t', '120', 'promote']);
      const client = new pg.Client({ connectionString: withDatabase(replica.toString(), 'postgres') });
      await client.connect();
      try {
        while ((await client.query('SELECT pg_is_in_recovery() AS r')).rows[0].r === true) {
          await new Promise((wake) => setTimeout(wake, 50));
        }
      } finally {
        await client.end();
      }
    },
    stop: async () => {
      try {
        runAsOwner('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(folder, { recursive: true, force: true });
        await dropSlot(source, slot);
      }
    },
  };
}

/**
 * Drops a replica's slot once its WAL sender has gone (an active slot cannot be dropped). A source server
 * that is gone (a promoted copy stopped first) took its slots with it.
 */
async function dropSlot(source: string, slot: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(source, 'postgres') });
  try {
    await client.connect();
  } catch {
    return;
  }
  try {
    for (;;) {
      const { rows } = await client.query('SELECT active FROM pg_replication_slots WHERE slot_name = $1', [
        slot,
      ]);
      if (rows.length === 0) return;
      if (rows[0].active === false) break;
      await new Promise((wake) => setTimeout(wake, 50));
    }
    await client.query('SELECT pg_drop_replication_slot($1)', [slot]);
  } finally {
    await client.end();
  }
}

/** A line of a replica's log saying its WAL receiver failed (it retries every few seconds, logging again). */
const STREAM_FAILURE =
  /^.*FATAL: +(could not receive data from WAL stream|could not connect to the primary).*$/m;

/**
 * Waits until the replica (`server`, reached at `replicaUrl`) has replayed everything the primary had written
 * when this was called. It fails at once, with the replica's own words and both positions, when the replica
 * logs that its WAL receiver failed while waiting: such a replica never catches up, and waiting longer only
 * turns the cause into a test timeout.
 */
export async function waitForReplay(
  primaryUrl: string,
  replicaUrl: string,
  server: TestServer,
): Promise<void> {
  const logStart = Buffer.byteLength(server.log());
  const primary = new pg.Client({ connectionString: primaryUrl });
  const replica = new pg.Client({ connectionString: replicaUrl });
  await Promise.all([primary.connect(), replica.connect()]);
  try {
    const target = (await primary.query('SELECT pg_current_wal_lsn()::text AS lsn')).rows[0].lsn as string;
    for (;;) {
      const { rows } = await replica.query(
        'SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS done, pg_last_wal_replay_lsn()::text AS at',
        [target],
      );
      if (rows[0].done === true) return;
      const failure = STREAM_FAILURE.exec(server.log(logStart));
      if (failure !== null) {
        throw new Error(
          `replica on port ${new URL(server.url).port} stopped replaying at ${rows[0].at} (primary at ${target}): ${failure[0]}`,
        );
      }
      await new Promise((wake) => setTimeout(wake, 50));
    }
  } finally {
    await Promise.all([primary.end(), replica.end()]);
  }
}
