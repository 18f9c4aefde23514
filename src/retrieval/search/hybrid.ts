/**
 * Hybrid search: BM25 and dense legs each return a deep pool of chunks, the collection's first stage merges
 * them (fusion/first-stage.ts: RRF or a convex combination, chosen per collection at index time), the pool
 * is deduplicated to the best chunk per file, and an optional reranker re-orders the head.
 */
import { describeError, InvalidInputError } from '../../errors.js';
import { say, type Text } from '../../fixes.js';
import { questionVector } from '../dense/asked-words.js';
import { describeFirstStage, type FirstStage, PLAIN_RRF } from '../fusion/first-stage.js';
import { questionStage, type WordCounts } from '../fusion/read-share.js';
import type { FusionRecord } from '../fusion/record.js';
import { isValidK, SEARCH_LIMITS, type SearchMode } from '../request.js';
import type { Chunk, Embedder, Reranker, ScoredChunk } from '../types.js';
import { bm25ReadShare } from './bm25-read.js';
import { citedPart } from './cited-part.js';
import { DENSE_FEEDBACK_DEFAULT, type DenseFeedback, denseFeedbackVector } from './dense-feedback.js';
import { type FoldedResult, foldCopies, foldQuestion } from './folded-copies.js';
import { furtherSections, type ShownFile, shownChunkOf } from './further-sections.js';
import { bestPerFile, fileKey, fuseLegs, type LegResults, pooledByFile, type Ranked } from './fused-pool.js';
import { asksNewestRelease, mayShowNewest, newestChunk } from './latest-release.js';
import { type HistoryCue, placeReleaseHistory, type ReleaseHistoryPlacement } from './release-history.js';
import { rerankHead, rerankShareOf } from './rerank-head.js';
import { type QuestionStems, questionStems, shownChunk } from './shown-chunk.js';

export interface SearchRequest {
  readonly question: string;
  readonly k: number;
  readonly mode: SearchMode;
  readonly rerank: boolean;
  readonly explain: boolean;
}

/** Where each leg placed a result (1-based ranks) and the raw scores behind them. */
export interface SearchExplain {
  readonly ranks: Readonly<Record<string, number>>;
  readonly bm25?: number;
  readonly dense?: number;
  readonly rerank?: number;
  /** Why the file reads as release history (search/release-history.ts), when it does. */
  readonly history?: HistoryCue;
}

/** What names a section that has no heading of its own: its page's title, or else its file's name. */
export type HeadingFrom = 'title' | 'file name';

/** One result of DESIGN.md §3's `--rag` contract. */
export interface SearchResult {
  readonly collection: string;
  readonly source: string;
  readonly component: string | null;
  readonly heading: string;
  /** Set when the section has no heading of its own and `heading` is the page's title or file name (page-labels.ts). */
  readonly headingFrom?: HeadingFrom;
  readonly lines: readonly [number, number];
  readonly score: number;
  readonly snippet: string;
  readonly explain?: SearchExplain;
  /** Files whose shown text is the same as this result's, or a near copy (search/folded-copies.ts); absent when none. */
  readonly copies?: readonly ResultCopy[];
}

/** A file folded into a result above it: where its copy of the result's text is. */
export interface ResultCopy {
  readonly source: string;
  readonly heading: string;
  /** As SearchResult's. */
  readonly headingFrom?: HeadingFrom;
  readonly lines: readonly [number, number];
  /** How alike the two texts are, 0 to 1 (1: the same words), with `explain`. */
  readonly resemblance?: number;
}

/** Nearest-neighbour search over chunk vectors; ids are chunk ids. In memory it answers at once, a database asynchronously. */
export interface DenseSearch {
  readonly embedder: Embedder;
  search(vector: Float32Array, limit: number): ScoredChunk[] | Promise<ScoredChunk[]>;
  /** The vectors this leg searches for these chunks, as stored; ids without one are left out. */
  vectors?(ids: readonly string[]): Map<string, Float32Array> | Promise<Map<string, Float32Array>>;
}

/** A BM25 leg: a SparseIndex in memory or SQLite, or a database that answers asynchronously. */
export interface SparseLeg {
  search(question: string, limit: number): ScoredChunk[] | Promise<ScoredChunk[]>;
}

/** What one collection offers to the search pipeline. */
export interface SearchLegs {
  readonly sparse: SparseLeg;
  /** BM25 over headings and file names only, when the engine offers it. */
  readonly headings?: SparseLeg;
  readonly dense: DenseSearch | null;
  /** Why the dense leg is missing, when it is. */
  readonly denseNote?: Text;
  readonly reranker: Reranker | null;
  /** Why the reranker is missing although models are installed. */
  readonly rerankNote?: string;
  /**
   * True when the reranker is missing only because none is installed (the default install): its note is
   * then noise on every query and is reported only when the request asks for an explanation.
   */
  readonly rerankNoteQuiet?: boolean;
  /** The collection's stored fusion choice, when it has one. */
  readonly fusion?: FusionRecord;
  /** What every search of this collection should say (e.g. that its index is of an older version). */
  readonly notes?: readonly Text[];
  chunks(ids: readonly string[]): Map<string, Chunk> | Promise<Map<string, Chunk>>;
  /** Characters of text in all chunks of each named file (sources), for the file reranker; optional. */
  fileChars?(sources: readonly string[]): Map<string, number> | Promise<Map<string, number>>;
  /**
   * Every chunk of the named files, each file's in order, for showing a release history by its newest
   * release (search/latest-release.ts); optional, and without it the pooled chunks are read.
   */
  fileChunks?(sources: readonly string[]): Chunk[] | Promise<Chunk[]>;
  /**
   * The stored reranker words (rerank/chunk-tokens.ts) of chunks by id, for the file reranker; optional,
   * and chunks left out are read from their text.
   */
  chunkTokens?(ids: readonly string[]): Map<string, Uint8Array> | Promise<Map<string, Uint8Array>>;
  /**
   * How many chunks hold each content word of a question, for the question's first stage
   * (fusion/read-share.ts); optional, and without it every question gets the collection's first stage.
   */
  wordCounts?(question: string): WordCounts | Promise<WordCounts>;
}

/**
 * Fusion knobs: the first stage (method, k, leg weights), the heading leg's weight, the reranker's share of
 * the head and the depths. A collection indexed by `batuta index` carries its own first stage and reranker
 * share, chosen from its pseudo-questions (fusion/calibrate.ts); a collection without them gets these defaults.
 */
export interface FusionSettings extends FirstStage {
  readonly headingWeight: number;
  /**
   * Share of the reranker's order in the head (fusion/first-stage.ts blendHead): 0 no reranking, 1 its
   * order alone. Absent: the reranker's own default (RERANK_SHARE_DEFAULT).
   */
  readonly rerankShare?: number;
  /** Chunks each leg contributes before fusion. */
  readonly pool: number;
  /** Files the reranker sees. */
  readonly rerankDepth: number;
  /** Feedback from the BM25 pass on the dense leg's question vector (search/dense-feedback.ts); absent: none. */
  readonly denseFeedback?: DenseFeedback;
  /**
   * How far a question's first stage moves toward the dense leg by the share of it BM25's best hit cannot
   * read (fusion/read-share.ts questionStage); absent or 0: every question gets the first stage as set.
   */
  readonly readShift?: number;
}

/**
 * How far a question's first stage moves toward the dense leg by the share BM25 cannot read: 0.5 of the
 * grid 0, .25, .5, .75, 1 on the ten dev halves (hybrid Σ 7.392 → 7.467, sets under their better leg 3 → 0).
 */
export const READ_SHIFT = 0.5;

export const FUSION_DEFAULTS: FusionSettings = {
  ...PLAIN_RRF,
  headingWeight: 0,
  pool: 100,
  rerankDepth: 30,
  denseFeedback: DENSE_FEEDBACK_DEFAULT,
  readShift: READ_SHIFT,
};

/** Which fusion a search ran with and where it came from (shown with `explain`). */
export interface FusionInUse {
  readonly source: 'collection' | 'default' | 'caller';
  readonly firstStage: string;
  /** The share of the question BM25's best hit reads, when it moved the first stage (fusion/read-share.ts). */
  readonly bm25Read?: number;
  /** 0 when the collection does not rerank; null when no reranker ran. */
  readonly rerankShare: number | null;
  /** The collection's stored choice with the scores behind it. */
  readonly record?: FusionRecord;
  /** When the dense leg's question vector was moved: by what share, toward which chunks (source > heading). */
  readonly denseFeedback?: { readonly weight: number; readonly from: readonly string[] };
  /** Where the release-history files among the results went, and why. */
  readonly releaseHistory?: ReleaseHistoryPlacement;
  /** How many files were folded into results above them as copies of their text, when any were. */
  readonly folded?: number;
}

/**
 * The settings of a collection with a stored choice. Its reranker share holds only for the reranker it was
 * chosen with (another one dropped in gets its own default).
 */
export function settingsOf(record: FusionRecord, rerankerId: string | null): FusionSettings {
  const share =
    record.rerankShare !== null && record.reranker === rerankerId ? record.rerankShare : undefined;
  return {
    ...FUSION_DEFAULTS,
    ...record.firstStage,
    ...(share === undefined ? {} : { rerankShare: share }),
  };
}

export interface SearchOutcome {
  readonly results: SearchResult[];
  readonly notes: Text[];
  /** Whether a reranker reordered the head of the results (false when none is installed or it failed). */
  readonly reranked: boolean;
  /** The fusion the search ran with, when the request asked for an explanation. */
  readonly fusion?: FusionInUse;
}

/** Checks a search request the way every entry point needs it checked. */
export function checkRequest(request: SearchRequest): void {
  if (request.question.trim() === '') {
    throw new InvalidInputError(
      'search: the question is empty (ask something, e.g. "How is SIMD selected?")',
    );
  }
  if (request.question.length > SEARCH_LIMITS.questionMaxChars) {
    throw new InvalidInputError(
      `search: the question has ${request.question.length} characters (shorten it to ${SEARCH_LIMITS.questionMaxChars} or fewer)`,
    );
  }
  if (!isValidK(request.k)) {
    throw new InvalidInputError(
      `search: k ${request.k} is out of range (give a whole number from ${SEARCH_LIMITS.kMin} to ${SEARCH_LIMITS.kMax})`,
    );
  }
}

/**
 * The legs' hits and, when the dense leg's question vector was moved, the chunks it was moved toward and,
 * when asked for, the dense leg's hits for the question itself (`unfed`).
 */
export interface LegsRun extends LegResults {
  readonly fedFrom?: readonly string[];
  readonly unfed?: LegResults['dense'];
}

/**
 * Runs the legs a request's mode asks for, `pool` chunks each; in hybrid mode the dense leg's question
 * vector takes feedback from the BM25 hits when the settings ask, and with `keepUnfed` the dense leg is also
 * searched with the question's own vector (what the shipped reranker's first stage reads).
 */
export async function runLegs(
  request: Pick<SearchRequest, 'question' | 'mode'>,
  legs: SearchLegs,
  settings: FusionSettings,
  keepUnfed = false,
): Promise<LegsRun> {
  const bm25 = request.mode === 'dense' ? [] : await legs.sparse.search(request.question, settings.pool);
  const headings =
    request.mode === 'dense' || legs.headings === undefined || settings.headingWeight === 0
      ? []
      : await legs.headings.search(request.question, settings.pool);
  if (request.mode === 'bm25' || legs.dense === null) return { bm25, dense: [], headings };
  const dense = legs.dense;
  const asked = await questionVector(dense.embedder, request.question);
  if (settings.denseFeedback === undefined)
    return { bm25, dense: await dense.search(asked, settings.pool), headings };
  const reads = {
    ...(dense.vectors === undefined ? {} : { stored: (ids: readonly string[]) => dense.vectors!(ids) }),
    chunks: legs.chunks,
    embed: (texts: readonly string[]) => dense.embedder.embed(texts),
  };
  const fed = await denseFeedbackVector(asked, bm25, reads, settings.denseFeedback);
  const hits = { bm25, dense: await dense.search(fed.vector, settings.pool), headings, fedFrom: fed.from };
  return keepUnfed ? { ...hits, unfed: await dense.search(asked, settings.pool) } : hits;
}

/** Runs one search over one collection's legs. */
export async function searchLegs(
  request: SearchRequest,
  legs: SearchLegs,
  settings: FusionSettings = FUSION_DEFAULTS,
  source: FusionInUse['source'] = 'caller',
): Promise<SearchOutcome> {
  checkRequest(request);
  const notes: Text[] = [...(legs.notes ?? [])];
  if (request.mode !== 'bm25' && legs.dense === null) {
    const why = legs.denseNote ?? 'no embedding model is installed';
    if (request.mode === 'dense') {
      throw new InvalidInputError(
        say`search: ${{ kind: 'argument', name: 'mode', value: 'dense' }} needs the dense leg, which is unavailable: ${why} (use ${{ kind: 'argument', name: 'mode', value: 'bm25' }})`,
      );
    }
    notes.push(say`dense leg unavailable: ${why}; searching with BM25 only`);
  }
  const reranker = request.rerank && settings.rerankShare !== 0 ? legs.reranker : null;
  // A reranker trained on its own first stage reads that stage's head, whose dense leg took no feedback;
  // when its order alone gives every result, the fused order is not shown and feedback would cost for nothing.
  const ownHead = reranker?.firstStage !== undefined;
  const fedSettings =
    ownHead && request.k <= settings.rerankDepth && rerankShareOf(reranker!, settings) >= 1
      ? { ...settings, denseFeedback: undefined }
      : settings;
  const hits = await runLegs(request, legs, fedSettings, ownHead);
  // Every chunk a leg returned: the reranker may read the head of another first stage.
  const ids = new Set(
    [...hits.bm25, ...hits.dense, ...hits.headings, ...(hits.unfed ?? [])].map((hit) => hit.chunkId),
  );
  const chunks = await legs.chunks([...ids, ...(hits.fedFrom ?? [])]);
  const asked = await questionSettings(request, legs, settings, chunks.get(hits.bm25[0]?.chunkId ?? ''));
  const fused = fuseLegs(hits, fusingSettings(request, legs, asked.settings));
  const perFile = bestPerFile(fused, chunks);
  const legScores = {
    bm25: new Map(hits.bm25.map((hit) => [hit.chunkId, hit.score])),
    dense: new Map(hits.dense.map((hit) => [hit.chunkId, hit.score])),
    headings: new Map(hits.headings.map((hit) => [hit.chunkId, hit.score])),
  };
  const pool = {
    fused,
    legScores,
    ...(legs.dense ? { embedder: legs.dense.embedder } : {}),
    ...(legs.fileChars ? { fileChars: legs.fileChars } : {}),
    ...(legs.chunkTokens ? { chunkTokens: legs.chunkTokens } : {}),
  };
  let reranked: { order: readonly Ranked[]; scores: Map<string, number>; share: number | null } = {
    order: perFile,
    scores: new Map(),
    share: null,
  };
  if (reranker !== null && perFile.length > 0) {
    try {
      const read = readByReranker(hits, pool);
      reranked = await rerankHead(
        request.question,
        reranker,
        perFile,
        read.hits,
        chunks,
        settings,
        read.pool,
      );
    } catch (error) {
      notes.push(`reranker failed, results are not reranked: ${describeError(error)}`);
    }
  }
  const quiet = legs.rerankNoteQuiet === true && !request.explain;
  if (request.rerank && legs.reranker === null && legs.rerankNote !== undefined && !quiet) {
    notes.push(`reranker unavailable: ${legs.rerankNote}`);
  }
  if (request.explain && request.rerank && legs.reranker !== null && settings.rerankShare === 0) {
    notes.push('not reranked: reranking did not help this collection when it was indexed');
  }
  const raw = { bm25: legScores.bm25, dense: legScores.dense, rerank: reranked.scores };
  const found =
    reranked.order.length >= request.k
      ? reranked.order
      : [
          ...reranked.order,
          ...(await deeperFiles(request, legs, asked.settings, hits, reranked.order, chunks)),
        ];
  const { shown, cueOf, placed } = placeReleaseHistory(request.question, found, chunks);
  const pooled = pooledByFile(fused, chunks);
  const stems = questionStems(request.question);
  const newest = asksNewestRelease(request.question);
  const histories = newest
    ? shown.filter((item) => mayShowNewest(chunks.get(item.id)!.source, cueOf(item)))
    : [];
  const whole = await wholeFiles(legs, histories.slice(0, request.k), chunks);
  const fileOf = (item: Ranked): ShownFile => {
    const members = (pooled.get(fileKey(chunks.get(item.id)!)) ?? [item]).map((m) => ({
      item: m,
      chunk: chunks.get(m.id)!,
    }));
    const pooledChunks = members.map((m) => m.chunk);
    const source = chunks.get(item.id)!.source;
    const chosen = histories.includes(item) ? newestChunk(stems, pooledChunks, whole.get(source)) : null;
    if (chosen === null) return { item, members, shown: shownChunk(stems, pooledChunks) };
    const place = members.findIndex((m) => m.chunk.id === chosen.id);
    // A section the search did not pool is shown at the file's score.
    if (place >= 0) return { item, members, shown: place };
    return {
      item,
      members: [...members, { item: { ...item, id: chosen.id }, chunk: chosen }],
      shown: members.length,
    };
  };
  const folded = foldCopies(
    lazyMap(shown, fileOf),
    shownChunkOf,
    request.k,
    foldQuestion(request.question, stems),
  );
  const files = folded.map((kept) => kept.item);
  const resultOf = (item: Ranked, chunk: Chunk, score: number, copies: ResultCopy[] = []): SearchResult => {
    const { heading, lines, snippet } = citedPart(stems, chunk);
    const result: SearchResult = {
      collection: chunk.collection,
      source: chunk.source,
      component: chunk.component,
      heading,
      lines,
      score: Number(score.toFixed(6)),
      snippet,
      ...(copies.length === 0 ? {} : { copies }),
    };
    return request.explain ? { ...result, explain: explainOf(item, raw, cueOf(item)) } : result;
  };
  const results = [
    ...folded.map(({ item: file, copies }) =>
      resultOf(file.item, shownChunkOf(file), file.item.score, copiesOf(copies, stems, request.explain)),
    ),
    ...furtherSections(files, stems, request.k - files.length).map((s) => resultOf(s.item, s.chunk, s.score)),
  ];
  const foldedCount = folded.reduce((sum, kept) => sum + kept.copies.length, 0);
  const fusion: FusionInUse = {
    source,
    firstStage: describeFirstStage(asked.settings),
    ...(asked.read === null ? {} : { bm25Read: Number(asked.read.toFixed(3)) }),
    rerankShare: settings.rerankShare === 0 ? 0 : reranked.share,
    ...(legs.fusion === undefined ? {} : { record: legs.fusion }),
    ...(placed === undefined ? {} : { releaseHistory: placed }),
    ...(foldedCount === 0 ? {} : { folded: foldedCount }),
    ...(hits.fedFrom === undefined || hits.fedFrom.length === 0 || settings.denseFeedback === undefined
      ? {}
      : {
          denseFeedback: {
            weight: settings.denseFeedback.weight,
            from: hits.fedFrom.map((id) => placeOf(chunks.get(id)!)),
          },
        }),
  };
  return {
    results,
    notes,
    reranked: reranked.scores.size > 0,
    ...(request.explain ? { fusion } : {}),
  };
}

/**
 * Every chunk of the files of `items`, by source, where the collection reads whole files (`fileChunks`):
 * a release history is shown by its newest release even when the search pooled none of its chunks.
 */
async function wholeFiles(
  legs: SearchLegs,
  items: readonly Ranked[],
  chunks: ReadonlyMap<string, Chunk>,
): Promise<Map<string, Chunk[]>> {
  const files = new Map<string, Chunk[]>();
  if (legs.fileChunks === undefined || items.length === 0) return files;
  for (const chunk of await legs.fileChunks(items.map((item) => chunks.get(item.id)!.source))) {
    const file = files.get(chunk.source);
    if (file === undefined) files.set(chunk.source, [chunk]);
    else file.push(chunk);
  }
  return files;
}

/**
 * The settings one hybrid question is fused with: the first stage moved toward the dense leg by the share
 * of the question BM25's best hit cannot read (fusion/read-share.ts), and that share; null when it stays.
 */
async function questionSettings(
  request: Pick<SearchRequest, 'question' | 'mode'>,
  legs: SearchLegs,
  settings: FusionSettings,
  best: Chunk | undefined,
): Promise<{ settings: FusionSettings; read: number | null }> {
  const shift = settings.readShift ?? 0;
  if (request.mode !== 'hybrid' || legs.dense === null || shift <= 0) return { settings, read: null };
  const read = await bm25ReadShare(request.question, legs, best);
  return read === null ? { settings, read } : { settings: questionStage(settings, read, shift), read };
}

/** The settings the legs' hits are fused with: one leg alone (its mode, or no dense leg) counts whatever weight. */
function fusingSettings(
  request: Pick<SearchRequest, 'mode'>,
  legs: Pick<SearchLegs, 'dense'>,
  settings: FusionSettings,
): FusionSettings {
  const single = request.mode !== 'hybrid' || legs.dense === null;
  return single ? { ...settings, bm25Weight: 1, denseWeight: 1 } : settings;
}

/** How much deeper the legs are asked when their pools hold fewer files than a search asks for, and the cap. */
export const DEEPER_POOL = { factor: 10, max: 2000 } as const;

/**
 * Files for the places a search could not fill: when a few long pages fill the legs' pools (one gtk-doc page
 * can hold every one of BM25's 100 chunks), the legs are asked again, DEEPER_POOL deeper and without
 * feedback, and files found only there follow the results in that fused order, their scores capped by the
 * last result's so scores still fall. Nothing is asked again when no leg filled its pool (there is no more).
 */
async function deeperFiles(
  request: SearchRequest,
  legs: SearchLegs,
  settings: FusionSettings,
  hits: LegsRun,
  shown: readonly Ranked[],
  chunks: Map<string, Chunk>,
): Promise<Ranked[]> {
  const pool = Math.min(settings.pool * DEEPER_POOL.factor, DEEPER_POOL.max);
  const full = hits.bm25.length >= settings.pool || hits.dense.length >= settings.pool;
  if (!full || pool <= settings.pool) return [];
  const deeper = { ...settings, pool, denseFeedback: undefined };
  const more = await runLegs(request, legs, deeper);
  const fused = fuseLegs(more, fusingSettings(request, legs, deeper));
  const unread = [...new Set(fused.map((item) => item.id))].filter((id) => !chunks.has(id));
  for (const [id, chunk] of await legs.chunks(unread)) chunks.set(id, chunk);
  const seen = new Set(shown.map((item) => fileKey(chunks.get(item.id)!)));
  const floor = shown.at(-1)?.score ?? Number.POSITIVE_INFINITY;
  return bestPerFile(fused, chunks)
    .filter((item) => !seen.has(fileKey(chunks.get(item.id)!)))
    .slice(0, request.k - shown.length)
    .map((item) => ({ ...item, score: Math.min(item.score, floor) }));
}

/** The legs and pool the reranker reads: with the dense leg's unfed hits when they were kept for it. */
function readByReranker<P extends { legScores: Record<string, Map<string, number>> }>(
  hits: LegsRun,
  pool: P,
): { hits: LegResults; pool: P } {
  if (hits.unfed === undefined) return { hits, pool };
  const dense = new Map(hits.unfed.map((hit) => [hit.chunkId, hit.score]));
  return { hits: { ...hits, dense: hits.unfed }, pool: { ...pool, legScores: { ...pool.legScores, dense } } };
}

/** `items` mapped one by one as they are read. */
function* lazyMap<T, U>(items: readonly T[], map: (item: T) => U): Generator<U> {
  for (const item of items) yield map(item);
}

/** The files folded into a result, as the result lists them (their resemblance with `explain`). */
/** The copies folded into a result, each cited as a result is (cited-part.ts). */
function copiesOf(
  copies: FoldedResult<ShownFile>['copies'],
  stems: QuestionStems,
  explain: boolean,
): ResultCopy[] {
  return copies.map(({ item: file, resemblance }) => {
    const chunk = shownChunkOf(file);
    const { heading, lines } = citedPart(stems, chunk);
    const copy = { source: chunk.source, heading, lines };
    return explain ? { ...copy, resemblance } : copy;
  });
}

function placeOf(chunk: Chunk): string {
  return [chunk.source, ...chunk.headings].join(' > ');
}

function explainOf(
  item: Ranked,
  raw: { bm25: Map<string, number>; dense: Map<string, number>; rerank: Map<string, number> },
  history: HistoryCue | null,
): SearchExplain {
  const explain: { -readonly [K in keyof SearchExplain]: SearchExplain[K] } = {
    ranks: item.ranks,
    ...(history === null ? {} : { history }),
  };
  for (const leg of ['bm25', 'dense', 'rerank'] as const) {
    const value = raw[leg].get(item.id);
    if (value !== undefined) explain[leg] = Number(value.toFixed(6));
  }
  return explain;
}
