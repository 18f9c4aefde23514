/**
 * OracleDeps over the oracle layer: the knowledge base is compiled into a recommender once per server
 * (its learned model read into memory once), and answers cite the shipped specs through the retrieval
 * layer's citer (built lazily on first use). A recommender that cannot be built (a damaged model file)
 * is reported in the log and /ready, and every question gets its error instead of an answer, so the
 * tools that do not ask the oracle keep working (the migration plan then recommends from its mapping
 * table, as `batuta plan` does). Without the model file the oracle answers without its learned signal,
 * which the log and /ready say too.
 */
import { existsSync } from 'node:fs';
import { describeError } from '../src/errors.js';
import type { Knowledge } from '../src/knowledge/index.js';
import { createStackOracle, learnedModelPath, type Oracle } from '../src/oracle/index.js';
import { createSpecCiter } from '../src/retrieval/index.js';
import type { OracleDeps } from './deps.js';
import type { ReadinessPart } from './readiness.js';
import type { Logger } from './tool-result.js';

/** The oracle's dependencies and how far its recommender was built. */
export interface LoadedOracle {
  readonly deps: OracleDeps;
  readonly part: ReadinessPart;
  /**
   * The same recommender for the migration plan, so a plan over MCP recommends what `batuta plan` does;
   * it throws the error that stopped the recommender from being built.
   */
  readonly oracle: () => Oracle;
}

/** Builds OracleDeps over an already loaded knowledge base. */
export function createOracleDeps(knowledge: Knowledge, log: Logger): LoadedOracle {
  try {
    const oracle = createStackOracle(knowledge, { serving: true });
    const cite = createSpecCiter();
    const deps: OracleDeps = { recommend: (question) => oracle.recommend(question, { cite }) };
    const model = learnedModelPath();
    const held = () => oracle;
    if (existsSync(model))
      return { deps, part: { state: 'loaded', detail: 'learned model read' }, oracle: held };
    const detail = `the learned model ${model} is missing (run npm run build to build it)`;
    log(`${detail}; oracle_query answers without its learned signal until then`);
    return { deps, part: { state: 'absent', detail }, oracle: held };
  } catch (error) {
    const detail = describeError(error);
    log(
      `${detail}; oracle_query and the answer pictures are off (they answer with this error), and ` +
        'migration_plan recommends from its mapping table, until the server restarts with a good file',
    );
    return {
      deps: { recommend: () => Promise.reject(error) },
      part: { state: 'failed', detail },
      oracle: () => {
        throw error;
      },
    };
  }
}
