/**
 * Features of the file-level reranker: per file of the fused head, first-stage evidence (ranks and scores
 * normalised within the question, so they transfer across collections), file evidence (how much of the
 * file sits in the pool) and lexical evidence BM25 does not model: idf-weighted coverage of the distinct
 * question terms over the file's pooled chunks (Tao & Zhai 2007 for proximity; coverage as in the
 * "query term coverage" features of LETOR, Qin et al. 2010), heading/path coverage, the smallest window
 * holding the matched terms, and question bigrams found in order. Idf is estimated within the pool.
 */
import stem from 'wink-porter2-stemmer';
import { contentWords, tokenize } from './analyze.js';
import type { Chunk, RerankCandidate } from './types.js';

/** Feature order of a row; the shipped model's input width and the model card follow it. */
export const FILE_FEATURE_NAMES = [
  'fused_rank',
  'fused_rel',
  'file_sum_rel',
  'chunks_log',
  'bm25_rank',
  'bm25_rel',
  'dense_rank',
  'dense_z',
  'file_coverage',
  'best_coverage',
  'title_coverage',
  'proximity',
  'bigrams',
] as const;

export const FILE_FEATURE_COUNT = FILE_FEATURE_NAMES.length;

/** Rank given to a leg that did not return any of the file's chunks (beyond any pool we use). */
const MISSING_RANK = 201;

/** Stems a list of words with a cache local to one call (Porter2 is the slow part). */
function stemmer(): (word: string) => string {
  const cache = new Map<string, string>();
  return (word) => {
    let s = cache.get(word);
    if (s === undefined) {
      s = stem(word);
      cache.set(word, s);
    }
    return s;
  };
}

/**
 * Positions of the question's terms in a text: for each token, the index of the question term it
 * stems to, or -1. Only tokens whose first three letters start some question term are stemmed.
 */
function termPositions(
  text: string,
  terms: Map<string, number>,
  prefixes: Set<string>,
  st: (w: string) => string,
) {
  const out: number[] = [];
  for (const token of tokenize(text)) {
    const term = prefixes.has(token.slice(0, 3)) ? terms.get(st(token)) : undefined;
    out.push(term ?? -1);
  }
  return out;
}

/** Smallest token window holding every distinct matched term; matched / window, 0 below two terms. */
function proximity(positions: readonly number[]): number {
  const wanted = new Set(positions.filter((t) => t >= 0));
  if (wanted.size < 2) return 0;
  const counts = new Map<number, number>();
  let have = 0;
  let best = Number.POSITIVE_INFINITY;
  let left = 0;
  for (let right = 0; right < positions.length; right++) {
    const t = positions[right]!;
    if (t < 0) continue;
    counts.set(t, (counts.get(t) ?? 0) + 1);
    if (counts.get(t) === 1) have++;
    while (have === wanted.size) {
      best = Math.min(best, right - left + 1);
      const l = positions[left]!;
      if (l >= 0) {
        counts.set(l, counts.get(l)! - 1);
        if (counts.get(l) === 0) have--;
      }
      left++;
    }
  }
  return wanted.size / best;
}

/** Question bigrams (consecutive content terms) seen consecutively among matched tokens, in order. */
function bigramsSeen(positions: readonly number[], seen: Set<number>): void {
  let previous = -1;
  for (const t of positions) {
    if (t < 0) continue;
    if (previous >= 0 && t === previous + 1) seen.add(previous);
    previous = t;
  }
}

interface Question {
  readonly terms: Map<string, number>;
  readonly prefixes: Set<string>;
  readonly count: number;
}

function questionOf(question: string, st: (w: string) => string): Question {
  const terms = new Map<string, number>();
  for (const word of contentWords(question)) {
    const s = st(word);
    if (!terms.has(s)) terms.set(s, terms.size);
  }
  const prefixes = new Set<string>();
  for (const word of contentWords(question)) prefixes.add(word.slice(0, 3));
  for (const s of terms.keys()) prefixes.add(s.slice(0, 3));
  return { terms, prefixes, count: terms.size };
}

interface FileText {
  /** Per pooled chunk (best first): term positions of heading path + text. */
  readonly chunks: number[][];
  /** Term positions of the headings of all pooled chunks and the source path. */
  readonly titles: number[];
}

function fileText(c: RerankCandidate, q: Question, st: (w: string) => string): FileText {
  const all: Chunk[] = [c.chunk, ...c.others];
  const chunks = all.map((chunk) =>
    termPositions(`${chunk.headings.join(' ')}\n${chunk.text}`, q.terms, q.prefixes, st),
  );
  const titleText = `${c.chunk.source.replace(/[/._-]+/g, ' ')} ${all.map((chunk) => chunk.headings.join(' ')).join(' ')}`;
  return { chunks, titles: termPositions(titleText, q.terms, q.prefixes, st) };
}

function weighted(present: Set<number>, idf: Float64Array, total: number): number {
  let sum = 0;
  for (const t of present) sum += idf[t]!;
  return total > 0 ? sum / total : 0;
}

function present(positions: readonly number[]): Set<number> {
  return new Set(positions.filter((t) => t >= 0));
}

/** Idf of each question term over the pooled chunks of the head (Robertson–Spärck Jones, +1 smoothed). */
function poolIdf(texts: readonly FileText[], count: number): Float64Array {
  const df = new Float64Array(count);
  let n = 0;
  for (const f of texts)
    for (const chunk of f.chunks) {
      n++;
      for (const t of present(chunk)) df[t]!++;
    }
  return df.map((d) => Math.log(1 + (n - d + 0.5) / (d + 0.5)));
}

function lexical(f: FileText, idf: Float64Array, q: Question): number[] {
  const total = idf.reduce((a, b) => a + b, 0);
  const inFile = new Set<number>();
  const pairs = new Set<number>();
  for (const chunk of f.chunks) {
    for (const t of chunk) if (t >= 0) inFile.add(t);
    bigramsSeen(chunk, pairs);
  }
  return [
    weighted(inFile, idf, total),
    weighted(present(f.chunks[0] ?? []), idf, total),
    weighted(present(f.titles), idf, total),
    proximity(f.chunks[0] ?? []),
    q.count > 1 ? pairs.size / (q.count - 1) : 0,
  ];
}

function first(c: RerankCandidate, leg: string): { rank: number; score: number | undefined } {
  return { rank: c.evidence.legRanks[leg] ?? MISSING_RANK, score: c.evidence.legScores[leg] };
}

function evidenceRows(head: readonly RerankCandidate[]): number[][] {
  const maxFused = Math.max(...head.map((c) => c.evidence.fusedScore), 1e-9);
  const maxSum = Math.max(...head.map((c) => c.evidence.fusedSum), 1e-9);
  const bm25 = head.map((c) => first(c, 'bm25').score).filter((s): s is number => s !== undefined);
  const maxBm25 = Math.max(...bm25, 1e-9);
  const cosines = head.map((c) => first(c, 'dense').score).filter((s): s is number => s !== undefined);
  const mean = cosines.reduce((a, b) => a + b, 0) / Math.max(cosines.length, 1);
  const std = Math.sqrt(cosines.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(cosines.length, 1)) || 1;
  const floor = cosines.length > 0 ? Math.min(...cosines) : mean;
  return head.map((c) => [
    -Math.log(c.evidence.fusedRank),
    c.evidence.fusedScore / maxFused,
    c.evidence.fusedSum / maxSum,
    Math.log1p(c.evidence.chunksInPool),
    -Math.log(first(c, 'bm25').rank),
    (first(c, 'bm25').score ?? 0) / maxBm25,
    -Math.log(first(c, 'dense').rank),
    ((first(c, 'dense').score ?? floor) - mean) / std,
  ]);
}

/** One feature row per candidate, in FILE_FEATURE_NAMES order. */
export function fileFeatures(question: string, head: readonly RerankCandidate[]): number[][] {
  if (head.length === 0) return [];
  const st = stemmer();
  const q = questionOf(question, st);
  const texts = head.map((c) => fileText(c, q, st));
  const idf = poolIdf(texts, q.count);
  const evidence = evidenceRows(head);
  return head.map((_, i) => [...evidence[i]!, ...lexical(texts[i]!, idf, q)]);
}

/**
 * Log of the mean number of pooled chunks per head file: large in collections of long files, near 0 in
 * collections of short sections. The shipped model's gate weighs its two experts by it.
 */
export function chunksPerFile(head: readonly RerankCandidate[]): number {
  return Math.log(head.reduce((sum, c) => sum + c.evidence.chunksInPool, 0) / Math.max(head.length, 1));
}
