/**
 * The guard every external program runs under: `node tool-guard.js COMMAND ARGS...`, started by runTool
 * with an IPC channel. It starts COMMAND in a process group of its own, passes on the signals batuta
 * sends (cancellation), and kills the whole group when batuta goes away without a word (kill -9, a crash):
 * the kernel closes the IPC channel then, so a transpiler and whatever it started never outlive the run.
 * It exits the way COMMAND did (same code, or the same signal).
 */
import { spawn } from 'node:child_process';

/** How long a program may take to stop after a forwarded signal before the group is killed outright. */
const GRACE_MS = 2000;

const [command, ...args] = process.argv.slice(2);
if (command === undefined) process.exit(2);

const child = spawn(command, args, { stdio: 'inherit', detached: true });

function killGroup(signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // the group has already gone
  }
}

for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
  process.on(signal, () => {
    killGroup(signal);
    setTimeout(() => killGroup('SIGKILL'), GRACE_MS).unref();
  });
}
process.on('disconnect', () => killGroup('SIGKILL'));

child.on('error', (error: NodeJS.ErrnoException) => {
  process.send?.({ spawnError: error.code ?? error.message }, () => process.exit(127));
});

child.on('exit', (code, signal) => {
  killGroup('SIGKILL');
  if (signal === null) process.exit(code ?? 1);
  for (const name of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.removeAllListeners(name);
  process.kill(process.pid, signal);
});
