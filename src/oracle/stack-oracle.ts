/**
 * The oracle as the product ships it: the knowledge base plus each component's spec prose and the table
 * of word meanings the build computed from the shipped word vectors. The CLI, the
 * MCP server and the migration plan all build it here, so they answer the way bench/oracle measures.
 */
import type { Knowledge } from '../knowledge/schema.js';
import { findSpecsDir } from '../retrieval/search/memory-collection.js';
import { loadComponentDocuments } from './documents.js';
import { readMeaningsSnapshot } from './meanings-snapshot.js';
import { createOracle, type Oracle } from './recommend.js';
import type { StemCache } from './stem-cache.js';

/** Creates the shipped oracle over `knowledge`, reading the specs of its components from `specs/`. */
export function createStackOracle(knowledge: Knowledge, stemCache?: StemCache): Oracle {
  const documents = loadComponentDocuments(
    findSpecsDir(),
    knowledge.components.map((c) => c.name),
  );
  return createOracle(knowledge, { documents, stemCache, soft: { meanings: readMeaningsSnapshot() } });
}
