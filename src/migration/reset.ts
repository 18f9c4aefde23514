/**
 * `batuta reset PATH` and the MCP tool migration_reset: start a project's migration over by removing what
 * batuta wrote under `PATH/.batuta/` (state database, phase outputs, workspace, logs). Only entries batuta
 * writes are removed: a file someone else put in that folder stays, and is reported, so a reset asked for
 * by an agent can never delete anything but batuta's own files.
 */
import { lstatSync, readdirSync, rmdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BatutaError, InvalidInputError } from '../errors.js';
import { MigrationState } from '../store/migration-state.js';
import { resolveProject } from './analyze.js';

/** The project's own folder for state, artifacts, the workspace and logs. */
export const STATE_DIR = '.batuta';

/** The entries of `.batuta/` that batuta writes (migration-state.ts, workflow.ts and the phases). */
const OWN_ENTRIES = new Set([
  'state.db',
  'state.db-wal',
  'state.db-shm',
  'state.db-journal',
  'analysis.json',
  'plan.json',
  'workspace',
  'logs',
  'replaced',
  'original',
  'runs',
]);

/** Left-overs of a phase cut short: a transpiler's staging folder, a half-written JSON file. */
const OWN_LEFTOVERS = /^(staging-.+|(analysis|plan)\.json\.tmp-\d+)$/;

/** What a reset did: whether `.batuta/` was there, the entries removed and those kept as not batuta's. */
export interface ResetOutcome {
  readonly root: string;
  readonly removed: boolean;
  readonly deleted: string[];
  readonly kept: string[];
}

/**
 * Removes batuta's entries of the project's `.batuta/` folder, and the folder when nothing else is in it;
 * refuses while a phase is running, and refuses a `.batuta` that is not a folder (a link or a file is not
 * ours to follow or delete).
 */
export function resetProject(path: string): ResetOutcome {
  const root = resolveProject(path, 'reset');
  const dir = join(root, STATE_DIR);
  const kind = lstatSync(dir, { throwIfNoEntry: false });
  if (kind === undefined) return { root, removed: false, deleted: [], kept: [] };
  if (!kind.isDirectory()) {
    throw new InvalidInputError(
      `reset: "${dir}" is not a folder batuta made (remove or rename it yourself if it is not needed)`,
      { path: dir },
    );
  }
  refuseWhileRunning(root);
  const entries = readdirSync(dir).sort();
  const deleted = entries.filter((entry) => OWN_ENTRIES.has(entry) || OWN_LEFTOVERS.test(entry));
  // A link among them is removed as a link: rmSync never follows one.
  for (const entry of deleted) rmSync(join(dir, entry), { recursive: true, force: true });
  const kept = entries.filter((entry) => !deleted.includes(entry));
  if (kept.length === 0) rmdirSync(dir);
  return { root, removed: kept.length === 0, deleted, kept };
}

/** A phase holding the project's lock (another live process) would find its state gone mid-run. */
function refuseWhileRunning(root: string): void {
  let holder: { pid: number; phase: string } | undefined;
  try {
    const state = MigrationState.open(root, false);
    holder = state?.holder();
    state?.close();
  } catch (error) {
    if (!(error instanceof BatutaError && error.code === 'CORRUPT_STORE')) throw error;
  }
  if (holder !== undefined && holder.pid !== process.pid) {
    throw new BatutaError(
      'IO',
      `reset: batuta ${holder.phase} (pid ${holder.pid}) is running on this project (wait for it to finish)`,
    );
  }
}

/** One line for people: what went, and what stayed because batuta did not write it. */
export function describeReset(done: ResetOutcome): string {
  const folder = `${done.root}/${STATE_DIR}`;
  if (done.removed) return `reset: removed ${folder}`;
  if (done.kept.length === 0) return 'reset: nothing to remove';
  const what =
    done.deleted.length === 0 ? "nothing of batuta's to remove" : `removed ${done.deleted.join(', ')}`;
  return `reset: ${what} in ${folder}; kept ${done.kept.join(', ')} (not written by batuta)`;
}
