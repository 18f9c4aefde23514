/**
 * The retrieval layer's entry: what the CLI, the MCP server and the oracle use to search and index
 * collections. The native modules behind it (onnxruntime-node, hnswlib-node, better-sqlite3) load only
 * when a model, a vector file or the index database is first used.
 */
export type { FileStamps } from './dense/file-stamps.js';
export { collectionFiles } from './dense/vector-files.js';
export { type ChromeLeftOut, type ChromeLine, chromeLeftOut } from './documents/chrome-left-out.js';
export { CHUNKER_VERSION, chunkDocument } from './documents/chunker.js';
export type { DocumentText } from './documents/document-text.js';
export { checkFolder } from './documents/files.js';
export { createPageReads } from './documents/page-reads.js';
export {
  countByRule,
  type IncludedFile,
  type SelectionReuse,
  type SelectOptions,
  type SkippedFile,
  selectFiles,
} from './documents/selection.js';
export { fuseRrf, RRF_K } from './fusion/rrf.js';
export { type CheckedPart, type CollectionCheck, checkIndex, type IndexCheck } from './indexing/check.js';
export {
  type CollectionListing,
  collectionNameFor,
  defaultCollectionName,
  type HeldFolder,
  listCollections,
  listDatabaseCollections,
  removeCollection,
  renameCollection,
} from './indexing/collections.js';
export { type IndexFolderOptions, indexFolder } from './indexing/index-folder.js';
export {
  type IndexOptions,
  type IndexSummary,
  indexCollection,
} from './indexing/indexer.js';
export { storedJudgement } from './indexing/pages-record.js';
export type { IndexProgress } from './indexing/progress.js';
export { createModelProvider, type ModelProviderOptions, shippedModelDir } from './models/provider.js';
export { listPgCollections, removePgCollection, renamePgCollection } from './postgres/pg-collections.js';
export {
  indexPgCollection,
  indexPgFolder,
  openPgIndexer,
  type PgIndexOptions,
} from './postgres/pg-indexer.js';
export type { IndexLocation, PgLocation } from './postgres/pg-source.js';
export {
  COLLECTION_NAME,
  isSearchMode,
  isValidK,
  SEARCH_LIMITS,
  SEARCH_MODES,
  type SearchMode,
} from './request.js';
export { SearchFields } from './request-fields.js';
export { createSpecCiter, type SpecCitation, type SpecCiter } from './search/citations.js';
export {
  FUSION_DEFAULTS,
  type FusionInUse,
  type FusionSettings,
  type HeadingFrom,
  type ResultCopy,
  type SearchExplain,
  type SearchOutcome,
  type SearchRequest,
  type SearchResult,
} from './search/hybrid.js';
export { SPECS_COLLECTION } from './search/memory-collection.js';
export { createSearcher, type Searcher, type SearcherOptions } from './search/searcher.js';
export type { CollectionInfo } from './search/source.js';
export type { Chunk, Embedder, ModelProvider, Reranker, ScoredChunk, SparseIndex } from './types.js';
