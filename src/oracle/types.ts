/**
 * The shapes the recommender produces. They follow the JSON contract of DESIGN.md §3, which scripts
 * and the MCP `oracle_query` tool rely on; add fields, never rename them.
 */

/** A spec passage an answer rests on; supplied by the retrieval layer through a CiteFn. */
export interface Citation {
  readonly collection: string;
  /** File path relative to the collection root, e.g. "trueno-db.md". */
  readonly source: string;
  readonly heading: string;
  /** First and last line, 1-based, inclusive. */
  readonly lines: readonly [number, number];
}

/**
 * Finds citations for a question and the components chosen for it. Injected so the oracle layer does
 * not depend on retrieval; without one, `citations` is empty.
 */
export type CiteFn = (
  question: string,
  components: readonly string[],
) => Promise<readonly Citation[]> | readonly Citation[];

export type Backend = 'scalar' | 'simd' | 'gpu' | 'distributed';
export type Hardware = 'gpu' | 'simd' | 'cpu' | 'cluster';
export type Deployment = 'wasm' | 'browser' | 'edge' | 'serverless' | 'server';
/** Arithmetic intensity classes of the backend cost model (specs/backend-cost-model.md). */
export type ComplexityClass = 'low' | 'medium' | 'high';

/** How much data the question talks about. */
export interface DataSize {
  /** Elements (rows, vectors, values) when the question counts them. */
  readonly elements: number | null;
  /** Bytes, given or estimated from the count. */
  readonly bytes: number | null;
  /** The words it was read from, e.g. "two billion rows". */
  readonly text: string;
  /** Whether the question gave a byte size ("200 GB") or counted items ("500 million rows"). */
  readonly kind: 'bytes' | 'count';
}

/** What the oracle understood from a question. */
export interface Problem {
  readonly domains: readonly string[];
  /** Components named in the question, e.g. "trueno-db". */
  readonly components: readonly string[];
  readonly capabilities: readonly string[];
  /** Algorithms recognised, e.g. "random-forest", "lora". */
  readonly algorithms: readonly string[];
  readonly dataSize: DataSize | null;
  readonly hardware: readonly Hardware[];
  readonly deployment: readonly Deployment[];
  /** Source languages of a migration ("convert my Python"). */
  readonly languages: readonly string[];
  /** Tools the user wants to replace or named ("pandas", "Pinecone"). */
  readonly tools: readonly string[];
  readonly migration: boolean;
  /** Words the question rules out ("without GPU", "not Python"). */
  readonly negated: readonly string[];
}

/** One reason a component scored, for the explain trace. */
export interface ScoreReason {
  readonly signal: string;
  readonly matched: string;
  readonly points: number;
}

/** A component's total score with the reasons that add up to it. */
export interface ComponentScore {
  readonly component: string;
  readonly score: number;
  readonly reasons: readonly ScoreReason[];
}

/** Where a component is published now (its crate may carry another name than the component here). */
export interface PublishedAs {
  readonly crate: string;
  readonly repository: string;
  readonly since?: string;
}

export interface PrimaryPick {
  readonly component: string;
  readonly confidence: number;
  readonly rationale: string;
  readonly capabilities: readonly string[];
  readonly published?: PublishedAs;
}

export interface SupportingPick {
  readonly component: string;
  readonly confidence: number;
  readonly rationale: string;
  /** Pattern of the integration that links it to the primary or another chosen component. */
  readonly via: string;
  readonly published?: PublishedAs;
}

export interface ComputeAdvice {
  readonly backend: Backend;
  readonly rationale: string;
}

export interface IntegrationStep {
  readonly from: string;
  readonly to: string;
  readonly pattern: string;
  readonly description: string;
}

export interface Example {
  readonly recipe: string;
  readonly problem: string;
  readonly code: string;
}

/** The answer to one question (DESIGN.md §3). `primary` is null when nothing in the stack fits. */
export interface Recommendation {
  readonly query: string;
  readonly problem: Problem;
  readonly primary: PrimaryPick | null;
  readonly supporting: readonly SupportingPick[];
  readonly compute: ComputeAdvice | null;
  readonly integrations: readonly IntegrationStep[];
  readonly citations: readonly Citation[];
  readonly example: Example | null;
  readonly related: readonly string[];
  /** Scores of every component that scored, best first; present when asked for. */
  readonly explain?: readonly ComponentScore[];
}
