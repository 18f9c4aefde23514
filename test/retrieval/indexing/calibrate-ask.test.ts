/**
 * Calibration asks a pseudo-question the way a hybrid search runs the legs: the dense leg takes the search's
 * feedback, read from the masked BM25 list (the question's own chunks scored on their bodies, its hidden
 * chunks out), and a masked chunk's feedback vector is its body's, never its stored vector (which holds the
 * heading, i.e. the question). The share pass hands the reranker the masked chunks as the legs read them:
 * without their heading path and without their stored words, which hold it too.
 */
import { describe, expect, it } from 'vitest';
import { indexedText } from '../../../src/retrieval/dense/vector-files.js';
import type { PseudoQuestion } from '../../../src/retrieval/fusion/pseudo-questions.js';
import { ask, askAll } from '../../../src/retrieval/indexing/calibrate-ask.js';
import { calibrateLegs } from '../../../src/retrieval/indexing/calibrate-legs.js';
import {
  decodeChunkTokens,
  encodeChunkTokens,
  rerankText,
} from '../../../src/retrieval/rerank/chunk-tokens.js';
import { FILE_RERANKER_FIRST_STAGE } from '../../../src/retrieval/rerank/file-reranker.js';
import type { SearchLegs, SparseLeg } from '../../../src/retrieval/search/hybrid.js';
import type { Chunk, RerankCandidate, Reranker } from '../../../src/retrieval/types.js';
import { tokenize } from '../../../src/text/analyze.js';
import { createFakeEmbedder } from '../fakes.js';

const embedder = createFakeEmbedder();
const FEEDBACK = { chunks: 3, weight: 0.5 };

/** id → [file, heading, text] */
const CHUNKS: Record<string, [string, string, string]> = {
  '1': [
    'tulips.md',
    'Planting depth for tulips',
    'Set each bulb three times its height deep in autumn soil.',
  ],
  '2': ['tulips.md', 'Tulip colours', 'Red and yellow tulips flower early; planting depth is on the packet.'],
  '3': ['soil.md', 'Autumn soil care', 'Dig compost into the soil in autumn before frost.'],
  '4': ['roses.md', 'Pruning roses', 'Cut roses back by a third in late winter.'],
  '5': ['bulbs.md', 'Bulb storage', 'Keep bulbs dry and cool until planting in autumn.'],
};
const chunkOf = (id: string): Chunk => {
  const [source, heading, text] = CHUNKS[id]!;
  return { id, collection: 'garden', source, component: null, headings: [heading], text, lines: [1, 2] };
};
const calibrationChunks = new Map(
  Object.keys(CHUNKS).map((id) => {
    const { source, headings, text } = chunkOf(id);
    return [id, { id, source, headings, text }];
  }),
);

/** BM25 stand-in: chunks scored by the question's words in `text(chunk)`, best first. */
function wordLeg(text: (chunk: Chunk) => string): SparseLeg {
  return {
    search: (question, limit) => {
      const words = question.toLowerCase().split(/\W+/).filter(Boolean);
      return Object.keys(CHUNKS)
        .map((id) => {
          const own = text(chunkOf(id)).toLowerCase();
          return { chunkId: id, score: words.filter((word) => own.includes(word)).length };
        })
        .filter((hit) => hit.score > 0)
        .sort((a, b) => b.score - a.score || Number(a.chunkId) - Number(b.chunkId))
        .slice(0, limit);
    },
  };
}

async function legsWith(asked: string[][]): Promise<SearchLegs> {
  const ids = Object.keys(CHUNKS);
  const stored = await embedder.embed(ids.map((id) => indexedText(chunkOf(id).headings, chunkOf(id).text)));
  const byId = new Map(ids.map((id, i) => [id, stored[i]!]));
  const dot = (a: Float32Array, b: Float32Array) => a.reduce((sum, value, i) => sum + value * b[i]!, 0);
  return {
    sparse: wordLeg((chunk) => `${chunk.headings.join(' ')} ${chunk.text}`),
    dense: {
      embedder,
      search: (vector, limit) =>
        ids
          .map((id) => ({ chunkId: id, score: dot(vector, byId.get(id)!) }))
          .sort((a, b) => b.score - a.score)
          .slice(0, limit),
      vectors: (wanted) => {
        asked.push([...wanted]);
        return new Map(wanted.map((id) => [id, byId.get(id)!]));
      },
    },
    reranker: null,
    chunks: (wanted) => new Map(wanted.map((id) => [id, chunkOf(id)])),
  };
}

const question: PseudoQuestion = {
  question: 'Planting depth for tulips',
  raw: 'Planting depth for tulips',
  kind: 'heading',
  answer: 'tulips.md',
  masked: ['1'],
  hidden: ['5'],
};
const masking = { bodies: wordLeg((chunk) => chunk.text), chunks: calibrationChunks };

describe('ask', () => {
  it('moves the dense question vector toward the masked BM25 list, reading masked chunks by their bodies', async () => {
    const asked: string[][] = [];
    const legs = await legsWith(asked);
    const hits = await ask(question, legs, masking, FEEDBACK);
    const unfedOnly = await ask(question, await legsWith([]), masking, null);
    // Without feedback the dense leg is the question's own vector, and `unfed` keeps it either way.
    expect(unfedOnly.dense).toEqual(unfedOnly.unfed);
    expect(hits.unfed).toEqual(unfedOnly.unfed);
    // The masked chunk's stored vector (heading included) is never read for feedback.
    expect(asked.flat()).not.toContain('1');
    expect(asked.flat().length).toBeGreaterThan(0);
    // The fed vector, recomputed: half the question, half the mean of the top 3 of the masked BM25 list.
    const top = hits.bm25.slice(0, 3).map((hit) => hit.chunkId);
    const texts = top.map((id) =>
      id === '1' ? indexedText([], chunkOf(id).text) : indexedText(chunkOf(id).headings, chunkOf(id).text),
    );
    const [q, ...vectors] = await embedder.embed([question.question, ...texts]);
    const moved = q!.map(
      (value, k) => 0.5 * value + (0.5 * vectors.reduce((s, v) => s + v[k]!, 0)) / vectors.length,
    );
    const norm = Math.hypot(...moved);
    const [body] = await embedder.embed([indexedText([], chunkOf('1').text)]);
    const expected = body!.reduce((sum, value, k) => sum + (value * moved[k]!) / norm, 0);
    expect(hits.dense.find((hit) => hit.chunkId === '1')!.score).toBeCloseTo(expected, 6);
    expect(hits.dense).not.toEqual(hits.unfed);
  });

  it('never returns a hidden chunk, and returns a masked chunk only as scored on its body', async () => {
    const hits = await ask(question, await legsWith([]), masking, FEEDBACK);
    for (const list of [hits.bm25, hits.dense, hits.unfed]) {
      expect(list.map((hit) => hit.chunkId)).not.toContain('5');
    }
    const bodyScore = (await masking.bodies.search(question.question, 100)).find((h) => h.chunkId === '1')!;
    expect(hits.bm25.find((hit) => hit.chunkId === '1')).toEqual(bodyScore);
  });

  it('askAll builds one case per question from the fed dense leg and knows every returned chunk', async () => {
    const legs = await legsWith([]);
    const all = await askAll({ questions: [question], legs, ...masking }, () => {}, FEEDBACK);
    const hits = await ask(question, legs, masking, FEEDBACK);
    expect(all.cases[0]!.dense).toEqual(hits.dense);
    for (const hit of [...hits.bm25, ...hits.dense, ...hits.unfed])
      expect(all.chunks.has(hit.chunkId)).toBe(true);
  });
});

/** A file reranker that keeps what it was handed and scores a file by the question's words it can read. */
function recordingReranker(
  seen: Array<{ question: string; candidates: readonly RerankCandidate[] }>,
): Reranker {
  return {
    id: 'recording/1',
    firstStage: FILE_RERANKER_FIRST_STAGE,
    score: async (_question, chunks) => chunks.map(() => 0),
    scoreCandidates: async (question, candidates) => {
      seen.push({ question, candidates });
      const words = new Set(tokenize(question));
      return candidates.map(
        (c) =>
          [c.chunk, ...c.others].flatMap((chunk) => readWords(c, chunk)).filter((w) => words.has(w)).length,
      );
    },
  };
}

/** The words the reranker reads of one chunk of a candidate: its stored words when given, else its text. */
function readWords(candidate: RerankCandidate, chunk: Chunk): string[] {
  const at = [candidate.chunk, ...candidate.others].indexOf(chunk);
  const stored = decodeChunkTokens(candidate.tokens?.[at], chunk);
  return stored === undefined ? tokenize(rerankText(chunk)) : [...stored.words];
}

describe('the share pass', () => {
  it('never hands the reranker a masked chunk with its heading, in its chunk or in its stored words', async () => {
    const legs = await legsWith([]);
    const blobs = new Map(
      Object.keys(CHUNKS).map((id) => [id, encodeChunkTokens(chunkOf(id), (word) => word)!]),
    );
    const seen: Array<{ question: string; candidates: readonly RerankCandidate[] }> = [];
    const record = await calibrateLegs({
      questions: [question],
      legs: {
        ...legs,
        chunkTokens: (ids) => new Map(ids.flatMap((id) => (blobs.has(id) ? [[id, blobs.get(id)!]] : []))),
      },
      ...masking,
      reranker: recordingReranker(seen),
      embedder: embedder.id,
      heldOut: true,
      started: performance.now(),
    });
    expect(record.explain.rerankShares.length).toBeGreaterThan(0);
    expect(seen.length).toBe(1);
    const read = seen[0]!.candidates.flatMap((c) => [c.chunk, ...c.others].map((chunk) => ({ c, chunk })));
    const masked = read.filter(({ chunk }) => chunk.id === '1');
    expect(masked.length).toBe(1);
    const headingWords = tokenize(question.question);
    for (const { c, chunk } of masked) {
      expect(chunk.headings).toEqual([]);
      expect(readWords(c, chunk).filter((word) => headingWords.includes(word))).toEqual([]);
    }
    // Chunks the question does not mask keep their heading and their stored words.
    const other = read.find(({ chunk }) => chunk.id === '2');
    expect(other?.chunk.headings).toEqual(['Tulip colours']);
    expect(readWords(other!.c, other!.chunk)).toContain('tulips');
    const at = [other!.c.chunk, ...other!.c.others].indexOf(other!.chunk);
    expect(other!.c.tokens?.[at]).toBe(blobs.get('2'));
  });
});
