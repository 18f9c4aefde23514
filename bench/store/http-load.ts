/**
 * Bounded HTTP load on `batuta mcp --http` servers (the built CLI) over one index: `workers` clients, each
 * with its own MCP session on one server (round robin), call search_docs back to back for `seconds`;
 * requests, errors and requests per second are counted. Loopback only.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { listeningUrl } from '../lib/listening-url.js';

export interface LoadResult {
  readonly servers: number;
  readonly requests: number;
  readonly errors: number;
  readonly perSecond: number;
  readonly p50: number;
  readonly p95: number;
  /** Share of the machine's CPU time that was busy during the load (all processes, /proc/stat). */
  readonly machineBusy: number;
  /** CPU milliseconds the server processes used per search (/proc/PID/stat, user + system). */
  readonly serverCpuMsPerSearch: number;
  /** CPU milliseconds every PostgreSQL process of the machine used per search. */
  readonly postgresCpuMsPerSearch: number;
  /** CPU milliseconds this load generator (the MCP clients) used per search. */
  readonly clientCpuMsPerSearch: number;
}

export interface RunningServer {
  readonly url: string;
  readonly pid: number;
  stop(): Promise<void>;
}

/** Starts `batuta mcp --http --port 0` with these arguments; resolves once it listens. */
export async function startServer(
  bin: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<RunningServer> {
  const child: ChildProcess = spawn(process.execPath, [bin, 'mcp', '--http', '--port', '0', ...args], {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const url = await listeningUrl(child);
  return {
    url,
    pid: child.pid ?? 0,
    stop: () =>
      new Promise((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

function percentile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}

/** Busy and total clock ticks of the whole machine so far. */
function machineTicks(): { busy: number; total: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((sum, n) => sum + n, 0);
  return { busy: total - fields[3]! - (fields[4] ?? 0), total };
}

/** User + system clock ticks a process used so far (0 when it is gone). */
function processTicks(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

/** Clock ticks used so far by every process named "postgres". */
function postgresTicks(): number {
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (!stat.includes('(postgres)')) continue;
      const fields = stat.split(') ')[1]!.split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process ended meanwhile.
    }
  }
  return ticks;
}

const TICK_MS = 10;

/** Runs the load against `servers` and counts what came back, with the CPU it took. */
export async function runLoad(
  servers: ReadonlyArray<Pick<RunningServer, 'url' | 'pid'>>,
  options: {
    workers: number;
    seconds: number;
    collection: string;
    questions: readonly string[];
    token: string;
  },
): Promise<LoadResult> {
  const urls = servers.map((server) => server.url);
  const headers = { Authorization: `Bearer ${options.token}` };
  const clients = await Promise.all(
    Array.from({ length: options.workers }, async (_, i) => {
      const client = new Client({ name: `load-${i}`, version: '1.0.0' });
      await client.connect(
        new StreamableHTTPClientTransport(new URL(urls[i % urls.length]!), { requestInit: { headers } }),
      );
      return client;
    }),
  );
  const times: number[] = [];
  let errors = 0;
  const machineBefore = machineTicks();
  const serverBefore = servers.reduce((sum, server) => sum + processTicks(server.pid), 0);
  const postgresBefore = postgresTicks();
  const clientBefore = process.cpuUsage();
  const end = performance.now() + options.seconds * 1000;
  const started = performance.now();
  await Promise.all(
    clients.map(async (client, worker) => {
      for (let n = worker; performance.now() < end; n += options.workers) {
        const query = options.questions[n % options.questions.length]!;
        const t0 = performance.now();
        try {
          const result = await client.callTool({
            name: 'search_docs',
            arguments: { query, collection: options.collection, k: 10 },
          });
          if (result.isError) errors += 1;
          else times.push(performance.now() - t0);
        } catch {
          errors += 1;
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const machineAfter = machineTicks();
  const serverTicks = servers.reduce((sum, server) => sum + processTicks(server.pid), 0) - serverBefore;
  const postgresUsed = postgresTicks() - postgresBefore;
  const client = process.cpuUsage(clientBefore);
  await Promise.all(clients.map((client) => client.close().catch(() => {})));
  return {
    servers: urls.length,
    requests: times.length,
    errors,
    perSecond: times.length / elapsed,
    p50: percentile(times, 0.5),
    p95: percentile(times, 0.95),
    machineBusy:
      (machineAfter.busy - machineBefore.busy) / Math.max(1, machineAfter.total - machineBefore.total),
    serverCpuMsPerSearch: (serverTicks * TICK_MS) / Math.max(1, times.length),
    postgresCpuMsPerSearch: (postgresUsed * TICK_MS) / Math.max(1, times.length),
    clientCpuMsPerSearch: (client.user + client.system) / 1000 / Math.max(1, times.length),
  };
}
