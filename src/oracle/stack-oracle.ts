/**
 * The oracle as the product ships it: the knowledge base plus each component's spec prose and the table
 * of word meanings the build computed from the shipped word vectors. The CLI, the
 * MCP server and the migration plan all build it here, so they answer the way bench/oracle measures.
 */
import type { Knowledge } from '../knowledge/schema.js';
import { findSpecsDir } from '../retrieval/search/memory-collection.js';
import { loadComponentDocuments } from './documents.js';
import { openLearnedModel } from './learned/model-file.js';
import { type LexiconInputs, readLexiconSnapshot } from './lexicon-snapshot.js';
import { readMeaningsSnapshot } from './meanings-snapshot.js';
import { createOracle, type Oracle, oracleOf } from './recommend.js';
import type { StemCache } from './stem-cache.js';
import { openWordSpace } from './word-space.js';

export interface StackOracleOptions {
  readonly stemCache?: StemCache;
  /**
   * A long-running process (the MCP server) that answers many questions: the learned model is read into
   * memory once instead of a few records per question.
   */
  readonly serving?: boolean;
}

/**
 * Creates the shipped oracle over `knowledge`, reading the specs of its components from `specs/`; the
 * installed CLI takes the lexicon the build compiled for the same code and inputs (lexicon-snapshot.ts).
 */
export function createStackOracle(knowledge: Knowledge, options: StackOracleOptions = {}): Oracle {
  const inputs = stackInputs(knowledge, options.serving === true);
  const built = readLexiconSnapshot(inputs);
  if (built !== null) return oracleOf(built);
  return createOracle(knowledge, {
    documents: inputs.documents,
    stemCache: options.stemCache,
    soft: inputs.soft,
  });
}

/**
 * What the shipped oracle compiles besides `knowledge`: its components' spec prose, the meanings table,
 * the word vectors file and the learned model (read whole when `serving`).
 */
export function stackInputs(knowledge: Knowledge, serving = false): LexiconInputs {
  const documents = loadComponentDocuments(
    findSpecsDir(),
    knowledge.components.map((c) => c.name),
  );
  const model = openLearnedModel(undefined, { inMemory: serving });
  const soft = { meanings: readMeaningsSnapshot(), words: openWordSpace(), model };
  return { knowledge, documents, soft };
}
