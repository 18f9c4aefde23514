/**
 * What running each external program in its own process group, watched by the reaper, costs: runTool against
 * a plain spawn of the same program with the same output capture, interleaved, one after the other.
 * Usage: node dist/bench/security/guard-overhead.js [ROUNDS] [PROGRAM]
 */
import { spawn } from 'node:child_process';
import { runTool } from '../../src/migration/run-tool.js';
import { benchPositionals, countArgument } from '../lib/bench-flags.js';
import { ms, percentile } from '../mcp/stats.js';

function plain(command: string): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(command, [], { stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdout.on('data', () => undefined);
    child.stderr.on('data', () => undefined);
    child.stdin.on('error', () => undefined);
    child.stdin.end('');
    child.on('error', fail);
    child.on('close', () => done());
  });
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const [roundsText, programText] = benchPositionals(import.meta.filename, { optional: ['ROUNDS', 'PROGRAM'] });
const rounds = countArgument(import.meta.filename, 'ROUNDS', roundsText, 40);
const program = programText ?? '/bin/true';
const direct: number[] = [];
const guarded: number[] = [];
for (let i = 0; i < rounds; i++) {
  direct.push(await timed(() => plain(program)));
  guarded.push(await timed(() => runTool(program, [], { cwd: process.cwd() })));
}
console.log(`| run of ${program} | rounds | median ms | p95 ms |`);
console.log('|---|---|---|---|');
console.log(`| plain spawn | ${rounds} | ${ms(percentile(direct, 50))} | ${ms(percentile(direct, 95))} |`);
console.log(
  `| runTool (own group, reaper) | ${rounds} | ${ms(percentile(guarded, 50))} | ${ms(percentile(guarded, 95))} |`,
);
