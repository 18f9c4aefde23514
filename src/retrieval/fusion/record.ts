/**
 * A collection's fusion choice as stored in its metadata: the first stage and reranker share chosen from
 * its pseudo-questions, what they were chosen with, and the scores behind the choice. Read back through
 * a check (src/shapes.ts): a record that does not parse is ignored (the collection gets plain RRF) and redone by the next index.
 */
import {
  array,
  boolean,
  checkShape,
  nullable,
  number,
  object,
  oneOf,
  optional,
  string,
} from '../../shapes.js';

/**
 * Bumped when the calibration changes what it would choose, so the next `batuta index` redoes older records;
 * until then an older record is still used as it stands (version 1: the best first stage, no evidence test;
 * version 2: the dense leg asked without the search's feedback; version 3: the reranker share chosen with the
 * reranker reading the question's masked chunks with their heading, i.e. the question).
 */
export const FUSION_RECORD_VERSION = 4;

/** Versions a stored record may have and still be searched with. */
const READABLE_VERSIONS = [1, 2, 3, FUSION_RECORD_VERSION] as const;

/** How the legs are fused. */
export interface StoredFirstStage {
  /** rrf: reciprocal rank fusion; convex: normalised scores. */
  readonly method: 'rrf' | 'convex';
  /** RRF's k. */
  readonly rrfK: number;
  /** Weight of the BM25 leg (0 leaves it out). */
  readonly bm25Weight: number;
  /** Weight of the dense leg (0 leaves it out). */
  readonly denseWeight: number;
}

/** What the choice was made from. */
export interface FusionExplain {
  /** Pseudo-questions asked; of them, section headings and question-shaped sentences. */
  readonly questions: number;
  readonly headings: number;
  readonly sentences: number;
  /** Seed of the sample. */
  readonly seed: number;
  /** True when the embedder never saw the questions' texts (withheld from its adaptation). */
  readonly heldOut: boolean;
  /** nDCG@10 of each leg alone (from version 3 the dense leg as hybrid searches fuse it: with feedback). */
  readonly legs: { readonly bm25: number; readonly dense: number };
  /** Which leg counts as the stronger one: the one the safe choice stays nearest to, and the one-sided
   *  paired p of dense over BM25 (dense is stronger below 0.05). */
  readonly strongerLeg?: { readonly leg: 'bm25' | 'dense'; readonly p: number };
  /** Every first stage tried (e.g. "rrf k60 bm25 1 dense 1") with its mean nDCG@10 on the pseudo-questions. */
  readonly firstStages: ReadonlyArray<{ readonly stage: string; readonly ndcg: number }>;
  /** The safe first stage: the fusion nearest the stronger leg. */
  readonly anchor?: string;
  /** One-sided paired p of the best first stage over the safe one (chosen below 0.05). */
  readonly p?: number;
  /**
   * Every reranker share tried on top of the chosen first stage (from version 4 the reranker reads the
   * question's masked chunks without their heading path, as the legs do).
   */
  readonly rerankShares: ReadonlyArray<{ readonly share: number; readonly ndcg: number }>;
  /** The reranker's own share, the safe one. */
  readonly shareAnchor?: number;
  /** One-sided paired p of the best share over the safe one (chosen below 0.05). */
  readonly shareP?: number;
  /** The choice in words. */
  readonly chosen: string;
  /** Time the calibration took. */
  readonly seconds: number;
}

/** A collection's stored fusion choice. */
export interface FusionRecord {
  /** Calibration version. */
  readonly version: (typeof READABLE_VERSIONS)[number];
  readonly firstStage: StoredFirstStage;
  /** Share of the reranker's order in the head: 0 no reranking, 1 its order alone; null: its default. */
  readonly rerankShare: number | null;
  /** Id of the reranker the share was chosen with (null: none). */
  readonly reranker: string | null;
  /** Id of the embedder the dense leg ran with. */
  readonly embedder: string;
  readonly explain: FusionExplain;
}

const weight = number({ min: 0 });
const int = number({ int: true });

const checkRecord = object<FusionRecord>({
  version: oneOf(READABLE_VERSIONS),
  firstStage: object<StoredFirstStage>({
    method: oneOf(['rrf', 'convex'] as const),
    rrfK: weight,
    bm25Weight: weight,
    denseWeight: weight,
  }),
  rerankShare: nullable(number({ min: 0, max: 1 })),
  reranker: nullable(string),
  embedder: string,
  explain: object<FusionExplain>({
    questions: int,
    headings: int,
    sentences: int,
    seed: int,
    heldOut: boolean,
    legs: object({ bm25: number(), dense: number() }),
    strongerLeg: optional(object({ leg: oneOf(['bm25', 'dense'] as const), p: number() })),
    firstStages: array(object({ stage: string, ndcg: number() })),
    anchor: optional(string),
    p: optional(number()),
    rerankShares: array(object({ share: number(), ndcg: number() })),
    shareAnchor: optional(number()),
    shareP: optional(number()),
    chosen: string,
    seconds: number(),
  }),
});

/** Parses a stored record; null when absent, unreadable or of an unknown version. */
export function parseFusionRecord(text: string | null): FusionRecord | null {
  if (text === null) return null;
  try {
    const checked = checkShape(checkRecord, JSON.parse(text));
    return 'value' in checked ? checked.value : null;
  } catch {
    return null;
  }
}
