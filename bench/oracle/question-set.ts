/**
 * Oracle question sets (bench/oracle/*.yaml), validated with zod. A set either marks each question's
 * split in the file (`split: dev|test`, drawn at random with a seed when the set was frozen) or, for
 * the older sets, holds out every third question. Held-out questions are not looked at while tuning,
 * so their accuracy estimates how the oracle does on questions nobody tuned for.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';

/** The expected answer of a question no component of the stack answers: the oracle should name no primary. */
export const NO_COMPONENT = 'none';

const QuestionSchema = z.object({
  q: z.string().min(3).describe('The question as a user would type it'),
  expect: z
    .string()
    .min(1)
    .describe(
      `The primary component a careful engineer would name, or "${NO_COMPONENT}" when nothing in the stack fits`,
    ),
  also: z.array(z.string()).default([]).describe('Honest alternates that also count as correct'),
  kind: z
    .enum([
      'plain',
      'paraphrase',
      'trap',
      'replaces',
      'migration',
      'multi',
      'hardware',
      'deploy',
      'names',
      'offtopic',
    ])
    .describe('What the question tests'),
  split: z.enum(['dev', 'test']).optional().describe('Split drawn when the set was frozen; else by position'),
  described: z.boolean().default(false).describe('The task is described without naming its technique'),
  negation: z.boolean().default(false).describe('The question rules something out'),
});

export type Split = 'dev' | 'holdout' | 'test';

export interface OracleQuestion extends Omit<z.infer<typeof QuestionSchema>, 'split'> {
  readonly split: Split;
}

/** Split of the question at a 0-based position: the 3rd, 6th, 9th … are held out. */
export function splitOf(index: number): Split {
  return index % 3 === 2 ? 'holdout' : 'dev';
}

/** Loads and validates the question set; throws naming the file and the bad entry. */
export function loadOracleQuestions(path: string): OracleQuestion[] {
  const parsed = z.array(QuestionSchema).safeParse(parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${path}: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  return parsed.data.map((q, i) => ({ ...q, split: q.split ?? splitOf(i) }));
}
