/**
 * Training questions of the file-level reranker, self-supervised from the Debian training packages the
 * way the held-out Debian set is built (bench/retrieval/debian-headings.ts): every section becomes a file
 * (page title + body, its own heading hidden) and a distinctive section heading is the question whose one
 * relevant file is that section; also the headings that are questions and the questions running text asks.
 * training-heads.ts runs them through the production first stage.
 */
import { contentWords } from '../../text/analyze.js';
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

/**
 * The path of a package's page as a markdown file: its html path in the package (`library/json.html` →
 * `NAME/library/json.md`) when the page paths are known, else `NAME/pN.md` (N its index in the text).
 */
export function pagePath(name: string, index: number, paths?: readonly string[]): string {
  const known = paths?.[index];
  return known === undefined ? `${name}/p${index}.md` : `${name}/${known.replace(/\.html?$/, '')}.md`;
}

/** Whole pages as markdown, with the headings of the question sections removed. */
function pageDocs(
  pages: ReturnType<typeof pageSections>[],
  hidden: Set<string>,
  path: (p: number) => string,
): CorpusDoc[] {
  return pages.map((page, p) => {
    const parts = page.sections.map((section, i) =>
      hidden.has(`${p}/${i}`)
        ? section.body
        : `${i === 0 ? '#' : '##'} ${section.heading}\n\n${section.body}`,
    );
    return { path: path(p), text: `${parts.join('\n\n')}\n` };
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
 * Page files are named by `pagePath` (`paths`: each page's html path in the package, in text order).
 */
export function headingQuestions(
  name: string,
  text: string,
  limits: { maxBytes: number; maxQuestions: number; seed: number; unit?: TrainingUnit },
  paths?: readonly string[],
): { docs: CorpusDoc[]; questions: JudgedQuestion[] } {
  const pages: ReturnType<typeof pageSections>[] = [];
  const origin: number[] = [];
  const candidates: Candidate[] = [];
  let bytes = 0;
  const faq = limits.unit === 'faq';
  const all = text.split('\f').map((page, index) => ({ page, index }));
  const ordered = faq
    ? [
        ...all.filter(({ page }) => QUESTION_HEADING.test(page)),
        ...all.filter(({ page }) => !QUESTION_HEADING.test(page)),
      ]
    : all;
  for (const { page, index: at } of ordered) {
    if (bytes >= limits.maxBytes) break;
    const parsed = pageSections(page);
    const { title } = parsed;
    const p = pages.length;
    pages.push(parsed);
    origin.push(at);
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
  const path = (p: number) => (paths ? pagePath(name, origin[p]!, paths) : `${name}/p${p}.md`);
  const questions = chosen.map((c, i) => ({
    id: `${name}-${i}`,
    question: c.question,
    relevant: { [page ? path(c.page) : sectionPath(name, c.page, c.section)]: 2 },
  }));
  if (page) {
    const hidden = new Set(chosen.map((c) => `${c.page}/${c.section}`));
    return { docs: pageDocs(pages, hidden, path), questions };
  }
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
  paths?: readonly string[],
): { docs: CorpusDoc[]; questions: JudgedQuestion[] } {
  const docs: CorpusDoc[] = [];
  const candidates: Array<{ question: string; path: string }> = [];
  let bytes = 0;
  const pages = text.split('\f').map((page, index) => {
    const asked: string[] = [];
    const kept = page.split(/\n\s*\n/).map((paragraph) => {
      if (/^#{1,6} /.test(paragraph.trim())) return paragraph;
      const found = askedIn(paragraph);
      asked.push(...found);
      return found.length === 0
        ? paragraph
        : found.reduce((rest, q) => rest.replace(q, ''), paragraph.replace(/\s+/g, ' '));
    });
    return { page, asked, kept, index };
  });
  const ordered = [...pages.filter((p) => p.asked.length > 0), ...pages.filter((p) => p.asked.length === 0)];
  for (const { page, asked, kept, index } of ordered) {
    if (bytes >= limits.maxBytes) break;
    const path = paths ? pagePath(name, index, paths) : `${name}/p${docs.length}.md`;
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

/** Sampling of training questions per package (what the shipped reranker was trained with). */
export const TRAINING_LIMITS = { maxBytes: 1_500_000, maxQuestions: 150, seed: 7 } as const;

/** How many times the page expert counts each question heading (`faq` unit) beside the page headings. */
export const FAQ_WEIGHT = 2;

/**
 * Shares of the natural-question expert's training weight held by each unit: the question headings, the
 * questions asked in running text and the written questions (train/questions/). They are the shares of round
 * 5, when the weights 2 / 4 / 1 were chosen on the dev splits (235 × 2, 222 × 4 and 595 × 1 heads;
 * bench/RESULTS.md "Issue 11, round 5/6"), kept fixed so that writing more questions adds variety without
 * shifting the balance between the units.
 */
export const NATURAL_SHARES = { faq: 0.24, asked: 0.46, written: 0.3 } as const;

export type NaturalUnit = keyof typeof NATURAL_SHARES;

/**
 * How many times each unit's heads are counted so that the units keep `shares` of the weight: the
 * unit whose questions weigh least counts once, the others in proportion, rounded; an empty unit counts 0.
 */
export function naturalRepeats(
  counts: Readonly<Record<NaturalUnit, number>>,
  shares: Readonly<Record<NaturalUnit, number>> = NATURAL_SHARES,
): Record<NaturalUnit, number> {
  const units = Object.keys(shares) as NaturalUnit[];
  const perQuestion = (u: NaturalUnit) => (counts[u] > 0 ? shares[u] / counts[u] : 0);
  const least = Math.min(...units.filter((u) => counts[u] > 0).map(perQuestion));
  return Object.fromEntries(
    units.map((u) => [u, counts[u] > 0 ? Math.max(1, Math.round(perQuestion(u) / least)) : 0]),
  ) as Record<NaturalUnit, number>;
}
