/**
 * How long the first read of batuta://stack.svg holds the rest of the server. Each round starts the built
 * `batuta mcp` (stdio, revision 2025-11-25), reads the stack picture once and, while the read is in flight,
 * pings the server back to back; the worst ping round trip is how long other requests waited. Rounds
 * alternate between the build's stack picture (dist/src/picture/stack-picture.json) and the same server with
 * that file moved aside, which lays the stack out on its event loop as servers did before the build drew it.
 *
 * Usage: node dist/bench/mcp/stack-picture.js [ROUNDS]   (default 6 per arm, after npm run build)
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { benchPositionals, countArgument, runBench } from '../lib/bench-flags.js';
import { ms, percentile } from './stats.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const BIN = join(ROOT, 'dist/src/cli/main.js');
const PICTURE = join(ROOT, 'dist/src/picture/stack-picture.json');

interface Round {
  readonly readMs: number;
  readonly worstPingMs: number;
  readonly pings: number;
}

/** A line-delimited JSON-RPC client over a child's stdio. */
function rpc(child: ChildProcess): (method: string, params?: unknown) => Promise<unknown> {
  const waiting = new Map<number, (message: unknown) => void>();
  let next = 0;
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const message = JSON.parse(line) as { id?: number };
    if (message.id !== undefined) waiting.get(message.id)?.(message);
  });
  return (method, params = {}) =>
    new Promise((done) => {
      next += 1;
      waiting.set(next, done);
      child.stdin!.write(`${JSON.stringify({ jsonrpc: '2.0', id: next, method, params })}\n`);
    });
}

async function round(): Promise<Round> {
  const home = mkdtempSync(join(tmpdir(), 'batuta-stack-bench-'));
  const child = spawn(process.execPath, [BIN, 'mcp', '--root', home], {
    env: { PATH: process.env['PATH'] ?? '', HOME: home, BATUTA_DB: join(home, 'index.db') },
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  try {
    const call = rpc(child);
    await call('initialize', {
      protocolVersion: '2025-11-25',
      capabilities: {},
      clientInfo: { name: 'stack-bench', version: '1' },
    });
    child.stdin!.write(`${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n`);
    await call('ping');
    let reading = true;
    const started = performance.now();
    const read = call('resources/read', { uri: 'batuta://stack.svg' }).then(() => {
      reading = false;
      return performance.now() - started;
    });
    const pings: number[] = [];
    while (reading) {
      const sent = performance.now();
      await call('ping');
      pings.push(performance.now() - sent);
    }
    return { readMs: await read, worstPingMs: Math.max(...pings), pings: pings.length };
  } finally {
    child.kill();
    rmSync(home, { recursive: true, force: true });
  }
}

async function main(rounds: number): Promise<void> {
  if (!existsSync(PICTURE)) throw new Error(`${PICTURE} is missing (run npm run build first)`);
  const arms = { 'build picture': [] as Round[], 'laid out at first read': [] as Round[] };
  for (let i = 0; i < rounds; i += 1) {
    arms['build picture'].push(await round());
    renameSync(PICTURE, `${PICTURE}.aside`);
    try {
      arms['laid out at first read'].push(await round());
    } finally {
      renameSync(`${PICTURE}.aside`, PICTURE);
    }
  }
  console.log(`| arm | rounds | read median ms | read p95 ms | worst ping median ms | worst ping p95 ms |`);
  console.log('|---|---|---|---|---|---|');
  for (const [arm, runs] of Object.entries(arms)) {
    const reads = runs.map((r) => r.readMs);
    const worst = runs.map((r) => r.worstPingMs);
    console.log(
      `| ${arm} | ${runs.length} | ${ms(percentile(reads, 50))} | ${ms(percentile(reads, 95))} | ${ms(percentile(worst, 50))} | ${ms(percentile(worst, 95))} |`,
    );
  }
}

const [roundsText] = benchPositionals(import.meta.filename, { optional: ['ROUNDS'] });
await runBench(import.meta.filename, () =>
  main(countArgument(import.meta.filename, 'ROUNDS', roundsText, 6)),
);
