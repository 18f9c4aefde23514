/**
 * The section-level question-set format (bench/retrieval/sections/*.yaml): each question names the
 * collection it is asked of, and for each answer file the headings of the sections that answer it, so the
 * bench can say whether the chunk a result shows for a file is the right part of that file.
 */
import { z } from 'zod';
import { parseGradedSet, readSetYaml } from './question-set.js';

const SectionQuestionSchema = z.object({
  id: z.string().min(1).describe('Stable id, unique within the set, e.g. s01'),
  corpus: z
    .string()
    .min(1)
    .describe('The collection asked: its database is DBS/<corpus>.db, its name <corpus>'),
  question: z.string().min(1).describe('The question as a user would type it'),
  split: z.enum(['dev', 'test']).describe('dev questions may be tuned on; test questions never'),
  low_overlap: z.boolean().describe('True when the question avoids the words of its answer'),
  answers: z
    .record(z.string().min(1), z.array(z.string().min(1)).min(1))
    .refine((answers) => Object.keys(answers).length > 0, 'needs at least one answer file')
    .describe('Answer files (relative to the collection root) and the headings of the sections that answer'),
});

const SectionSetSchema = z.object({
  questions: z.array(SectionQuestionSchema).min(1).describe('The graded questions'),
});

export type SectionQuestion = z.infer<typeof SectionQuestionSchema>;
export type SectionSet = z.infer<typeof SectionSetSchema>;

/** Validates parsed YAML as a section set; ids must be unique. */
export function parseSectionSet(data: unknown, origin: string): SectionSet {
  return parseGradedSet(SectionSetSchema, data, origin, 'section set');
}

/** Reads and validates a section-set YAML file. */
export function loadSectionSet(path: string): SectionSet {
  return parseSectionSet(readSetYaml(path, 'section set'), path);
}
