/**
 * The `batuta` entry itself: behaviour that belongs to no single subcommand.
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { runBatuta } from './run-batuta.js';

const BIN = resolve(import.meta.dirname, '../../dist/src/cli/main.js');
const home = tempDir('batuta-main-');
afterAll(() => rmSync(home, { recursive: true, force: true }));

/** Runs the CLI with its stdout closed before it writes, as `batuta … | head -c 10` ends up doing. */
function runIntoClosedPipe(args: readonly string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { PATH: process.env['PATH'] ?? '', HOME: home },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdout.destroy();
    child.on('close', (code) => done({ code, stderr }));
  });
}

describe('batuta entry', () => {
  it('stops quietly when the reader of stdout goes away', async () => {
    const result = await runIntoClosedPipe(['oracle', '--json', 'How do I train a model on GPU?']);
    expect(result.stderr).not.toContain('EPIPE');
    expect(result.stderr).not.toContain('Unhandled');
  });

  it('refuses a question longer than the limit with a usage error', () => {
    const result = runBatuta(['oracle', '--json', 'gpu '.repeat(5_000)], home);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('2000');
  });
});
