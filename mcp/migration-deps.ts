/**
 * MigrationDeps over the migration layer: the request's signal and progress go straight to the phase,
 * whose counted progress (done of total) becomes the 0-1 fraction the MCP reporter expects.
 */
import {
  fileLines,
  getStatus,
  type PhaseOptions,
  readBrief,
  resetProject,
  runPhase,
  submitTranslation,
} from '../src/migration/index.js';
import type { MigrationDeps } from './deps.js';
import { toolWords } from './fixes.js';

/** Where the phases look things up; each is absent when the entry has none. */
export interface MigrationSources {
  /** The entry's PATH: where transpilers, cargo, strace and interpreters named without a path are found. */
  readonly searchPath?: string;
  /** Recipes of the knowledge base, quoted in the agent's briefs. */
  readonly recipes?: PhaseOptions['recipes'];
  /** The server's oracle, for the plan's recommendations (throws when it could not be built). */
  readonly oracle?: PhaseOptions['oracle'];
}

/**
 * Builds MigrationDeps; state lives under each project's .batuta/ folder, so nothing is held here. The
 * phases get what `batuta PHASE` gives them (src/cli/migration-command.ts): the same PATH, recipes and
 * oracle, so a project is planned and translated the same way from the CLI and over MCP.
 */
export function createMigrationDeps(sources: MigrationSources = {}): MigrationDeps {
  const { searchPath, recipes, oracle } = sources;
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
        ...(oracle === undefined ? {} : { oracle }),
      }),
    // Stored reasons name their fixes as tool calls here, as command lines in `batuta status`.
    status: async (root) => {
      const status = getStatus(root, toolWords);
      return { ...status, files: fileLines(status, toolWords) };
    },
    submitTranslation: (root, source, code, control, dependencies) =>
      submitTranslation(root, source, code, { signal: control.signal, ...where }, dependencies),
    brief: async (root, source) => readBrief(root, source),
    reset: async (root) => resetProject(root),
  };
}
