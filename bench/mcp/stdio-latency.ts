/**
 * tools/call latency over stdio against the built CLI (`node dist/src/cli/main.js mcp`), the way Claude
 * Desktop talks to the server: one client, calls in sequence, each timed from send to answer.
 *
 * Usage: node dist/bench/mcp/stdio-latency.js [--calls 300] [--warmup 20] [--tool NAME] [--cli OTHER/dist/src/cli/main.js]
 * (--tool times one tool only; --cli serves from another build, e.g. a baseline checkout).
 */
import { resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { benchFlags, runBench } from '../lib/bench-flags.js';
import { ms, percentile } from './stats.js';
import { benchCalls, loadQuestions } from './workload.js';

const ROOT = resolve(import.meta.dirname, '../../..');

async function main(): Promise<void> {
  const { values } = benchFlags(import.meta.filename, {
    options: {
      calls: { type: 'string' },
      warmup: { type: 'string' },
      tool: { type: 'string' },
      cli: { type: 'string' },
    },
  });
  const calls = Number(values.calls ?? 300);
  const warmup = Number(values.warmup ?? 20);
  const started = performance.now();
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [resolve(values.cli ?? resolve(ROOT, 'dist/src/cli/main.js')), 'mcp'],
    cwd: ROOT,
    stderr: 'ignore',
  });
  const client = new Client({ name: 'bench-stdio', version: '1.0.0' });
  await client.connect(transport);
  const connectMs = performance.now() - started;
  try {
    const available = new Set((await client.listTools()).tools.map((tool) => tool.name));
    const questions = loadQuestions();
    console.log(
      `connect (spawn + initialize): ${ms(connectMs)} ms; ${calls} calls per tool after ${warmup} warm-up`,
    );
    console.log(`questions rotate over ${questions.length} distinct ones\n`);
    console.log('| tool | p50 ms | p95 ms | max ms | errors |');
    console.log('|---|---|---|---|---|');
    const wanted = (name: string) =>
      available.has(name) && (values.tool === undefined || values.tool === name);
    for (const call of benchCalls(questions).filter((c) => wanted(c.name))) {
      const samples: number[] = [];
      let errors = 0;
      for (let i = 0; i < warmup + calls; i += 1) {
        const t0 = performance.now();
        const result = await client.callTool({ name: call.name, arguments: call.arguments(i) });
        const elapsed = performance.now() - t0;
        if (result.isError) errors += 1;
        if (i >= warmup) samples.push(elapsed);
      }
      const row = [
        call.name,
        ms(percentile(samples, 50)),
        ms(percentile(samples, 95)),
        ms(Math.max(...samples)),
        errors,
      ];
      console.log(`| ${row.join(' | ')} |`);
    }
  } finally {
    await client.close();
  }
}

await runBench(import.meta.filename, () => main());
