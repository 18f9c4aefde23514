/**
 * Training and evaluation material of the file-level reranker. Training questions are self-supervised
 * from the Debian training packages the way the held-out Debian set is built (bench/retrieval/
 * debian-headings.ts): every section becomes a file (page title + body, its own heading hidden) and a
 * distinctive section heading is the question whose one relevant file is that section. Every question
 * set, training or evaluation, is run through the production first stage (search/hybrid.ts `searchLegs`) with a
 * recording reranker, so the features are exactly those the shipped reranker will see.
 */
import { contentWords } from '../../text/analyze.js';
import { chunkDocument } from '../documents/chunker.js';
import { kindOf } from '../documents/files.js';
import { fileFeatures } from '../rerank/file-features.js';
import { FILE_RERANKER_FIRST_STAGE } from '../rerank/file-reranker.js';
import { createWordSimilarities } from '../rerank/similarity.js';
import { FUSION_DEFAULTS, type FusionSettings, searchLegs } from '../search/hybrid.js';
import { createWinkIndex } from '../sparse/wink-index.js';
import type { Chunk, Embedder, RerankCandidate, Reranker } from '../types.js';
import { createRng } from '../wordvec/rng.js';

/** A document of a question corpus. */
export interface CorpusDoc {
  readonly path: string;
  readonly text: string;
}

/** A question with its judged files (path → grade). */
export interface JudgedQuestion {
  readonly id: string;
  readonly question: string;
  readonly relevant: Readonly<Record<string, number>>;
  readonly split?: string;
}

/** One question's head as the reranker sees it. */
export interface HeadGroup {
  readonly id: string;
  readonly split?: string;
  readonly relevant: Readonly<Record<string, number>>;
  readonly question: string;
  /** Files of the head in first-stage order. */
  readonly files: string[];
  /** One feature row per file (rerank/file-features.ts order). */
  readonly rows: number[][];
  /** Milliseconds `timed.scoreCandidates` took for this head, or the feature computation without one. */
  readonly ms: number;
}

const GENERIC = new Set(
  'note tip warning caution important description examples example notes parameters see also synopsis options usage overview introduction summary contents index'.split(
    ' ',
  ),
);
const MIN_WORDS = 30;

function distinctive(heading: string): boolean {
  const words = contentWords(heading);
  return words.length >= 2 && !words.every((word) => GENERIC.has(word));
}

interface Section {
  readonly heading: string;
  readonly body: string;
}

function pageSections(page: string): { title: string; sections: Section[] } {
  let title = '';
  const sections: Array<{ heading: string; lines: string[] }> = [];
  for (const line of page.split('\n')) {
    const match = /^(#{1,6}) (.+)$/.exec(line);
    if (match !== null && title === '') title = match[2]!.trim();
    if (match !== null) sections.push({ heading: match[2]!.trim(), lines: [] });
    else sections.at(-1)?.lines.push(line);
  }
  return { title, sections: sections.map((s) => ({ heading: s.heading, body: s.lines.join('\n').trim() })) };
}

/**
 * How training files are cut: one file per section (as the held-out Debian set) or per page; `faq` is per
 * page with only the headings that are questions ("How do I …?") asked, their pages read first; `asked`
 * is per page with the questions the text itself asks (a sentence ending in "?") as the questions.
 */
export type TrainingUnit = 'section' | 'page' | 'faq' | 'asked';

const QUESTION_HEADING = /^#{1,6} .*\?\s*$/m;

interface Candidate {
  readonly question: string;
  readonly page: number;
  readonly section: number;
}

function sectionPath(name: string, page: number, section: number): string {
  return `${name}/p${page}/${String(section).padStart(2, '0')}.txt`;
}

/** Whole pages as markdown, with the headings of the question sections removed. */
function pageDocs(name: string, pages: ReturnType<typeof pageSections>[], hidden: Set<string>): CorpusDoc[] {
  return pages.map((page, p) => {
    const parts = page.sections.map((section, i) =>
      hidden.has(`${p}/${i}`)
        ? section.body
        : `${i === 0 ? '#' : '##'} ${section.heading}\n\n${section.body}`,
    );
    return { path: `${name}/p${p}.md`, text: `${parts.join('\n\n')}\n` };
  });
}

/**
 * Up to `maxQuestions` of the candidates, sampled with `seed`, among those whose question (case aside)
 * is asked only once: a question asked twice has no single answer.
 */
function sampleQuestions<T extends { readonly question: string }>(
  candidates: readonly T[],
  limits: { maxQuestions: number; seed: number },
): T[] {
  const counts = new Map<string, number>();
  for (const c of candidates)
    counts.set(c.question.toLowerCase(), (counts.get(c.question.toLowerCase()) ?? 0) + 1);
  const unique = candidates.filter((c) => counts.get(c.question.toLowerCase()) === 1);
  const rng = createRng(limits.seed);
  for (let i = unique.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [unique[i], unique[j]] = [unique[j]!, unique[i]!];
  }
  return unique.slice(0, limits.maxQuestions);
}

/**
 * Files and heading questions of one package's text (pages separated by form feeds), up to `maxBytes`
 * of pages; `maxQuestions` questions sampled with `seed`. A question's heading is hidden from its file.
 */
export function headingQuestions(
  name: string,
  text: string,
  limits: { maxBytes: number; maxQuestions: number; seed: number; unit?: TrainingUnit },
): { docs: CorpusDoc[]; questions: JudgedQuestion[] } {
  const pages: ReturnType<typeof pageSections>[] = [];
  const candidates: Candidate[] = [];
  let bytes = 0;
  const faq = limits.unit === 'faq';
  const all = text.split('\f');
  const ordered = faq
    ? [
        ...all.filter((page) => QUESTION_HEADING.test(page)),
        ...all.filter((page) => !QUESTION_HEADING.test(page)),
      ]
    : all;
  for (const page of ordered) {
    if (bytes >= limits.maxBytes) break;
    const parsed = pageSections(page);
    const { title } = parsed;
    const p = pages.length;
    pages.push(parsed);
    bytes += page.length;
    parsed.sections.forEach((section, index) => {
      if (contentWords(section.body).length < MIN_WORDS) return;
      if (index === 0 || section.heading === title || !distinctive(section.heading)) return;
      if (faq && !section.heading.trim().endsWith('?')) return;
      const question =
        contentWords(section.heading).length >= 3 ? section.heading : `${section.heading} (${title})`;
      candidates.push({ question, page: p, section: index });
    });
  }
  const chosen = sampleQuestions(candidates, limits);
  const page = limits.unit === 'page' || limits.unit === 'faq';
  const questions = chosen.map((c, i) => ({
    id: `${name}-${i}`,
    question: c.question,
    relevant: { [page ? `${name}/p${c.page}.md` : sectionPath(name, c.page, c.section)]: 2 },
  }));
  if (page)
    return { docs: pageDocs(name, pages, new Set(chosen.map((c) => `${c.page}/${c.section}`))), questions };
  const docs = pages.flatMap((parsed, p) =>
    parsed.sections.flatMap((section, i) =>
      contentWords(section.body).length < MIN_WORDS
        ? []
        : [{ path: sectionPath(name, p, i), text: `${parsed.title}\n\n${section.body}\n` }],
    ),
  );
  return { docs, questions };
}

/** A sentence of running text that asks something: capitalised, 5–25 words, 3+ content words, no code. */
const ASKED = /(?<=^|[.!:]\s)[A-Z][A-Za-z0-9 ,;’'-]{15,200}\?(?=\s|$)/g;

function askedIn(paragraph: string): string[] {
  const flat = paragraph.replace(/\s+/g, ' ').trim();
  return [...flat.matchAll(ASKED)]
    .map((m) => m[0])
    .filter((q) => {
      const words = q.split(' ');
      const plain = words.filter((w) => /^[a-z’'-]+,?$/.test(w)).length;
      return (
        words.length >= 5 &&
        words.length <= 25 &&
        /[a-z]{2}\?$/.test(q) &&
        plain >= 0.6 * words.length &&
        contentWords(q).length >= 3
      );
    });
}

/**
 * Pages of one package's text (those whose running text asks questions first, then the others, up to
 * `maxBytes`) with the questions asked outside headings; each question is removed from its page, whose
 * whole file is the one relevant file. `maxQuestions` questions sampled with `seed`.
 */
export function askedQuestions(
  name: string,
  text: string,
  limits: { maxBytes: number; maxQuestions: number; seed: number },
): { docs: CorpusDoc[]; questions: JudgedQuestion[] } {
  const docs: CorpusDoc[] = [];
  const candidates: Array<{ question: string; path: string }> = [];
  let bytes = 0;
  const pages = text.split('\f').map((page) => {
    const asked: string[] = [];
    const kept = page.split(/\n\s*\n/).map((paragraph) => {
      if (/^#{1,6} /.test(paragraph.trim())) return paragraph;
      const found = askedIn(paragraph);
      asked.push(...found);
      return found.length === 0
        ? paragraph
        : found.reduce((rest, q) => rest.replace(q, ''), paragraph.replace(/\s+/g, ' '));
    });
    return { page, asked, kept };
  });
  const ordered = [...pages.filter((p) => p.asked.length > 0), ...pages.filter((p) => p.asked.length === 0)];
  for (const { page, asked, kept } of ordered) {
    if (bytes >= limits.maxBytes) break;
    const path = `${name}/p${docs.length}.md`;
    bytes += page.length;
    docs.push({ path, text: `${kept.join('\n\n')}\n` });
    for (const question of asked) candidates.push({ question, path });
  }
  const questions = sampleQuestions(candidates, limits).map((c, i) => ({
    id: `${name}-asked-${i}`,
    question: c.question,
    relevant: { [c.path]: 2 },
  }));
  return { docs, questions };
}

/** Chunks a corpus the way the engine does (heading-aware chunks of every supported file). */
export function chunkCorpus(docs: readonly CorpusDoc[], collection: string): Chunk[] {
  return docs.flatMap((doc) => {
    const kind = kindOf(doc.path);
    return kind === null ? [] : chunkDocument({ collection, source: doc.path, kind, text: doc.text });
  });
}

/** The first stage training heads come from (the one the shipped reranker reads at search time). */
export const TRAINING_FUSION: FusionSettings = { ...FUSION_DEFAULTS, ...FILE_RERANKER_FIRST_STAGE };

/**
 * Runs each question through the production first stage over `chunks` (wink BM25 + brute-force cosine
 * of `embedder`'s vectors) and records the head the reranker is offered, with its feature rows; with
 * `timed`, also times that reranker on each real head.
 */
export async function recordHeads(
  chunks: readonly Chunk[],
  embedder: Embedder,
  questions: readonly JudgedQuestion[],
  settings: FusionSettings = TRAINING_FUSION,
  timed: Reranker | null = null,
): Promise<HeadGroup[]> {
  const byId = new Map(chunks.map((chunk) => [chunk.id, chunk]));
  const vocabulary = embedder.vocabulary?.();
  const similarities = createWordSimilarities();
  const vectors = await embedder.embed(chunks.map((chunk) => `${chunk.headings.join(' ')}\n${chunk.text}`));
  const search = (q: Float32Array, limit: number) => {
    const scored = vectors.map((v, i) => {
      let dot = 0;
      for (let k = 0; k < v.length; k++) dot += v[k]! * q[k]!;
      return { chunkId: chunks[i]!.id, score: dot };
    });
    return scored.sort((a, b) => b.score - a.score).slice(0, limit);
  };
  const groups: HeadGroup[] = [];
  let current: { files: string[]; rows: number[][]; ms: number } = { files: [], rows: [], ms: 0 };
  const recorder = {
    id: 'recorder',
    score: async (_q: string, list: readonly Chunk[]) => list.map(() => 0),
    scoreCandidates: async (question: string, head: readonly RerankCandidate[]) => {
      const started = performance.now();
      if (timed?.scoreCandidates) await timed.scoreCandidates(question, head, vocabulary);
      const timedMs = performance.now() - started;
      const rows = await fileFeatures(question, head, vocabulary && { vocabulary, similarities });
      const ms = timed ? timedMs : performance.now() - started;
      current = { files: head.map((c) => c.chunk.source), rows, ms };
      return head.map(() => 0);
    },
  };
  const legs = {
    sparse: createWinkIndex(chunks),
    dense: { embedder, search },
    reranker: recorder,
    chunks: (ids: readonly string[]) =>
      new Map(ids.flatMap((id) => (byId.has(id) ? [[id, byId.get(id)!] as const] : []))),
  };
  for (const q of questions) {
    current = { files: [], rows: [], ms: 0 };
    await searchLegs(
      { question: q.question, k: 10, mode: 'hybrid', rerank: true, explain: false },
      legs,
      settings,
    );
    groups.push({
      id: q.id,
      question: q.question,
      ...(q.split ? { split: q.split } : {}),
      relevant: q.relevant,
      ...current,
    });
  }
  return groups;
}

/** Sampling of training questions per package (what the shipped reranker was trained with). */
export const TRAINING_LIMITS = { maxBytes: 1_500_000, maxQuestions: 150, seed: 7 } as const;

/** How many times the page expert counts each question heading (`faq` unit) beside the page headings. */
export const FAQ_WEIGHT = 2;

/**
 * How many times the natural-question expert counts each question of a unit: the question headings once,
 * the questions asked in running text twice (chosen on the dev splits, bench/RESULTS.md "Reranker, round 5").
 */
export const NATURAL_WEIGHTS = { faq: 1, asked: 2 } as const;

/** One question's head as a training group, `times` times over. */
export function repeated(groups: readonly HeadGroup[], times: number): HeadGroup[] {
  return Array.from({ length: times }, () => groups).flat();
}

/** The embedder a training collection is searched with, given its chunks (the base one, or one adapted to them). */
export type EmbedderFor = (chunks: readonly Chunk[]) => Promise<Embedder>;

/** The training heads of one package's text for one kind of file, through the production first stage. */
export async function packageHeads(
  name: string,
  text: string,
  embedderFor: EmbedderFor,
  unit: TrainingUnit,
  settings: FusionSettings = TRAINING_FUSION,
): Promise<HeadGroup[]> {
  const { docs, questions } =
    unit === 'asked'
      ? askedQuestions(name, text, TRAINING_LIMITS)
      : headingQuestions(name, text, { ...TRAINING_LIMITS, unit });
  const chunks = chunkCorpus(docs, name);
  return recordHeads(chunks, await embedderFor(chunks), questions, settings);
}

/** A recorded head as a training group: its rows and each file's grade. */
export function rankGroupOf(g: HeadGroup): { rows: number[][]; grades: number[] } {
  return { rows: g.rows, grades: g.files.map((f) => g.relevant[f] ?? 0) };
}

/**
 * `chunksPerFile` (rerank/file-features.ts) of a recorded head, from its chunks_log column (log1p of each
 * file's pooled chunks), for training the gate on dumped heads.
 */
export function headChunksPerFile(rows: readonly (readonly number[])[]): number {
  return Math.log(rows.reduce((sum, row) => sum + Math.expm1(row[3]!), 0) / Math.max(rows.length, 1));
}
