/**
 * The CLI's last step waits for the process's other threads to sleep (src/cli/settle-threads.ts), so no
 * optimising compilation is left running when Node drains its tasks at exit. A worker thread that spins
 * stands in for such a compilation: the wait must outlast the spin.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { otherThreadStates, settleThreads } from '../../src/cli/settle-threads.js';

/** Spins a fixed amount of work, marks it done, then sleeps until woken. */
const SPINNER = `
const { workerData } = require('node:worker_threads');
const flags = new Int32Array(workerData);
Atomics.store(flags, 1, 1);
Atomics.notify(flags, 1);
let sum = 0;
for (let i = 0; i < 50_000_000; i += 1) sum = (sum + i) | 0;
Atomics.store(flags, 0, sum === 0.5 ? 2 : 1);
Atomics.wait(flags, 2, 0);
`;

describe('settleThreads', () => {
  it('reads one state letter for each other thread of the process', () => {
    const states = otherThreadStates();
    expect(states).not.toBeNull();
    expect(states!.length).toBeGreaterThan(0);
    for (const state of states!) expect(state).toMatch(/^[A-Za-z]$/);
  });

  it('returns only once a busy thread has gone to sleep', async () => {
    const flags = new Int32Array(new SharedArrayBuffer(12));
    const worker = new Worker(SPINNER, { eval: true, workerData: flags.buffer });
    try {
      while (Atomics.load(flags, 1) === 0) await sleep(1);
      const looks = await settleThreads(Number.MAX_SAFE_INTEGER);
      expect(Atomics.load(flags, 0)).toBe(1);
      expect(looks).toBeGreaterThan(2);
    } finally {
      Atomics.store(flags, 2, 1);
      Atomics.notify(flags, 2);
      await worker.terminate();
    }
  });
});
