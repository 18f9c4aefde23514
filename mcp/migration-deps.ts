/**
 * MigrationDeps over the migration layer: the request's signal and progress go straight to the phase,
 * whose counted progress (done of total) becomes the 0-1 fraction the MCP reporter expects.
 */
import { getStatus, runPhase } from '../src/index.js';
import type { MigrationDeps } from './deps.js';

/**
 * Builds MigrationDeps; state lives under each project's .batuta/ folder, so nothing is held here.
 * `searchPath` (the entry's PATH) is where transpilers, cargo, strace and interpreters named without a
 * path are looked up.
 */
export function createMigrationDeps(searchPath?: string): MigrationDeps {
  return {
    runPhase: (phase, root, control, options) =>
      runPhase(root, phase, {
        signal: control.signal,
        ...(searchPath === undefined ? {} : { searchPath }),
        onProgress: (p) => control.onProgress(p.total === 0 ? 0 : p.done / p.total, p.message),
        ...(options.profile === undefined ? {} : { profile: options.profile }),
      }),
    status: async (root) => getStatus(root),
  };
}
