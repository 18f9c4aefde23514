/**
 * Builds ServerDeps from the real domain (the layer entries, src/LAYER/index.ts). Each layer is loaded once and shared by every
 * session of the server; heavy parts (the search models) load on first use. A knowledge base that fails
 * validation, or an oracle whose learned model is damaged, is reported in the log and turns off only the
 * tools that need it.
 */
import { describeError } from '../src/errors.js';
import { type Knowledge, loadKnowledge } from '../src/knowledge/index.js';
import type { IndexLocation } from '../src/retrieval/index.js';
import type { ServerDeps } from './deps.js';
import { createDocsDeps, type ModelLoader } from './docs-deps.js';
import { createGraphDeps } from './graph-deps.js';
import { createMigrationDeps } from './migration-deps.js';
import { createOracleDeps } from './oracle-deps.js';
import { createPictureDeps } from './picture-deps.js';
import { type Readiness, type ReadinessPart, summarizeReadiness } from './readiness.js';
import type { AllowedRoots } from './roots.js';
import type { Logger } from './tool-result.js';

export interface DomainOptions {
  readonly roots: AllowedRoots;
  /** Absolute path of the index database, or a PostgreSQL index. */
  readonly db: IndexLocation;
  readonly loadModels: ModelLoader;
  readonly log: Logger;
  /** Where migration phases look up programs named without a path (the entry's PATH). */
  readonly searchPath?: string;
  /** The knowledge folder the entry names ($BATUTA_KNOWLEDGE_DIR), else the shipped one. */
  readonly knowledgeDir?: string;
}

/** The server's dependencies and the readiness report of what loaded. */
export interface DomainDeps {
  readonly deps: ServerDeps;
  readiness(): Promise<Readiness>;
}

/** Loads the layers the tools need. */
export async function createDomainDeps(options: DomainOptions): Promise<DomainDeps> {
  const docs = createDocsDeps({ db: options.db, loadModels: options.loadModels, log: options.log });
  const loaded = tryLoadKnowledge(options.log, options.knowledgeDir);
  const knowledge = loaded.knowledge;
  const built = knowledge === null ? null : createOracleDeps(knowledge, options.log);
  const migration = createMigrationDeps({
    ...(options.searchPath === undefined ? {} : { searchPath: options.searchPath }),
    ...(knowledge === null
      ? {}
      : { recipes: (component) => knowledge.recipes.filter((r) => r.components.includes(component)) }),
    oracle:
      built?.oracle ??
      (() => {
        throw loaded.error;
      }),
  });
  const base = { log: options.log, roots: options.roots, docs, migration };
  const oracle: ReadinessPart = built?.part ?? { state: 'failed', detail: 'needs the knowledge base' };
  const readiness = async () =>
    summarizeReadiness({ knowledge: loaded.part, oracle, ...(await docs.readiness()) });
  if (knowledge === null || built === null) return { deps: base, readiness };
  const picture = createPictureDeps(knowledge, built.deps);
  const deps = { ...base, graph: createGraphDeps(knowledge), oracle: built.deps, picture };
  return { deps, readiness };
}

/** The knowledge base, or the error that stopped it loading (also what the plan's notes quote). */
function tryLoadKnowledge(
  log: Logger,
  dir: string | undefined,
): { knowledge: Knowledge | null; part: ReadinessPart; error?: unknown } {
  try {
    const knowledge = loadKnowledge(dir);
    const detail = `${knowledge.components.length} components`;
    return { knowledge, part: { state: 'loaded', detail } };
  } catch (error) {
    const detail = describeError(error);
    log(`${detail}; oracle_query and the graph tools are off until it loads`);
    return { knowledge: null, part: { state: 'failed', detail }, error };
  }
}
