/**
 * Section bench: for each question of a section set (bench/lib/section-set.ts), searches its collection as
 * `batuta oracle --rag` does (hybrid, reranked, k 10) and grades the result of the best-placed answer file:
 * does the chunk it shows (heading, lines) lie in an answering section, and does its snippet start there.
 *   node dist/bench/retrieval/sections.js --dbs DIR [--split dev|test|all] [--json] [--compare BEFORE.json]
 * DIR holds one database per corpus, DIR/<corpus>.db, made by `batuta index FOLDER --name <corpus> --db …`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InvalidInputError } from '../../src/errors.js';
import { kindOf } from '../../src/retrieval/documents/files.js';
import { createModelProvider } from '../../src/retrieval/models/provider.js';
import { createSearcher, type Searcher } from '../../src/retrieval/search/searcher.js';
import { benchFlags, requireFlags, runBench } from '../lib/bench-flags.js';
import { findRepoRoot } from '../lib/repo.js';
import { loadSectionSet, type SectionQuestion } from '../lib/section-set.js';
import { answerLines, gradeShown, signTestP, snippetLine } from './section-grade.js';

const DEFAULT_SET = 'bench/retrieval/sections/sections-questions.yaml';
const K = 10;

/** One question's outcome: the files found, and what the best-placed answer file showed. */
interface Graded {
  readonly id: string;
  readonly corpus: string;
  readonly split: string;
  readonly lowOverlap: boolean;
  readonly files: string[];
  readonly rank: number | null;
  readonly shown?: { source: string; heading: string; lines: [number, number]; snippet: string };
  readonly section: boolean;
  readonly snippet: boolean;
  /** The lines of the answering sections of the shown answer file. */
  readonly answer?: number[];
}

async function grade(searcher: Searcher, q: SectionQuestion): Promise<Graded> {
  const request = { question: q.question, k: K, mode: 'hybrid' as const, rerank: true, explain: false };
  const { results } = await searcher.search(q.corpus, request);
  const files = results.map((r) => r.source);
  const base = { id: q.id, corpus: q.corpus, split: q.split, lowOverlap: q.low_overlap, files };
  const index = results.findIndex((r) => q.answers[r.source] !== undefined);
  if (index < 0) return { ...base, rank: null, section: false, snippet: false };
  const shown = results[index]!;
  const text = (await searcher.readDocument(q.corpus, shown.source)).text;
  const kind = kindOf(shown.source) === 'html' ? 'html' : 'markdown';
  const answer = answerLines(text, kind, q.answers[shown.source]!);
  if (answer.size === 0)
    throw new InvalidInputError(
      `sections: ${q.id}: no section of ${shown.source} has the graded headings (fix the set)`,
    );
  const verdict = gradeShown(answer, shown.lines, snippetLine(text, shown.lines, shown.snippet));
  const lines: [number, number] = [shown.lines[0], shown.lines[1]];
  return {
    ...base,
    rank: index + 1,
    shown: { source: shown.source, heading: shown.heading, lines, snippet: shown.snippet },
    ...verdict,
    answer: [...answer],
  };
}

function summary(graded: readonly Graded[]) {
  const found = graded.filter((g) => g.rank !== null);
  const count = (pick: (g: Graded) => boolean) => found.filter(pick).length;
  return {
    questions: graded.length,
    found: found.length,
    sectionHits: count((g) => g.section),
    snippetHits: count((g) => g.snippet),
    lowOverlap: { found: count((g) => g.lowOverlap), sectionHits: count((g) => g.lowOverlap && g.section) },
  };
}

/** Questions that changed against an earlier run: section verdicts fixed and broken, file lists changed. */
function compare(before: readonly Graded[], after: readonly Graded[]) {
  const old = new Map(before.map((g) => [g.id, g]));
  const both = after.filter((g) => old.has(g.id));
  const fixed = both.filter((g) => g.section && !old.get(g.id)!.section).map((g) => g.id);
  const broken = both.filter((g) => !g.section && old.get(g.id)!.section).map((g) => g.id);
  const snippetFixed = both.filter((g) => g.snippet && !old.get(g.id)!.snippet).map((g) => g.id);
  const snippetBroken = both.filter((g) => !g.snippet && old.get(g.id)!.snippet).map((g) => g.id);
  const filesChanged = both
    .filter((g) => g.files.join('\n') !== old.get(g.id)!.files.join('\n'))
    .map((g) => g.id);
  return {
    fixed,
    broken,
    p: signTestP(fixed.length, broken.length),
    snippetFixed,
    snippetBroken,
    filesChanged,
  };
}

function line(g: Graded): string {
  const mark = g.rank === null ? 'missed' : `${g.section ? 'HIT ' : 'miss'} ${g.snippet ? 'snip' : '    '}`;
  const where = g.shown ? `#${g.rank} ${g.shown.source} ${g.shown.lines.join('-')} "${g.shown.heading}"` : '';
  return `${g.id} ${g.corpus.padEnd(10)} ${mark} ${where}`;
}

async function main(argv: string[]): Promise<number> {
  const { values } = benchFlags(import.meta.filename, {
    args: argv,
    options: {
      set: { type: 'string', default: DEFAULT_SET },
      dbs: { type: 'string' },
      split: { type: 'string', default: 'dev' },
      json: { type: 'boolean', default: false },
      compare: { type: 'string' },
    },
    strict: true,
  });
  requireFlags(import.meta.filename, values, ['dbs']);
  if (!['dev', 'test', 'all'].includes(values.split)) {
    throw new InvalidInputError(`sections: --split "${values.split}" is not known (use dev, test or all)`);
  }
  const repo = findRepoRoot(import.meta.dirname);
  const set = loadSectionSet(resolve(repo, values.set));
  const questions = set.questions.filter((q) => values.split === 'all' || q.split === values.split);
  const models = createModelProvider();
  const graded: Graded[] = [];
  for (const corpus of [...new Set(questions.map((q) => q.corpus))]) {
    const dbPath = join(values.dbs, `${corpus}.db`);
    if (!existsSync(dbPath))
      throw new InvalidInputError(
        `sections: ${dbPath} does not exist (index the ${corpus} folder with --name ${corpus} --db ${dbPath})`,
      );
    const searcher = createSearcher({ dbPath, models });
    try {
      for (const q of questions.filter((item) => item.corpus === corpus))
        graded.push(await grade(searcher, q));
    } finally {
      await searcher.close();
    }
  }
  const before =
    values.compare === undefined
      ? undefined
      : (JSON.parse(readFileSync(values.compare, 'utf8')).graded as Graded[]);
  const report = {
    split: values.split,
    summary: summary(graded),
    ...(before === undefined ? {} : { compare: compare(before, graded) }),
    graded,
  };
  if (values.json) process.stdout.write(`${JSON.stringify(report, null, 1)}\n`);
  else {
    process.stdout.write(`${graded.map(line).join('\n')}\n${JSON.stringify(report.summary)}\n`);
    if (report.compare) process.stdout.write(`${JSON.stringify(report.compare)}\n`);
  }
  return 0;
}

await runBench(import.meta.filename, () => main(process.argv.slice(2)));
