/**
 * Bounded HTTP load on `batuta mcp --http` servers (the built CLI) over one index: `workers` clients, each
 * with its own MCP session on one server (round robin), call search_docs back to back for `seconds`;
 * requests, errors and requests per second are counted. Loopback only.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';

export interface LoadResult {
  readonly servers: number;
  readonly requests: number;
  readonly errors: number;
  readonly perSecond: number;
  readonly p50: number;
  readonly p95: number;
}

export interface RunningServer {
  readonly url: string;
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
  let stderr = '';
  const url = await new Promise<string>((done, fail) => {
    child.stderr?.on('data', (data: Buffer) => {
      stderr += data.toString();
      const match = /listening on (http:\/\/\S+)/.exec(stderr);
      if (match) done(match[1]!);
    });
    child.once('exit', (code) => fail(new Error(`server exited ${code}: ${stderr}`)));
  });
  return {
    url,
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

/** Runs the load against `urls` and counts what came back. */
export async function runLoad(
  urls: readonly string[],
  options: {
    workers: number;
    seconds: number;
    collection: string;
    questions: readonly string[];
    token: string;
  },
): Promise<LoadResult> {
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
  await Promise.all(clients.map((client) => client.close().catch(() => {})));
  return {
    servers: urls.length,
    requests: times.length,
    errors,
    perSecond: times.length / elapsed,
    p50: percentile(times, 0.5),
    p95: percentile(times, 0.95),
  };
}
