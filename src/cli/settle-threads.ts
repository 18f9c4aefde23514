/**
 * A way out of a Node 20 shutdown deadlock (nodejs/node#54918). When the event loop empties, the main
 * thread waits in NodePlatform::DrainTasks for every background task; a concurrent TurboFan job that
 * needs a garbage collection at that moment waits for the main thread to collect, and neither ever
 * wakes — the process hangs with its output already written. Measured here: 12 of 150 fresh `batuta
 * oracle --rag` processes on one small index never exited. Before letting the loop empty, the CLI stops
 * starting new optimisations and keeps the loop turning until every other thread of the process is
 * asleep on two looks in a row: a job that asked for a collection gets it meanwhile, because a turning
 * loop runs the collection V8 posts to it. Linux only (it reads /proc/self/task); elsewhere it returns
 * at once.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';

const TASKS = '/proc/self/task';

/** Milliseconds to wait while a thread is busy, and how many looks at most before exiting anyway. */
const BUSY_WAIT_MS = 1;
const MOST_LOOKS = 500;

/**
 * The state letter of each thread of this process but the main one (R running or runnable, S or D
 * asleep, …), or null where /proc is not there to read.
 */
export function otherThreadStates(): string[] | null {
  let ids: string[];
  try {
    ids = readdirSync(TASKS);
  } catch {
    return null;
  }
  const states: string[] = [];
  for (const id of ids) {
    if (id === String(process.pid)) continue;
    try {
      const stat = readFileSync(`${TASKS}/${id}/stat`, 'latin1');
      // The command name in parentheses may hold spaces; the state follows its closing parenthesis.
      states.push(stat.charAt(stat.lastIndexOf(')') + 2));
    } catch {
      // The thread ended between the listing and the read: nothing of it to wait for.
    }
  }
  return states;
}

const asleep = (states: readonly string[]): boolean => states.every((state) => state !== 'R');

/**
 * Turns the event loop until the process's other threads have been asleep on two consecutive looks
 * (or `mostLooks` looks have passed). Between two quiet looks the loop turns once (setImmediate), which
 * is enough to run a collection a sleeping job asked for; while a thread is busy, it waits a millisecond.
 * Returns how many looks it took, 0 where /proc cannot be read.
 */
export async function settleThreads(mostLooks = MOST_LOOKS): Promise<number> {
  let states = otherThreadStates();
  if (states === null) return 0;
  // No new optimising compilations from here on: the ones already running are all there is to wait for.
  setFlagsFromString('--no-turbofan');
  let quietLooks = 0;
  for (let look = 1; look <= mostLooks; look += 1) {
    quietLooks = asleep(states) ? quietLooks + 1 : 0;
    if (quietLooks === 2) return look;
    await (quietLooks === 1 ? new Promise<void>((turn) => setImmediate(turn)) : sleep(BUSY_WAIT_MS));
    states = otherThreadStates() ?? [];
  }
  return mostLooks;
}
