/**
 * The store-agnostic core of fusion calibration: a collection's pseudo-questions asked of its search legs
 * (the functions searches run), with the question's own text masked or hidden, then the first stage and the
 * reranker share chosen from the answers (fusion/calibrate.ts). Stored collections of either store
 * (calibrate-collection.ts, through a CalibrationTarget) and the built-in specs (specs-fusion.ts, at build
 * time) call it with their own legs.
 */
import {
  anchorStage,
  chooseConfidently,
  explainScores,
  FIRST_STAGE_GRID,
  LEGS_ALONE,
  RERANK_SHARES,
  type RerankCase,
  round4,
  scoreFirstStages,
  scoreRerankShares,
} from '../fusion/calibrate.js';
import { describeFirstStage } from '../fusion/first-stage.js';
import {
  type CalibrationChunk,
  PSEUDO_QUESTION_DEFAULTS,
  type PseudoQuestion,
} from '../fusion/pseudo-questions.js';
import { FUSION_RECORD_VERSION, type FusionRecord } from '../fusion/record.js';
import { bestPerFile, fuseLegs } from '../search/fused-pool.js';
import { FUSION_DEFAULTS, type FusionSettings, type SearchLegs, type SparseLeg } from '../search/hybrid.js';
import { RERANK_SHARE_DEFAULT, rerankHead } from '../search/rerank-head.js';
import type { Chunk, Reranker } from '../types.js';
import { type Asked, askAll, rerankerView } from './calibrate-ask.js';
import { type IndexProgress, throwIfCancelled } from './progress.js';

/** What calibration reads: the legs as searches run them, and what masking needs. */
export interface CalibrationInput {
  /** The questions to ask (already limited to those the embedder never saw, where that matters). */
  readonly questions: readonly PseudoQuestion[];
  /** The collection's legs; the dense leg must be present. */
  readonly legs: SearchLegs;
  /** BM25 over chunk bodies alone (headings weighted 0), on the same scale as `legs.sparse`. */
  readonly bodies: SparseLeg;
  /** The text of every chunk a question may mask. */
  readonly chunks: ReadonlyMap<string, CalibrationChunk>;
  readonly reranker: Reranker | null;
  /** Id of the embedder of the dense leg. */
  readonly embedder: string;
  /** Whether the embedder never saw the questions' texts. */
  readonly heldOut: boolean;
  /** performance.now() when the calibration started (for the record's seconds). */
  readonly started: number;
  /** Told of the questions asked as phase `calibrate` (a few seconds on a large collection). */
  readonly onProgress?: ((progress: IndexProgress) => void) | undefined;
  /** Stops the calibration with CANCELLED between two questions. */
  readonly signal?: AbortSignal | undefined;
}

/** Questions between two progress reports (a report per question would flood an MCP client). */
const REPORT_EVERY = 10;

/**
 * Counts the questions asked, `total` of them over both passes: reports every REPORT_EVERY and the last,
 * and throws CANCELLED when the run's signal fired.
 */
function questionSteps(input: Pick<CalibrationInput, 'onProgress' | 'signal'>, total: number): () => void {
  let done = 0;
  return () => {
    throwIfCancelled(input.signal);
    done += 1;
    if (done % REPORT_EVERY === 0 || done === total) input.onProgress?.({ phase: 'calibrate', done, total });
  };
}

/** Asks every question of the legs and returns the record of the choice made from the answers. */
export async function calibrateLegs(input: CalibrationInput): Promise<FusionRecord> {
  const { questions, legs, reranker } = input;
  const step = questionSteps(input, questions.length * (reranker === null ? 1 : 2));
  const { asked, cases, chunks } = await askAll(input, step);
  const stages = scoreFirstStages(cases, FIRST_STAGE_GRID);
  const [bm25, dense] = scoreFirstStages(cases, [LEGS_ALONE.bm25, LEGS_ALONE.dense]);
  const anchor = anchorStage({ bm25: bm25!, dense: dense! });
  const safe = describeFirstStage(anchor.stage);
  const first = chooseConfidently(stages, (stage) => describeFirstStage(stage) === safe);
  const settings: FusionSettings = { ...FUSION_DEFAULTS, ...first.chosen.value };
  const own = reranker === null ? null : ownShare(reranker);
  const shares =
    reranker === null || own === null
      ? []
      : await rerankShares(asked, { legs, reranker, settings, chunks, own, step });
  const second = shares.length === 0 ? null : chooseConfidently(shares, (share) => share === own);
  const share = second?.chosen.value ?? null;
  const words = `${describeFirstStage(first.chosen.value)} (${first.chosen === first.anchor ? `the safe choice, nearest ${anchor.leg}` : `beats ${safe}, p ${round4(first.p)}`}); ${shareWords(share, second?.chosen === second?.anchor)}`;
  return {
    version: FUSION_RECORD_VERSION,
    firstStage: { ...first.chosen.value },
    rerankShare: share,
    reranker: reranker?.id ?? null,
    embedder: input.embedder,
    explain: {
      questions: questions.length,
      headings: questions.filter((q) => q.kind === 'heading').length,
      sentences: questions.filter((q) => q.kind === 'sentence').length,
      seed: PSEUDO_QUESTION_DEFAULTS.seed,
      heldOut: input.heldOut,
      legs: { bm25: round4(bm25!.ndcg), dense: round4(dense!.ndcg) },
      strongerLeg: { leg: anchor.leg, p: round4(anchor.p) },
      firstStages: explainScores(stages),
      anchor: safe,
      p: round4(first.p),
      rerankShares: shares.map((s) => ({ share: s.value, ndcg: round4(s.ndcg) })),
      ...(second === null ? {} : { shareAnchor: second.anchor.value, shareP: round4(second.p) }),
      chosen: words,
      seconds: round4((performance.now() - input.started) / 1000),
    },
  };
}

/** The share a reranker gets without a choice (rerank-head.ts), the safe one to compare the others with. */
function ownShare(reranker: Reranker): number {
  return reranker.scoreCandidates ? RERANK_SHARE_DEFAULT.files : RERANK_SHARE_DEFAULT.chunks;
}

function shareWords(share: number | null, safe: boolean): string {
  if (share === null) return 'no reranker';
  const how = safe ? "the reranker's own share" : 'chosen';
  return share === 0 ? `no reranking (${how})` : `reranker share ${round4(share)} (${how})`;
}

/**
 * Scores every reranker share on top of the chosen first stage: the reranker runs once per question, on
 * the head it reads at search time (the question's masked chunks without their heading path, as the legs
 * read them), and each share blends its order with the chosen first stage's.
 */
async function rerankShares(
  asked: readonly Asked[],
  context: {
    readonly legs: SearchLegs;
    readonly reranker: Reranker;
    readonly settings: FusionSettings;
    readonly chunks: Map<string, Chunk>;
    readonly own: number;
    readonly step: () => void;
  },
) {
  const { legs, reranker, settings, chunks, own, step } = context;
  const cases: RerankCase[] = [];
  const whole = { ...settings, rerankShare: 1 };
  // The reranker reads what it reads at search time: the stored words of the chunks and each file's size,
  // which the same files in the heads of many questions ask for once; but the question's masked chunks as
  // the legs read them, without their heading path.
  const files = legs.fileChars ? { fileChars: eachFileOnce(legs.fileChars) } : {};
  for (const { question, hits: found } of asked) {
    const view = rerankerView(question, chunks, legs.chunkTokens);
    const tokens = view.chunkTokens ? { chunkTokens: view.chunkTokens } : {};
    const fused = fuseLegs(found, settings);
    const perFile = bestPerFile(fused, chunks);
    // As at search time, a reranker with its own first stage reads the dense leg without feedback.
    const hits = reranker.firstStage === undefined ? found : { ...found, dense: found.unfed };
    const legScores = {
      bm25: new Map(hits.bm25.map((hit) => [hit.chunkId, hit.score])),
      dense: new Map(hits.dense.map((hit) => [hit.chunkId, hit.score])),
    };
    const pool = {
      fused,
      legScores,
      ...(legs.dense ? { embedder: legs.dense.embedder } : {}),
      ...files,
      ...tokens,
    };
    const { order, scores } = await rerankHead(
      question.question,
      reranker,
      perFile,
      hits,
      view.chunks,
      whole,
      pool,
    );
    const source = (id: string) => chunks.get(id)!.source;
    cases.push({
      answer: question.answer,
      fused: perFile.map((item) => source(item.id)),
      reranked: order.filter((item) => scores.has(item.id)).map((item) => source(item.id)),
    });
    step();
  }
  const shares = [...new Set([...RERANK_SHARES, own])].sort((a, b) => a - b);
  return scoreRerankShares(cases, shares, settings.rrfK);
}

/** `fileChars` that asks the collection once per file for a whole calibration run (files do not change in it). */
function eachFileOnce(fileChars: NonNullable<SearchLegs['fileChars']>): NonNullable<SearchLegs['fileChars']> {
  const known = new Map<string, number | undefined>();
  return async (sources) => {
    const missing = sources.filter((source) => !known.has(source));
    if (missing.length > 0) {
      const found = await fileChars(missing);
      for (const source of missing) known.set(source, found.get(source));
    }
    return new Map(
      sources.flatMap((source): Array<[string, number]> => {
        const chars = known.get(source);
        return chars === undefined ? [] : [[source, chars]];
      }),
    );
  };
}
