/**
 * OracleDeps over the oracle layer: the knowledge base is compiled into a recommender once per server
 * (its learned model read into memory once), and answers cite the shipped specs through the retrieval
 * layer's citer (built lazily on first use).
 */
import type { Knowledge } from '../src/knowledge/index.js';
import { createStackOracle } from '../src/oracle/index.js';
import { createSpecCiter } from '../src/retrieval/index.js';
import type { OracleDeps } from './deps.js';

/** Builds OracleDeps over an already loaded knowledge base. */
export function createOracleDeps(knowledge: Knowledge): OracleDeps {
  const oracle = createStackOracle(knowledge, { serving: true });
  const cite = createSpecCiter();
  return {
    recommend: (question) => oracle.recommend(question, { cite }),
  };
}
