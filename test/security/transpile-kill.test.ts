/**
 * kill -9 of `batuta transpile` (the built CLI) while its transpiler runs: the transpiler and what it
 * started die with it, and the next run clears the staging folder the killed one left behind.
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { runBatuta } from '../cli/run-batuta.js';
import { tempDir } from '../mcp/harness.js';

const BIN = resolve(import.meta.dirname, '../../dist/src/cli/main.js');

/** A transpiler that starts a background writer and waits for it, unless FAST is set. */
const SLOW_TRANSPILER = `#!/bin/sh
if [ "\${1:-}" = "--version" ]; then echo "slow-transpile 1.0"; exit 0; fi
if [ -n "\${FAST:-}" ]; then mkdir -p "$2/src"; echo 'fn main() {}' > "$2/src/main.rs"; exit 0; fi
echo $$ > "$MARK/transpiler.pid"
( while :; do date >> "$2/progress.txt"; sleep 0.1; done ) &
echo $! > "$MARK/writer.tmp" && mv "$MARK/writer.tmp" "$MARK/writer.pid"
wait
`;

/** True while `pid` exists and is not a zombie waiting to be reaped. */
function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

async function until(check: () => boolean): Promise<void> {
  while (!check()) await sleep(50);
}

describe('kill -9 of batuta transpile', () => {
  const home = tempDir('batuta-kill-');
  /** The transpiler's process group, stopped after a failed run so its endless writer does not outlive the test. */
  let group: number | undefined;
  afterAll(() => {
    if (group !== undefined && running(group)) process.kill(-group, 'SIGKILL');
    home.remove();
  });

  it('takes the transpiler and its children down with it, and the next run clears the staging', async () => {
    const project = join(home.path, 'project');
    const marks = join(home.path, 'marks');
    mkdirSync(join(home.path, 'tools'));
    mkdirSync(project);
    mkdirSync(marks);
    writeFileSync(join(home.path, 'tools', 'slow-transpile'), SLOW_TRANSPILER);
    chmodSync(join(home.path, 'tools', 'slow-transpile'), 0o755);
    writeFileSync(join(project, 'hello.py'), 'print("hello")\n');
    writeFileSync(
      join(project, 'batuta.toml'),
      '[transpilers.python]\ncommand = "../tools/slow-transpile"\nargs = ["{input}", "{output}"]\n',
    );
    expect(runBatuta(['analyze', project], home.path).code).toBe(0);
    expect(runBatuta(['plan', project], home.path).code).toBe(0);

    const batuta = spawn(process.execPath, [BIN, 'transpile', project], {
      env: { PATH: process.env['PATH'] ?? '', HOME: home.path, MARK: marks },
      stdio: 'ignore',
    });
    let exited = false;
    const ended = new Promise((done) => batuta.on('exit', done)).then(() => {
      exited = true;
    });
    await until(() => exited || existsSync(join(marks, 'writer.pid')));
    expect(exited).toBe(false);
    const transpiler = Number(readFileSync(join(marks, 'transpiler.pid'), 'utf8'));
    group = transpiler;
    const writer = Number(readFileSync(join(marks, 'writer.pid'), 'utf8'));
    expect(running(transpiler) && running(writer)).toBe(true);
    batuta.kill('SIGKILL');
    await ended;
    await until(() => !running(transpiler) && !running(writer));
    const staging = () => readdirSync(join(project, '.batuta')).filter((name) => name.startsWith('staging-'));
    expect(staging()).toHaveLength(1);

    const again = runBatuta(['transpile', project], home.path, { FAST: '1' });
    expect(again.code).toBe(0);
    expect(staging()).toEqual([]);
    expect(existsSync(join(project, '.batuta', 'workspace', 'hello', 'src', 'main.rs'))).toBe(true);
  });
});
