/**
 * Recommendation quality on bench/oracle/questions.yaml: top-1 (the primary is the expected component
 * or an honest alternate) and top-3 (one of the three best-scored components is), per split and per
 * kind, with the misses listed. Run: `npm run build && node dist/bench/oracle/eval.js [--split dev|holdout|test|all]
 * [--set fresh] [--meaning-threshold T | --no-meanings] [--no-described] [--no-learned] [--no-documents]` (`--set` picks bench/oracle/<set>.yaml; `fresh` was written after tuning stopped;
 * `unseen` is issue 12's set, split dev/test in the file).
 */
import { join } from 'node:path';
import { InvalidInputError } from '../../src/errors.js';
import { createOracle, loadComponentDocuments, loadKnowledge, type Oracle } from '../../src/index.js';
import { openLearnedModel } from '../../src/oracle/learned/model-file.js';
import { readMeaningsSnapshot } from '../../src/oracle/meanings-snapshot.js';
import { openWordSpace } from '../../src/oracle/word-space.js';
import { benchFlags, runBench } from '../lib/bench-flags.js';
import { findRepoRoot } from '../lib/repo.js';
import { loadOracleQuestions, NO_COMPONENT, type OracleQuestion, type Split } from './question-set.js';

/** The outcome of one question. */
export interface Graded {
  readonly question: OracleQuestion;
  readonly ranked: readonly string[];
  readonly top1: boolean;
  readonly top3: boolean;
}

/**
 * Grades every question against an oracle. Top-3 is read from the scored ranking, as it always was, even
 * when the oracle names no primary. A question expecting no component (`none`) is a hit when the oracle
 * names no primary, at top-1 and top-3 alike: offering a component there is the miss.
 */
export function grade(oracle: Oracle, questions: readonly OracleQuestion[]): Graded[] {
  return questions.map((question) => {
    const answer = oracle.answer(question.q, true);
    const ranked = (answer.explain ?? []).map((s) => s.component);
    const good = new Set([question.expect, ...question.also]);
    const primary = answer.primary?.component;
    const declined = primary === undefined && good.has(NO_COMPONENT);
    return {
      question,
      ranked,
      top1: declined || (primary !== undefined && good.has(primary)),
      top3: declined || (!good.has(NO_COMPONENT) && ranked.slice(0, 3).some((c) => good.has(c))),
    };
  });
}

const pct = (hits: number, n: number) => (n === 0 ? '-' : `${((100 * hits) / n).toFixed(1)}%`);

/** A markdown table of top-1/top-3 accuracy for groups of graded questions. */
export function accuracyTable(groups: ReadonlyMap<string, readonly Graded[]>): string {
  const rows = ['| set | questions | top-1 | top-3 |', '|---|---|---|---|'];
  for (const [name, items] of groups) {
    const top1 = items.filter((g) => g.top1).length;
    const top3 = items.filter((g) => g.top3).length;
    rows.push(`| ${name} | ${items.length} | ${pct(top1, items.length)} | ${pct(top3, items.length)} |`);
  }
  return rows.join('\n');
}

function groupBy(graded: readonly Graded[], key: (g: Graded) => string): Map<string, Graded[]> {
  const groups = new Map<string, Graded[]>();
  for (const g of graded) groups.set(key(g), [...(groups.get(key(g)) ?? []), g]);
  return new Map([...groups].sort(([a], [b]) => a.localeCompare(b)));
}

/** The described-task and negation questions per split, when the set marks them. */
function facets(graded: readonly Graded[]): Map<string, Graded[]> {
  const groups = new Map<string, Graded[]>();
  for (const [name, keep] of [
    ['described', (g: Graded) => g.question.described],
    ['negation', (g: Graded) => g.question.negation],
  ] as const) {
    for (const g of graded.filter(keep)) {
      for (const key of [`${name} ${g.question.split}`, `${name} all`]) {
        groups.set(key, [...(groups.get(key) ?? []), g]);
      }
    }
  }
  return groups;
}

const SPLITS: readonly string[] = ['dev', 'holdout', 'test', 'all'];

/** The split `--split` asks for: null for every question (`all` or no flag). */
function splitOf(value: string): Split | null {
  if (!SPLITS.includes(value))
    throw new InvalidInputError(`eval: unknown split "${value}" (give one of: ${SPLITS.join(', ')})`);
  return value === 'all' ? null : (value as Split);
}

/** `--meaning-threshold`: a number, or undefined for the oracle's own. */
function thresholdOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const threshold = Number(value);
  if (value.trim() === '' || !Number.isFinite(threshold))
    throw new InvalidInputError(`eval: --meaning-threshold "${value}" is not a number`);
  return threshold;
}

function main(argv: string[]): void {
  const { values } = benchFlags(import.meta.filename, {
    args: argv,
    options: {
      split: { type: 'string', default: 'all' },
      set: { type: 'string', default: 'questions' },
      'meaning-threshold': { type: 'string' },
      'no-meanings': { type: 'boolean', default: false },
      'no-described': { type: 'boolean', default: false },
      'no-learned': { type: 'boolean', default: false },
      'no-documents': { type: 'boolean', default: false },
    },
  });
  const only = splitOf(values.split);
  const threshold = thresholdOf(values['meaning-threshold']);
  const root = findRepoRoot(import.meta.dirname);
  const questions = loadOracleQuestions(join(root, `bench/oracle/${values.set}.yaml`));
  const knowledge = loadKnowledge();
  const names = knowledge.components.map((c) => c.name);
  const documents = values['no-documents']
    ? new Map<string, string>()
    : loadComponentDocuments(join(root, 'specs'), names);
  const meanings = values['no-meanings'] ? undefined : readMeaningsSnapshot();
  const words = values['no-described'] ? undefined : openWordSpace();
  const model = values['no-learned'] ? undefined : openLearnedModel();
  const oracle = createOracle(knowledge, { documents, soft: { meanings, threshold, words, model } });
  const graded = grade(oracle, questions).filter((g) => only === null || g.question.split === only);
  const splits = groupBy(graded, (g) => g.question.split);
  splits.set('all', graded);
  console.log(accuracyTable(splits));
  console.log('');
  console.log(accuracyTable(groupBy(graded, (g) => `kind ${g.question.kind}`)));
  console.log('');
  console.log(accuracyTable(facets(graded)));
  // A test split is read once, at the end: its misses are printed only when asked for by name.
  const shown = graded.filter((g) => only === 'test' || g.question.split !== 'test');
  const misses = shown.filter((g) => !g.top1);
  console.log(`\nMisses (${misses.length}${shown.length < graded.length ? ', test split not shown' : ''}):`);
  for (const g of misses) {
    const want = [g.question.expect, ...g.question.also].join('|');
    console.log(
      `- [${g.question.split}] "${g.question.q}": want ${want}, got ${g.ranked.slice(0, 3).join(', ') || 'nothing'}`,
    );
  }
}

if (process.argv[1] !== undefined && import.meta.filename === process.argv[1])
  await runBench(import.meta.filename, () => main(process.argv.slice(2)));
