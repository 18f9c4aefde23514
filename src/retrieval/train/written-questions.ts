/**
 * Hand-written natural questions for the reranker's natural-question expert: questions a user would ask,
 * each pointing at one page of a training package's page corpus (the `page` unit of rerank-data.ts, with
 * no heading hidden). They live in src/retrieval/train/questions/<package>.yaml; a page is named by its
 * title (its first heading) and, when several pages share that title, by one heading found on only one of them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { InvalidDataError, NotFoundError } from '../../errors.js';
import { type CorpusDoc, headingQuestions, type JudgedQuestion, TRAINING_LIMITS } from './rerank-data.js';

/** Where the written questions are kept, relative to the repository. */
export const WRITTEN_QUESTIONS_DIR = 'src/retrieval/train/questions';

/**
 * The written questions' folder of the checkout this file belongs to, found by walking up to its
 * package.json (from src/ and dist/ alike), so the working directory does not matter. Throws when the folder
 * is missing or holds no question file: training or scoring without them would silently give another model.
 */
export function writtenQuestionsDir(): string {
  let root = import.meta.dirname;
  while (!existsSync(join(root, 'package.json')) && dirname(root) !== root) root = dirname(root);
  const dir = join(root, WRITTEN_QUESTIONS_DIR);
  const files = existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.yaml')) : [];
  if (files.length === 0)
    throw new NotFoundError(
      `written questions: ${dir} ${existsSync(dir) ? 'holds no question file' : 'is missing'} (run from a checkout of the repository, or copy its ${WRITTEN_QUESTIONS_DIR} there)`,
      { folder: dir },
    );
  return dir;
}

const WrittenQuestionSchema = z
  .object({
    q: z.string().trim().min(8).describe('The question as a user would type it'),
    page: z
      .string()
      .min(1)
      .describe("The title of the page that answers it: the page's first heading, exactly"),
    section: z
      .string()
      .min(1)
      .optional()
      .describe('Only when several pages share the title: a heading that occurs on exactly one of them'),
    own_words: z
      .boolean()
      .describe("True when the question avoids the page's own words (synonyms, the problem, a symptom)"),
  })
  .strict();

const WrittenQuestionsSchema = z
  .array(WrittenQuestionSchema)
  .min(1)
  .describe('The written questions of one training package');

export type WrittenQuestion = z.infer<typeof WrittenQuestionSchema>;

function invalid(file: string, message: string, details: Record<string, unknown>): InvalidDataError {
  return new InvalidDataError(`written questions ${file}: ${message} (fix the file)`, { file, ...details });
}

/** The validated entries of one package's file, or none when the package has no file. */
export function readWrittenQuestions(name: string, dir: string = writtenQuestionsDir()): WrittenQuestion[] {
  const file = join(dir, `${name}.yaml`);
  if (!existsSync(file)) return [];
  let data: unknown;
  try {
    data = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw invalid(file, `is not valid YAML: ${(error as Error).message.split('\n')[0]}`, {});
  }
  const result = WrittenQuestionsSchema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const [entry, field] = issue.path;
    const where =
      entry === undefined ? 'the list' : `entry ${String(entry)}${field ? ` field ${String(field)}` : ''}`;
    throw invalid(file, `${where}: ${issue.message}`, { entry, field });
  }
  const seen = new Set<string>();
  result.data.forEach((entry, index) => {
    const key = entry.q.toLowerCase();
    if (seen.has(key))
      throw invalid(file, `entry ${index}: question "${entry.q}" is asked twice`, { entry: index });
    seen.add(key);
  });
  return result.data;
}

/** The headings of a markdown page, in order. */
function headingsOf(text: string): string[] {
  return [...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) => m[1]!.trim());
}

/**
 * The training page corpus of one package: the `page` unit's files, no heading hidden; named by their
 * html paths when `paths` gives them (rerank-data.ts `pagePath`).
 */
export function trainingPages(name: string, text: string, paths?: readonly string[]): CorpusDoc[] {
  return headingQuestions(name, text, { ...TRAINING_LIMITS, maxQuestions: 0, unit: 'page' }, paths).docs;
}

/** The path of the one page an entry names, or an error saying which entry and why. */
function resolvePage(
  entry: WrittenQuestion,
  index: number,
  titled: ReadonlyMap<string, Array<{ path: string; headings: string[] }>>,
  file: string,
): string {
  const pages = titled.get(entry.page) ?? [];
  if (pages.length === 0)
    throw invalid(file, `entry ${index}: no page titled "${entry.page}" in the training page corpus`, {
      entry: index,
    });
  const matching =
    entry.section === undefined ? pages : pages.filter((p) => p.headings.includes(entry.section!));
  if (matching.length === 1) return matching[0]!.path;
  const why =
    matching.length === 0
      ? `no page titled "${entry.page}" has the heading "${entry.section}"`
      : `${matching.length} pages are titled "${entry.page}"${entry.section ? ` with the heading "${entry.section}"` : ''} (add a section heading found on one of them)`;
  throw invalid(file, `entry ${index}: ${why}`, { entry: index });
}

/**
 * One package's written questions as judged questions over its training page corpus (`docs`, named by
 * `paths` when given), each with its page as the one relevant file; none when the package has no file.
 */
export function writtenQuestions(
  name: string,
  text: string,
  dir: string = writtenQuestionsDir(),
  paths?: readonly string[],
): { docs: CorpusDoc[]; questions: JudgedQuestion[] } {
  const entries = readWrittenQuestions(name, dir);
  const docs = trainingPages(name, text, paths);
  const titled = new Map<string, Array<{ path: string; headings: string[] }>>();
  for (const doc of docs) {
    const headings = headingsOf(doc.text);
    const title = headings[0] ?? '';
    titled.set(title, [...(titled.get(title) ?? []), { path: doc.path, headings }]);
  }
  const file = join(dir, `${name}.yaml`);
  const questions = entries.map((entry, i) => ({
    id: `${name}-written-${i}`,
    question: entry.q,
    relevant: { [resolvePage(entry, i, titled, file)]: 2 },
  }));
  return { docs, questions };
}
