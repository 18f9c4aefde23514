/**
 * The shared retrieval question-set format (bench/retrieval/<set>.yaml), validated with zod so a typo
 * in a hand-written set fails loudly with the question id and field instead of skewing a score.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { InvalidDataError, NotFoundError } from '../../src/errors.js';

const QuestionSchema = z.object({
  id: z.string().min(1).describe('Stable id, unique within the set, e.g. b001'),
  question: z.string().min(1).describe('The question as a user would type it'),
  split: z.enum(['dev', 'test']).describe('dev questions may be tuned on; test questions never'),
  low_overlap: z
    .boolean()
    .default(false)
    .describe('True when the question shares few content words with its answer'),
  about_changes: z
    .boolean()
    .optional()
    .describe('True when the question asks what changed between versions: release notes may answer it'),
  relevant: z
    .record(z.string().min(1), z.number().int().min(0).max(3))
    .refine(
      (grades) => Object.values(grades).some((grade) => grade > 0),
      'needs at least one file graded above 0',
    )
    .describe('Graded relevance of files relative to the corpus root: 2 answers it, 1 related'),
});

const QuestionSetSchema = z.object({
  corpus: z.string().min(1).describe('Corpus name: specs, batuta-docs, debian, or a folder path'),
  questions: z.array(QuestionSchema).min(1).describe('The graded questions'),
});

export type Question = z.infer<typeof QuestionSchema>;
export type QuestionSet = z.infer<typeof QuestionSetSchema>;

/**
 * Validates parsed YAML/JSON as a set of `schema` (a `kind` of set, named in errors: "question set", "section
 * set"); question ids must be unique.
 */
export function parseGradedSet<T extends { questions: ReadonlyArray<{ id: string }> }>(
  schema: z.ZodType<T>,
  data: unknown,
  origin: string,
  kind: string,
): T {
  const result = schema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.join('.') ?? '';
    throw new InvalidDataError(
      `${kind} ${origin}: ${where} ${issue?.message ?? 'is invalid'} (fix the file)`,
      {
        origin,
        path: where,
      },
    );
  }
  const seen = new Set<string>();
  for (const question of result.data.questions) {
    if (seen.has(question.id)) {
      throw new InvalidDataError(`${kind} ${origin}: id "${question.id}" appears twice (make ids unique)`, {
        origin,
        id: question.id,
      });
    }
    seen.add(question.id);
  }
  return result.data;
}

/** The parsed YAML of a set file (a `kind` of set, named in errors). */
export function readSetYaml(path: string, kind: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new NotFoundError(`${kind} ${path} cannot be read (check the path or create the set first)`, {
      path,
    });
  }
  try {
    return parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new InvalidDataError(`${kind} ${path} is not valid YAML: ${reason}`, { path });
  }
}

/** Validates parsed YAML/JSON as a question set; ids must be unique. */
export function parseQuestionSet(data: unknown, origin: string): QuestionSet {
  return parseGradedSet(QuestionSetSchema, data, origin, 'question set');
}

/** Reads and validates a question-set YAML file. */
export function loadQuestionSet(path: string): QuestionSet {
  return parseQuestionSet(readSetYaml(path, 'question set'), path);
}

/** Judged files that do not exist in the corpus: a set graded against another corpus version. */
export function missingJudgedFiles(set: QuestionSet, files: readonly string[]): string[] {
  const present = new Set(files);
  const missing = new Set<string>();
  for (const question of set.questions) {
    for (const file of Object.keys(question.relevant)) if (!present.has(file)) missing.add(file);
  }
  return [...missing].sort();
}
