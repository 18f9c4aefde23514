/**
 * HTTP throughput: the built CLI serving `batuta mcp --http` on loopback, N concurrent clients sharing a
 * fixed number of tools/call requests, all speaking one protocol revision (2025-06-18 and 2025-11-25: one
 * MCP session each; 2026-07-28: stateless, a fresh server per request). Reports requests per second,
 * latency percentiles, errors, and the server's RSS sampled through the run (to see that memory stays flat).
 *
 * Usage: node dist/bench/mcp/http-throughput.js [--clients 8] [--requests 10000] [--tool oracle_query]
 *        [--revision 2025-11-25|2025-06-18|2026-07-28]
 *        [--url http://127.0.0.1:PORT/mcp --pid PID]   (a server started separately, e.g. under --cpu-prof)
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { benchFlags, runBench } from '../lib/bench-flags.js';
import { listeningUrl } from '../lib/listening-url.js';
import { ms, percentile, rssMb } from './stats.js';
import { type BenchCall, benchCalls, loadQuestions } from './workload.js';

const ROOT = resolve(import.meta.dirname, '../../..');

/** Starts the server on a free port and resolves with its URL once it says it is listening. */
function startServer(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    [resolve(ROOT, 'dist/src/cli/main.js'), 'mcp', '--http', '--port', '0'],
    {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  return listeningUrl(child).then((url) => ({ child, url }));
}

interface LoadResult {
  readonly seconds: number;
  readonly latencies: number[];
  readonly errors: number;
  readonly memory: number[];
}

/** Shares `requests` calls among the connected clients and samples the server's RSS every 500 ms. */
async function runLoad(
  connected: Client[],
  call: BenchCall,
  requests: number,
  pid: number,
): Promise<LoadResult> {
  const memory: number[] = [await rssMb(pid)];
  const sampler = setInterval(() => rssMb(pid).then((mb) => memory.push(mb)), 500);
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    connected.map(async (client) => {
      while (next < requests) {
        const i = next++;
        const t0 = performance.now();
        try {
          const result = await client.callTool({ name: call.name, arguments: call.arguments(i) });
          if (result.isError) errors += 1;
        } catch {
          errors += 1;
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  memory.push(await rssMb(pid));
  return { seconds, latencies, errors, memory };
}

async function main(): Promise<void> {
  const { values } = benchFlags(import.meta.filename, {
    options: {
      clients: { type: 'string' },
      requests: { type: 'string' },
      tool: { type: 'string' },
      url: { type: 'string' },
      pid: { type: 'string' },
      revision: { type: 'string' },
    },
  });
  const revision = values.revision ?? '2025-11-25';
  if (!['2025-06-18', '2025-11-25', '2026-07-28'].includes(revision)) {
    throw new Error(`--revision "${revision}" is not one of 2025-06-18, 2025-11-25, 2026-07-28`);
  }
  const clients = Number(values.clients ?? 8);
  const requests = Number(values.requests ?? 10_000);
  const call = benchCalls(loadQuestions()).find((c) => c.name === (values.tool ?? 'oracle_query'));
  if (call === undefined) throw new Error(`no bench workload for tool "${values.tool}"`);
  const { child, url } = values.url === undefined ? await startServer() : { child: null, url: values.url };
  const pid = child?.pid ?? Number(values.pid ?? Number.NaN);
  try {
    const connected = await Promise.all(
      Array.from({ length: clients }, async () => {
        const client = clientFor(revision);
        await client.connect(new StreamableHTTPClientTransport(new URL(url)));
        return client;
      }),
    );
    for (const client of connected) await client.callTool({ name: call.name, arguments: call.arguments(0) });
    const load = await runLoad(connected, call, requests, pid);
    await Promise.all(connected.map((client) => client.close()));
    report(load, { requests, clients, tool: call.name, url, revision });
  } finally {
    child?.kill('SIGTERM');
  }
}

function report(
  load: LoadResult,
  run: { requests: number; clients: number; tool: string; url: string; revision: string },
): void {
  const { memory, latencies } = load;
  const at = (fraction: number) => memory[Math.min(memory.length - 1, Math.floor(memory.length * fraction))]!;
  console.log(`${run.requests} x ${run.tool}, ${run.clients} clients, revision ${run.revision}, ${run.url}`);
  console.log(
    '| requests/s | p50 ms | p95 ms | p99 ms | errors | server RSS MB start / 10% / 50% / 90% / end / max |',
  );
  console.log('|---|---|---|---|---|---|');
  const rss = [memory[0]!, at(0.1), at(0.5), at(0.9), memory.at(-1)!, Math.max(...memory)]
    .map((v) => v.toFixed(0))
    .join(' / ');
  const row = [
    (run.requests / load.seconds).toFixed(0),
    ms(percentile(latencies, 50)),
    ms(percentile(latencies, 95)),
  ];
  console.log(`| ${[...row, ms(percentile(latencies, 99)), load.errors, rss].join(' | ')} |`);
}

/** A client that speaks exactly `revision` (pinned for 2026-07-28, offering only it otherwise). */
function clientFor(revision: string): Client {
  const options =
    revision === '2026-07-28'
      ? { versionNegotiation: { mode: { pin: revision } } }
      : { supportedProtocolVersions: [revision] };
  return new Client({ name: 'bench-http', version: '1.0.0' }, options);
}

await runBench(import.meta.filename, () => main());
