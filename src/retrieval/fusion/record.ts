/**
 * A collection's fusion choice as stored in its metadata: the first stage and reranker share chosen from
 * its pseudo-questions, what they were chosen with, and the scores behind the choice. Read back through
 * zod: a record that does not parse is ignored (the collection gets plain RRF) and redone by the next index.
 */
import { z } from 'zod';

/**
 * Bumped when the calibration changes what it would choose, so the next `batuta index` redoes older records;
 * until then an older record is still used as it stands (version 1: the best first stage, no evidence test).
 */
export const FUSION_RECORD_VERSION = 2;

const firstStage = z.object({
  method: z.enum(['rrf', 'convex']).describe('rrf: reciprocal rank fusion; convex: normalised scores'),
  rrfK: z.number().min(0).describe("RRF's k"),
  bm25Weight: z.number().min(0).describe('weight of the BM25 leg (0 leaves it out)'),
  denseWeight: z.number().min(0).describe('weight of the dense leg (0 leaves it out)'),
});

const scored = z.object({
  stage: z.string().describe('a first stage, e.g. "rrf k60 bm25 1 dense 1"'),
  ndcg: z.number().describe('mean nDCG@10 on the pseudo-questions'),
});

export const fusionRecordSchema = z.object({
  version: z.union([z.literal(1), z.literal(FUSION_RECORD_VERSION)]).describe('calibration version'),
  firstStage: firstStage.describe('how the legs are fused'),
  rerankShare: z
    .number()
    .min(0)
    .max(1)
    .nullable()
    .describe(
      "share of the reranker's order in the head: 0 no reranking, 1 its order alone; null: its default",
    ),
  reranker: z.string().nullable().describe('id of the reranker the share was chosen with (null: none)'),
  embedder: z.string().describe('id of the embedder the dense leg ran with'),
  explain: z
    .object({
      questions: z.number().int().describe('pseudo-questions asked'),
      headings: z.number().int().describe('of them, section headings'),
      sentences: z.number().int().describe('of them, question-shaped sentences'),
      seed: z.number().int().describe('seed of the sample'),
      heldOut: z
        .boolean()
        .describe("true when the embedder never saw the questions' texts (withheld from its adaptation)"),
      legs: z.object({ bm25: z.number(), dense: z.number() }).describe('nDCG@10 of each leg alone'),
      strongerLeg: z
        .object({
          leg: z.enum(['bm25', 'dense']).describe('the leg the safe choice stays nearest to'),
          p: z.number().describe('one-sided paired p of dense over BM25 (dense is stronger below 0.05)'),
        })
        .optional()
        .describe('which leg counts as the stronger one'),
      firstStages: z.array(scored).describe('every first stage tried'),
      anchor: z.string().optional().describe('the safe first stage: the fusion nearest the stronger leg'),
      p: z
        .number()
        .optional()
        .describe('one-sided paired p of the best first stage over the safe one (chosen below 0.05)'),
      rerankShares: z
        .array(z.object({ share: z.number(), ndcg: z.number() }))
        .describe('every reranker share tried on top of the chosen first stage'),
      shareAnchor: z.number().optional().describe("the reranker's own share, the safe one"),
      shareP: z
        .number()
        .optional()
        .describe('one-sided paired p of the best share over the safe one (chosen below 0.05)'),
      chosen: z.string().describe('the choice in words'),
      seconds: z.number().describe('time the calibration took'),
    })
    .describe('what the choice was made from'),
});

export type FusionRecord = z.infer<typeof fusionRecordSchema>;

/** Parses a stored record; null when absent, unreadable or of an unknown version. */
export function parseFusionRecord(text: string | null): FusionRecord | null {
  if (text === null) return null;
  try {
    const parsed = fusionRecordSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
