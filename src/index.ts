/**
 * The public API of batuta-oracle. `mcp/` and `src/cli/` use only what is exported here.
 * Each layer keeps its exports in its own block.
 */

// errors
export {
  BatutaError,
  describeError,
  type ErrorCode,
  InvalidDataError,
  InvalidInputError,
  NotFoundError,
  PhaseGateError,
  ToolMissingError,
} from './errors.js';

// text

// knowledge
export type {
  Capability,
  Component,
  Domain,
  Integration,
  Knowledge,
  Language,
  Layer,
  Platform,
  Recipe,
} from './knowledge/schema.js';

// retrieval
export type {
  Chunk,
  Embedder,
  ModelProvider,
  Reranker,
  ScoredChunk,
  SparseIndex,
} from './retrieval/types.js';

// oracle

// migration
