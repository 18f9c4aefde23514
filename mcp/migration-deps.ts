/**
 * MigrationDeps over the migration layer: the request's signal and progress go straight to the phase,
 * whose counted progress (done of total) becomes the 0-1 fraction the MCP reporter expects.
 */
import {
  getStatus,
  type PhaseOptions,
  readBrief,
  runPhase,
  submitTranslation,
} from '../src/migration/index.js';
import type { MigrationDeps } from './deps.js';

/**
 * Builds MigrationDeps; state lives under each project's .batuta/ folder, so nothing is held here.
 * `searchPath` (the entry's PATH) is where transpilers, cargo, strace and interpreters named without a
 * path are looked up; `recipes` (from the knowledge base, when it loads) are quoted in the agent's briefs.
 */
export function createMigrationDeps(searchPath?: string, recipes?: PhaseOptions['recipes']): MigrationDeps {
  const where = searchPath === undefined ? {} : { searchPath };
  return {
    runPhase: (phase, root, control, options) =>
      runPhase(root, phase, {
        signal: control.signal,
        ...where,
        onProgress: (p) => control.onProgress(p.total === 0 ? 0 : p.done / p.total, p.message),
        ...(options.profile === undefined ? {} : { profile: options.profile }),
        ...(options.dataElements === undefined ? {} : { dataElements: options.dataElements }),
        ...(options.by === undefined ? {} : { by: options.by }),
        ...(recipes === undefined ? {} : { recipes }),
      }),
    status: async (root) => getStatus(root),
    submitTranslation: (root, source, code, control) =>
      submitTranslation(root, source, code, { signal: control.signal, ...where }),
    brief: async (root, source) => readBrief(root, source),
  };
}
