/**
 * The learned model's training examples: the written training questions (knowledge/training/), and
 * pseudo-questions taken from the knowledge files' own texts (a capability's situations and description
 * for the components holding it, a component's summary, description sentences and keywords, a recipe's
 * problem for its first component). Pure: texts in, features and targets out.
 */
import type { Knowledge } from '../../knowledge/schema.js';
import type { TrainingQuestion } from '../../knowledge/training.js';
import { type StemFn, tokenize } from '../../text/tokenize.js';
import type { WordSpace } from '../word-space.js';
import { questionFeatures } from './features.js';
import type { Example } from './train.js';

/** Share an honest alternate gets of a question's target, against 1 for the expected component. */
export const ALTERNATE_SHARE = 0.5;

/** A text and the components it stands for, each with its share before normalizing. */
export interface LabelledText {
  readonly text: string;
  readonly labels: ReadonlyMap<string, number>;
}

/** The labelled texts of written training questions. */
export function questionTexts(questions: readonly TrainingQuestion[]): LabelledText[] {
  return questions.map((q) => ({
    text: q.q,
    labels: new Map([...q.also.map((a) => [a, ALTERNATE_SHARE] as const), [q.expect, 1]]),
  }));
}

const sentences = (text: string) =>
  text
    .split(/(?<=[.!?])\s+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);

/** Pseudo-questions from the knowledge files' texts. */
export function knowledgeTexts(knowledge: Knowledge): LabelledText[] {
  const out: LabelledText[] = [];
  const add = (text: string, holders: readonly string[]) => {
    if (holders.length > 0) out.push({ text, labels: new Map(holders.map((h) => [h, 1])) });
  };
  for (const capability of knowledge.capabilities) {
    const holders = knowledge.components
      .filter((c) => c.capabilities.includes(capability.id))
      .map((c) => c.name);
    for (const text of [...capability.situations, capability.description]) add(text, holders);
  }
  for (const c of knowledge.components) {
    for (const text of [c.summary, ...sentences(c.description), ...c.keywords]) add(text, [c.name]);
  }
  for (const recipe of knowledge.recipes) add(recipe.problem, recipe.components.slice(0, 1));
  return out;
}

/** Features and normalized targets of labelled texts, each counting `weight`. */
export function toExamples(
  texts: readonly LabelledText[],
  classes: readonly string[],
  space: WordSpace | undefined,
  stemWord: StemFn,
  weight = 1,
): Example[] {
  const classOf = new Map(classes.map((c, i) => [c, i]));
  return texts.map(({ text, labels }) => {
    const { sparse, dense } = questionFeatures(tokenize(text, stemWord), space);
    let total = 0;
    for (const share of labels.values()) total += share;
    const target = new Map<number, number>();
    for (const [name, share] of labels) {
      const c = classOf.get(name);
      if (c !== undefined) target.set(c, (target.get(c) ?? 0) + share / total);
    }
    return { sparse, dense, target, weight };
  });
}
