/**
 * Training questions for the oracle's learned model (knowledge/training/questions-*.yaml): questions as
 * users type them, each with the component that should answer it. They teach wording, never measure it
 * (bench/oracle holds the question sets that measure). Validated with zod; a problem becomes one
 * InvalidDataError naming the file, the entry and the bad value.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { z } from 'zod';
import { InvalidDataError } from '../errors.js';
import { defaultKnowledgeDir, validate } from './load.js';

export const TrainingQuestionSchema = z.strictObject({
  q: z.string().min(3).describe('The question as a user would type it'),
  expect: z.string().min(1).describe('The component that should answer it (a name in knowledge/components/)'),
  also: z.array(z.string().min(1)).default([]).describe('Other components that answer it equally well'),
  described: z
    .boolean()
    .default(false)
    .describe('The task is told in everyday words without naming its technique'),
});

export type TrainingQuestion = z.infer<typeof TrainingQuestionSchema>;

/** The folder of training questions shipped with the package. */
export function defaultTrainingDir(): string {
  return join(defaultKnowledgeDir(), 'training');
}

function fail(file: string, where: string, problem: string): never {
  throw new InvalidDataError(`training: ${file}: ${where}: ${problem} (fix the file)`, { file, path: where });
}

/** Checks the names an entry gives against the components of the stack. */
function checkNames(question: TrainingQuestion, components: ReadonlySet<string>, file: string, at: number) {
  for (const [field, name] of [
    ['expect', question.expect],
    ...question.also.map((a, i) => [`also.${i}`, a] as const),
  ] as const) {
    if (!components.has(name)) fail(file, `${at}.${field}`, `unknown component "${name}"`);
  }
}

/** Parses and validates one file's text; `file` names it in errors. */
export function parseTrainingQuestions(
  text: string,
  file: string,
  components: ReadonlySet<string>,
): TrainingQuestion[] {
  let data: unknown;
  try {
    data = yaml.load(text, { filename: file });
  } catch (error) {
    const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    return fail(file, '-', `not valid YAML: ${message.replace(/^YAMLException: /, '')}`);
  }
  if (!Array.isArray(data)) return fail(file, '-', 'expected a list of questions');
  return data.map((entry, i) => {
    let question: TrainingQuestion;
    try {
      question = validate(TrainingQuestionSchema, entry, file, String(i));
    } catch (error) {
      const message = error instanceof Error ? error.message.replace(/^knowledge: /, 'training: ') : '';
      throw new InvalidDataError(message, { file, path: String(i) });
    }
    checkNames(question, components, file, i);
    return question;
  });
}

/**
 * Every training question under `dir` (files questions-*.yaml, in name order); none when the folder is
 * missing. Throws InvalidDataError naming the file and entry of the first bad one.
 */
export function loadTrainingQuestions(
  components: ReadonlySet<string>,
  dir = defaultTrainingDir(),
): TrainingQuestion[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /^questions-.*\.ya?ml$/.test(f))
    .sort()
    .flatMap((f) => parseTrainingQuestions(readFileSync(join(dir, f), 'utf8'), `training/${f}`, components));
}
