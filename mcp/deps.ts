/**
 * What the MCP server needs from the domain, grouped by layer. The entry code (domain-deps.ts) builds
 * these from the layer entries (src/LAYER/index.ts); tests pass fakes. A group that is absent (its layer failed to load, or is not
 * built) leaves its tools unregistered instead of exposing tools that cannot work.
 */

import type { Said, Text } from '../src/fixes.js';
import type { CollectionListing, DocumentText } from '../src/retrieval/index.js';
import type { SearchMode } from '../src/retrieval/request.js';
import type { ProgressReporter } from './progress.js';
import type { AllowedRoots } from './roots.js';
import type {
  ComponentDetail,
  ComponentSummary,
  DeclaredDependency,
  IntegrationRoute,
  MigrationPhase,
  MigrationReset,
  MigrationStatus,
  PhaseResult,
  RecipeOut,
  Recommendation,
  SearchHit,
  Submission,
} from './schemas.js';
import type { TaskStore } from './tasks/store.js';
import type { Logger } from './tool-result.js';

/** Graph facts from the knowledge base. Lookups of unknown names throw NotFoundError. */
export interface GraphDeps {
  listComponents(): readonly ComponentSummary[];
  getComponent(name: string): ComponentDetail;
  /** Components with a capability, matched by id, name or synonym (e.g. "wasm", "vector search"). */
  findComponents(capability: string): {
    capability: { id: string; name: string; description: string };
    components: readonly ComponentSummary[];
  };
  /** Direct patterns between two components, else the shortest chain of integrations. */
  findIntegrations(from: string, to: string): IntegrationRoute;
  /**
   * Recipes that use `component` and/or carry `tag` (when given), ranked by how many words of `query`
   * they share (when given), best first.
   */
  searchRecipes(
    filter: { query?: string; component?: string; tag?: string },
    limit: number,
  ): readonly RecipeOut[];
}

/** The recommender behind oracle_query. */
export interface OracleDeps {
  recommend(question: string): Promise<Recommendation>;
}

/** The picture formats served as resources: SVG and Mermaid (DOT stays a CLI format). */
export type ResourcePictureFormat = 'svg' | 'mermaid';

/** Pictures of the stack and of answers, as SVG or Mermaid source. */
export interface PictureDeps {
  /** Every component in its layer and every integration. */
  stack(format: ResourcePictureFormat): Promise<string>;
  /** The primary and supporting components the oracle picks for `question`; NOT_FOUND when none fits. */
  answer(question: string, format: ResourcePictureFormat): Promise<string>;
}

/** A document collection that can be searched and read. */
export interface CollectionInfo {
  readonly name: string;
  readonly documents: number;
  readonly chunks: number;
}

/** What an indexing run changed. */
export interface IndexSummary {
  readonly collection: string;
  readonly added: number;
  readonly updated: number;
  readonly removed: number;
  readonly unchanged: number;
  readonly chunks: number;
  /** Files and folders left out by rule (generated pages, ignore files, globs, copies), counted per rule. */
  readonly leftOut?: Readonly<Record<string, number>>;
  /** Files indexed because an include glob chose them over a rule, counted per rule overridden. */
  readonly includedOver?: Readonly<Record<string, number>>;
  /** Include globs that matched no file. */
  readonly unmatchedInclude?: readonly string[];
  /** What the run noticed besides its counts: a damaged file repaired, a search leg or calibration left out. */
  readonly notes?: readonly Text[];
}

/** Globs that narrow what index_collection indexes, relative to the folder. */
export interface IndexSelect {
  readonly include?: readonly string[];
  readonly exclude?: readonly string[];
}

/** An indexed collection as list_collections shows it. */
export type { CollectionListing } from '../src/retrieval/index.js';

/** Long work takes the request's signal and reports progress; both come from the tool call. */
export interface RunControl {
  readonly signal: AbortSignal;
  readonly onProgress: ProgressReporter;
}

/** What one document search found, and how. */
export interface DocsSearchOutcome {
  readonly results: readonly SearchHit[];
  /** Why a leg or the reranker was not used (e.g. a collection indexed without vectors). */
  readonly notes: readonly Text[];
  /** Whether the reranker ordered the first results. */
  readonly reranked: boolean;
}

/** Document search over the collections, and their documents. */
export interface DocsDeps {
  search(
    question: string,
    options: { k: number; collection: string; mode: SearchMode; rerank: boolean },
  ): Promise<DocsSearchOutcome>;
  collections(): Promise<readonly CollectionInfo[]>;
  /**
   * One document, HTML read as its extracted text; NotFoundError when the collection or the path does not exist, OUTSIDE_ROOTS
   * when its file now leads outside `within` (the allowed roots, checked on every read).
   */
  readDocument(collection: string, source: string, within: readonly string[]): Promise<DocumentText>;
  /**
   * Adds or refreshes a collection from a folder (already checked against the roots), with optional
   * include/exclude globs; absent when unsupported.
   */
  indexFolder?(
    folder: string,
    name: string,
    control: RunControl,
    select?: IndexSelect,
  ): Promise<IndexSummary>;
  /** The collections indexed in the database (not `specs`); absent when unsupported. */
  listCollections?(): Promise<readonly CollectionListing[]>;
}

/** Options a phase run takes besides the control: the Cargo release profile for optimize. */
export interface PhaseRunOptions {
  readonly profile?: 'fast' | 'balanced' | 'aggressive';
  /** Optimize only: elements of data to plan for. */
  readonly dataElements?: number;
  /** Transpile only: "agent" hands every file to the agent, "transpiler" runs the transpilers. */
  readonly by?: 'agent' | 'transpiler';
}

/** The brief of one file waiting for an agent's translation. */
export interface TranslationBrief {
  readonly source: string;
  readonly crate: string;
  readonly file: string;
  readonly brief: string;
}

/** The migration line. `root` is a project folder already checked against the allowed roots. */
export interface MigrationDeps {
  /** Runs one phase; a failed gate is a result, a phase whose predecessor has not passed throws PHASE_GATE. */
  runPhase(
    phase: MigrationPhase,
    root: string,
    control: RunControl,
    options: PhaseRunOptions,
  ): Promise<PhaseResult & { readonly said?: Said }>;
  /**
   * Where each phase stands; `files`, when given, are lines saying where each planned file stands and the
   * call that moves it on (text only: the structured status declares no such field).
   */
  status(root: string): Promise<MigrationStatus & { readonly files?: readonly string[] }>;
  /**
   * Writes an agent's Rust for `source` (a planned file) into its crate, with the dependencies it declares
   * (replacing those declared before; undefined keeps them), and builds it (cargo build, which links).
   */
  submitTranslation(
    root: string,
    source: string,
    code: string,
    control: RunControl,
    dependencies?: readonly DeclaredDependency[],
  ): Promise<Submission>;
  /** The TRANSLATE.md brief of `source`; PHASE_GATE when the file is not waiting for an agent. */
  brief(root: string, source: string): Promise<TranslationBrief>;
  /** Removes batuta's own files under `root/.batuta/` (the migration starts over); others are kept. */
  reset(root: string): Promise<MigrationReset>;
}

/** Everything the server needs; the domain groups are optional (see above). */
export interface ServerDeps {
  readonly log: Logger;
  readonly roots: AllowedRoots;
  readonly graph?: GraphDeps;
  readonly oracle?: OracleDeps;
  readonly picture?: PictureDeps;
  readonly docs?: DocsDeps;
  readonly migration?: MigrationDeps;
  /** Where long tools run when a client asks for a task; absent, tasks are not offered. */
  readonly tasks?: TaskStore;
}
