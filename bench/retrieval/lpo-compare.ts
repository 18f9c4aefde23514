/**
 * Compares two leave-package-out runs (lpo.ts) question by question: each run's `results-*.json` names
 * a variant fitted on its own recorded heads. lpo.ts compares fit variants on one set of heads; a change
 * that alters the heads themselves (the translation column's scoring or table, anything the first stage or
 * the feature rows read) needs a run of its own, built from that change, and is compared here with a run
 * of the base build. Prints, for all questions, own_words, the others, each fold and each package: the
 * first stage of both runs (equal when the change leaves the first stage alone), their reranked nDCG@10,
 * the difference and its paired randomization test (10,000 rounds, seeded).
 *   node dist/bench/retrieval/lpo-compare.js BASE_RESULTS.json[:variant] CANDIDATE_RESULTS.json[:variant] [--json]
 */
import { readFileSync } from 'node:fs';
import { InvalidInputError } from '../../src/errors.js';
import { benchFlags, runBench } from '../lib/bench-flags.js';
import { compareRuns, type QuestionScore } from './lpo-lib.js';

/** One side of the comparison: a results file and the variant read from it (its first by default). */
function scoresOf(spec: string): { name: string; scores: QuestionScore[] } {
  const at = spec.lastIndexOf(':');
  const [file, variant] =
    at > 0 && !spec.slice(at).includes('/') ? [spec.slice(0, at), spec.slice(at + 1)] : [spec, ''];
  const stored = JSON.parse(readFileSync(file, 'utf8')) as {
    variants?: string[];
    scores?: Record<string, QuestionScore[]>;
  };
  const name = variant || stored.variants?.[0] || '';
  const scores = stored.scores?.[name];
  if (scores === undefined)
    throw new InvalidInputError(
      `lpo-compare: ${file} holds no scores of variant "${name}" (rerun node dist/bench/retrieval/lpo.js)`,
    );
  return { name: `${file}:${name}`, scores };
}

function main(argv: string[]): void {
  const { values, positionals } = benchFlags(import.meta.filename, {
    args: argv,
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false } },
  });
  if (positionals.length !== 2)
    throw new InvalidInputError(
      'lpo-compare: give two results files (BASE.json[:variant] CANDIDATE.json[:variant])',
    );
  const base = scoresOf(positionals[0]!);
  const candidate = scoresOf(positionals[1]!);
  const rows = compareRuns(base.scores, candidate.scores);
  if (values.json) {
    process.stdout.write(
      `${JSON.stringify({ base: base.name, candidate: candidate.name, rows }, null, 2)}\n`,
    );
    return;
  }
  const f = (v: number) => v.toFixed(3);
  process.stdout.write(`base ${base.name}\ncandidate ${candidate.name}\n\n`);
  process.stdout.write('| questions | n | first stage (base / candidate) | base | candidate | Δ | p |\n');
  process.stdout.write('|---|---|---|---|---|---|---|\n');
  // Groups neither run scored (packages of folds not run) are left out of the table, kept in the JSON.
  for (const r of rows.filter((row) => row.n > 0))
    process.stdout.write(
      `| ${r.name} | ${r.n} | ${f(r.firstBase)} / ${f(r.firstCandidate)} | ${f(r.base)} | ${f(r.candidate)} | ${r.difference >= 0 ? '+' : ''}${r.difference.toFixed(4)} | ${r.p.toFixed(4)} |\n`,
    );
}

await runBench(import.meta.filename, () => main(process.argv.slice(2)));
