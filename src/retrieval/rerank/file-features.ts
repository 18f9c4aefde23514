/**
 * Features of the file-level reranker: per file of the fused head, first-stage evidence (ranks and scores
 * normalised within the question, so they transfer across collections), file evidence (how much of the
 * file sits in the pool) and lexical evidence BM25 does not model: idf-weighted coverage of the distinct
 * question terms over the file's pooled chunks (Tao & Zhai 2007 for proximity; coverage as in the
 * "query term coverage" features of LETOR, Qin et al. 2010), heading/path coverage, the smallest window
 * holding the matched terms, and question bigrams found in order. Idf is estimated within the pool. A
 * natural question reads snake_case names as their words (identifier-words.ts).
 */
import { tokenize } from '../../text/analyze.js';
import { cachedStem, WINK_PORTER2 } from '../../text/stemmers.js';
import type { RerankCandidate } from '../types.js';
import {
  chunkPositions,
  emptyWordList,
  type FileCounts,
  headStem,
  type Question,
  type WordList,
  wordId,
} from './head-words.js';
import { questionWords, withIdentifierWords } from './identifier-words.js';
import { SOFT_WIDTH, type SoftMatching, softRows, titleCosines } from './soft-features.js';
import { translationColumn } from './translation-features.js';
import type { TranslationTable } from './translation-table.js';

export type { SoftMatching } from './soft-features.js';

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
  'soft_max',
  'soft_0.9',
  'soft_0.7',
  'soft_0.5',
  'soft_0.3',
  'file_chars',
  'title_cos',
  'translation',
] as const;

export const FILE_FEATURE_COUNT = FILE_FEATURE_NAMES.length;

const NATURAL_ONLY: ReadonlySet<string> = new Set(['file_chars', 'title_cos', 'translation']);

/**
 * Columns only the natural-question expert uses: soft matching, file size, title cosine and translation
 * (the keyword experts, trained on heading questions, give them weight 0).
 */
export const NATURAL_FEATURES: ReadonlySet<number> = new Set(
  FILE_FEATURE_NAMES.flatMap((name, k) => (name.startsWith('soft_') || NATURAL_ONLY.has(name) ? [k] : [])),
);

const ASKING =
  /^(how|what|why|which|where|when|who|whose|can|could|should|does|do|did|is|are|was|will|would|may|must|shall|has|have)\b/i;

/**
 * Whether a question is phrased as one ("How do I …?", "Can the stack …") rather than typed as keywords;
 * the reranker scores the two kinds with experts trained on the matching kind of question.
 */
export function isNaturalQuestion(question: string): boolean {
  const q = question.trim();
  return q.endsWith('?') || ASKING.test(q);
}

/** Rank given to a leg that did not return any of the file's chunks (beyond any pool we use). */
const MISSING_RANK = 201;

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

function questionOf(question: string, st: (w: string) => string): Question {
  const terms = new Map<string, number>();
  const names = isNaturalQuestion(question);
  const words = questionWords(question, names);
  for (const word of words) {
    const s = st(word);
    if (!terms.has(s)) terms.set(s, terms.size);
  }
  const prefixes = new Set<string>();
  for (const word of words) prefixes.add(word.slice(0, 3));
  for (const s of terms.keys()) prefixes.add(s.slice(0, 3));
  return { terms, prefixes, count: terms.size, names };
}

interface FileText {
  /** Per pooled chunk (best first): term positions of heading path + text. */
  readonly chunks: number[][];
  /** Term positions of the headings of all pooled chunks and the source path. */
  readonly titles: number[];
  /**
   * The distinct words (stop words aside) of the pooled chunks (heading path + text) as ids of the
   * head's word list; empty when neither soft matching nor translation reads them.
   */
  readonly words: Int32Array;
  /** How often each of `words` occurs. */
  readonly counts: Float64Array;
}

/** A file's title text: the words of its path and the headings of its pooled chunks. */
function titleText(c: RerankCandidate): string {
  const headings = [c.chunk, ...c.others].map((chunk) => chunk.headings.join(' ')).join(' ');
  return `${c.chunk.source.replace(/[/._-]+/g, ' ')} ${headings}`;
}

/** log(1 + characters of the file) per file, or zeros unless the collection gave every file's size. */
function fileChars(head: readonly RerankCandidate[]): number[] {
  const known = head.every((c) => c.evidence.fileChars !== undefined);
  return head.map((c) => (known ? Math.log1p(c.evidence.fileChars!) : 0));
}

/** Term positions of a file's title text (`titleText`), identifiers read as their words. */
function titleTerms(c: RerankCandidate, q: Question, st: (w: string) => string, head: WordList): number[] {
  const ids = Int32Array.from(tokenize(titleText(c)), (token) => wordId(head, token, q, st));
  return Array.from(withIdentifierWords(ids, head.parts), (id) => head.term[id]!);
}

function fileText(
  c: RerankCandidate,
  q: Question,
  st: (w: string) => string,
  head: WordList,
  file: number | null,
): FileText {
  const counted: FileCounts | null = file === null ? null : { file, words: [], counts: [] };
  const chunks = [c.chunk, ...c.others].map((chunk, k) =>
    chunkPositions(chunk, c.tokens?.[k], q, st, head, counted),
  );
  return {
    chunks,
    titles: titleTerms(c, q, st, head),
    words: Int32Array.from(counted?.words ?? []),
    counts: Float64Array.from(counted?.counts ?? []),
  };
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

/**
 * One feature row per candidate, in FILE_FEATURE_NAMES order; the soft-match columns are 0 without soft
 * matching (an embedder that has no word vectors, or a keyword question), `title_cos` also without its
 * `embed`, `file_chars` unless the evidence carries every file's size, and `translation` without a
 * translation table (keyword questions).
 */
export async function fileFeatures(
  question: string,
  head: readonly RerankCandidate[],
  soft?: SoftMatching,
  translation?: TranslationTable,
): Promise<number[][]> {
  if (head.length === 0) return [];
  const st = cachedStem(WINK_PORTER2.stem, Number.POSITIVE_INFINITY);
  const q = questionOf(question, st);
  const words = emptyWordList();
  const counted = soft !== undefined || translation !== undefined;
  const texts = head.map((c, i) => fileText(c, q, st, words, counted ? i : null));
  const idf = poolIdf(texts, q.count);
  const evidence = evidenceRows(head);
  const softs = soft
    ? await softRows(question, texts, words, soft)
    : head.map(() => new Array<number>(SOFT_WIDTH).fill(0));
  const sizes = fileChars(head);
  const titles = await titleCosines(question, head.map(titleText), soft?.embed);
  const translated = translation
    ? translationColumn([...q.terms.keys()], texts, words, translation, headStem(words, st))
    : head.map(() => 0);
  return head.map((_, i) => [
    ...evidence[i]!,
    ...lexical(texts[i]!, idf, q),
    ...softs[i]!,
    sizes[i]!,
    titles[i]!,
    translated[i]!,
  ]);
}

/**
 * Log of the mean number of pooled chunks per head file: large in collections of long files, near 0 in
 * collections of short sections. The shipped model's gate weighs its two experts by it.
 */
export function chunksPerFile(head: readonly RerankCandidate[]): number {
  return Math.log(head.reduce((sum, c) => sum + c.evidence.chunksInPool, 0) / Math.max(head.length, 1));
}
