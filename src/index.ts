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
// knowledge
export {
  createKnowledgeGraph,
  type EdgeAttributes,
  type KnowledgeGraph,
  type NodeAttributes,
} from './knowledge/graph.js';
export { defaultKnowledgeDir, loadKnowledge } from './knowledge/load.js';
export { describePublished, fixHint, normalizeName, publishedNames, suggest } from './knowledge/names.js';
export { findIntegrationRoute, type Hop, type IntegrationRoute } from './knowledge/path.js';
export {
  type ComponentDetail,
  capabilitiesOf,
  findComponentsWithCapability,
  findRecipes,
  findReplacements,
  getComponentDetail,
  type LayerListing,
  listComponentsByLayer,
  resolveCapability,
  resolveComponent,
} from './knowledge/queries.js';
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
// migration
export { analyzeProject } from './migration/analyze.js';
export type { Diagnostic } from './migration/cargo-check.js';
export { ConfigSchema, loadConfig, type MigrationConfig } from './migration/config.js';
export { type BackendChoice, COST_DEFAULTS, chooseBackend, type Intensity } from './migration/cost-model.js';
export { countOf, describePhase } from './migration/describe.js';
export { API_MAPPINGS, type ApiMapping, findMapping } from './migration/ml-mappings.js';
export { planMigration } from './migration/plan.js';
export { renderHtml, renderMarkdown } from './migration/report.js';
export {
  readBrief,
  type Submission,
  SubmissionSchema,
  submitTranslation,
} from './migration/submit.js';
export { compareEffects, type Effects, reduceTrace } from './migration/trace.js';
export {
  type Analysis,
  AnalysisSchema,
  type PendingFile,
  PendingFileSchema,
  PHASES,
  type Phase,
  type PhaseOptions,
  type PhaseResult,
  PhaseResultSchema,
  type Plan,
  PlanSchema,
  type Progress,
  type Status,
  StatusSchema,
} from './migration/types.js';
export { getStatus, parsePhase, resetProject, runPhase } from './migration/workflow.js';
// oracle
export { adviseCompute, MACHINE_MEMORY_BYTES, THRESHOLDS } from './oracle/compute.js';
export { loadComponentDocuments } from './oracle/documents.js';
export {
  createOracle,
  MIN_SCORE,
  type Oracle,
  type OracleOptions,
  type RecommendOptions,
} from './oracle/recommend.js';
export { createStackOracle } from './oracle/stack-oracle.js';
export type { StemCache } from './oracle/stem-cache.js';
export type {
  Backend,
  Citation,
  CiteFn,
  ComponentScore,
  ComputeAdvice,
  DataSize,
  Example,
  IntegrationStep,
  PrimaryPick,
  Problem,
  Recommendation,
  ScoreReason,
  SupportingPick,
} from './oracle/types.js';
// picture
export { drawScene, PICTURE_MIME_TYPES } from './picture/draw.js';
export {
  type AnswerParts,
  type ComponentRole,
  PICTURE_FORMATS,
  type PictureFormat,
  recommendationScene,
  routeScene,
  type Scene,
  stackScene,
} from './picture/scene.js';
// retrieval
export { CHUNKER_VERSION, chunkDocument } from './retrieval/documents/chunker.js';
export { fuseRrf, RRF_K } from './retrieval/fusion/rrf.js';
export {
  COLLECTION_NAME,
  type IndexOptions,
  type IndexSummary,
  indexCollection,
} from './retrieval/indexing/indexer.js';
export type { IndexProgress } from './retrieval/indexing/progress.js';
export { createSpecCiter, type SpecCitation, type SpecCiter } from './retrieval/search/citations.js';
export {
  FUSION_DEFAULTS,
  type FusionSettings,
  type SearchExplain,
  type SearchOutcome,
  type SearchRequest,
  type SearchResult,
} from './retrieval/search/hybrid.js';
export { SPECS_COLLECTION } from './retrieval/search/memory-collection.js';
export {
  type CollectionInfo,
  collectionFiles,
  createSearcher,
  type Searcher,
  type SearcherOptions,
} from './retrieval/search/searcher.js';
export type {
  Chunk,
  Embedder,
  ModelProvider,
  Reranker,
  ScoredChunk,
  SparseIndex,
} from './retrieval/types.js';
export { IndexStore } from './store/index-store.js';
// text
export { compilePhrases, matchPhrases, type PhraseMatch, type PhraseTable } from './text/phrases.js';
export { parseQuantities, type Quantity } from './text/quantity.js';
export { stem } from './text/stem.js';
export { isStopWord } from './text/stop-words.js';
export { contentStems, type Token, tokenize } from './text/tokenize.js';
