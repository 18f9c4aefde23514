/**
 * Compares fusion choice rules on the answers calibration-packages.ts saved: each rule picks a first stage
 * from a package's pseudo-question scores, and the table says what that pick scores on the package's
 * written questions, against the better leg alone and the best fusion of the grid (regret):
 *   node dist/bench/retrieval/calibration-rules.js [--packages dev|held-out|a,b] [--adapt] [--rules a,b]
 *     [--pseudo fed|unfed]   (the dense leg as calibration asks it since record version 3, or without feedback)
 * Needs calibration-packages.js run first for the same packages and mode.
 */
import { InvalidInputError } from '../../src/errors.js';
import {
  anchorStage,
  best,
  chooseConfidently,
  FIRST_STAGE_GRID,
  LEGS_ALONE,
  type Scored,
} from '../../src/retrieval/fusion/calibrate.js';
import { describeFirstStage, type FirstStage } from '../../src/retrieval/fusion/first-stage.js';
import { benchFlags, runBench } from '../lib/bench-flags.js';
import { mean, pairedPermutationTest } from '../lib/metrics.js';
import { findRepoRoot } from '../lib/repo.js';
import { chooseFirstStage, type StageEvidence } from './calibration-minimax.js';
import { type PackageScores, packageScores } from './calibration-packages.js';
import { packagesOf } from './written-first-stage.js';

/** A rule: the first stage it picks from a package's pseudo-question evidence. */
type Rule = (evidence: StageEvidence) => FirstStage;

/** The grid entry a rule anchors on, by name. */
const named = (evidence: StageEvidence, name: string) =>
  evidence.stages.find((entry) => describeFirstStage(entry.value) === name)!;

/** The shipped rule (calibrate-legs.ts): the fusion nearest the stronger leg unless the best beats it clearly. */
function shipped(evidence: StageEvidence): FirstStage {
  const safe = describeFirstStage(anchorStage(evidence.legs).stage);
  return chooseConfidently(evidence.stages, (stage) => describeFirstStage(stage) === safe).chosen.value;
}

/**
 * The shipped rule and the candidates compared with it on the dev packages: minimax regret over the
 * questions each leg wins; the grid's best on the pseudo-questions; plain RRF as the safe choice, replaced
 * only by a clearly better stage (p < 0.05); two fixed stages.
 */
const RULES: Readonly<Record<string, Rule>> = {
  shipped,
  minimax: (evidence) => chooseFirstStage(evidence).chosen.value,
  'best-pseudo': (evidence) => best(evidence.stages).value,
  'rrf-anchor': (evidence) =>
    chooseConfidently(evidence.stages, (stage) => stage === named(evidence, 'rrf k60 bm25 1 dense 1').value)
      .chosen.value,
  'fixed-0.1': (evidence) => named(evidence, 'convex dense 0.1').value,
  'fixed-0.3': (evidence) => named(evidence, 'convex dense 0.3').value,
};

/** Which pseudo-question answers a rule reads: as calibration asks now, or with the dense leg unfed. */
type Pseudo = 'fed' | 'unfed';

function evidenceOf(s: PackageScores, pseudo: Pseudo): StageEvidence {
  const all = pseudo === 'fed' ? s.pseudo.scores : s.pseudo.unfed;
  if (all === undefined)
    throw new InvalidInputError(
      `${s.name}: no unfed pseudo scores cached (remove its scores.json and rerun)`,
    );
  const scored = (stage: FirstStage): Scored<FirstStage> => {
    const scores = all[describeFirstStage(stage)];
    if (scores === undefined)
      throw new InvalidInputError(`no pseudo scores for ${describeFirstStage(stage)}`);
    return { value: stage, ndcg: mean(scores), scores };
  };
  return {
    stages: FIRST_STAGE_GRID.map(scored),
    legs: { bm25: scored(LEGS_ALONE.bm25), dense: scored(LEGS_ALONE.dense) },
  };
}

const fmt = (x: number) => x.toFixed(3);
const signed = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(3)}`;

/** Per package: legs, best grid fusion, then each rule's pick with its regrets; then all questions pooled. */
function report(all: readonly PackageScores[], rules: readonly string[], pseudo: Pseudo): string[] {
  const lines = [
    `| package | n | bm25 / dense (pseudo) | bm25 / dense (written) | best grid fusion | ${rules.map((r) => `${r}: pick, nDCG, regret vs leg / vs best`).join(' | ')} |`,
    `|---|---|---|---|---|${rules.map(() => '---|').join('')}`,
  ];
  const pooled = new Map<string, number[]>([
    ['better leg', []],
    ['best grid', []],
  ]);
  for (const rule of rules) pooled.set(rule, []);
  for (const s of all) {
    const w = (name: string) => mean(s.written[name]!);
    const leg = w('bm25') >= w('dense') ? 'bm25' : 'dense';
    const grid = FIRST_STAGE_GRID.map(describeFirstStage);
    const top = grid.reduce((a, b) => (w(b) > w(a) + 1e-12 ? b : a));
    pooled.get('better leg')!.push(...s.written[leg]!);
    pooled.get('best grid')!.push(...s.written[top]!);
    const cells = rules.map((rule) => {
      const pick = describeFirstStage(RULES[rule]!(evidenceOf(s, pseudo)));
      pooled.get(rule)!.push(...s.written[pick]!);
      return `${pick}, ${fmt(w(pick))}, ${signed(w(pick) - w(leg))} / ${signed(w(pick) - w(top))}`;
    });
    const p = (name: string) => fmt(mean(s.pseudo.scores[name]!));
    lines.push(
      `| ${s.name} | ${s.written.bm25!.length} | ${p('convex dense 0')} / ${p('convex dense 1')} | ${fmt(w('bm25'))} / ${fmt(w('dense'))} | ${top} ${fmt(w(top))} | ${cells.join(' | ')} |`,
    );
  }
  lines.push(
    '',
    `All ${pooled.get('better leg')!.length} questions pooled (nDCG@10; paired vs the first rule):`,
  );
  const base = pooled.get(rules[0]!)!;
  for (const [name, xs] of pooled) {
    const test = pairedPermutationTest(xs, base, { rounds: 10_000, seed: 1 });
    lines.push(`- ${name}: ${fmt(mean(xs))} (${signed(test.difference)}, p ${test.p.toFixed(4)})`);
  }
  return lines;
}

async function main(argv: readonly string[]): Promise<void> {
  const { values } = benchFlags(import.meta.filename, {
    args: [...argv],
    options: {
      packages: { type: 'string', default: 'dev' },
      adapt: { type: 'boolean', default: false },
      rules: { type: 'string', default: Object.keys(RULES).join(',') },
      pseudo: { type: 'string', default: 'fed' },
    },
  });
  const rules = values.rules.split(',');
  for (const rule of rules)
    if (RULES[rule] === undefined)
      throw new InvalidInputError(
        `calibration-rules: unknown rule "${rule}" (known: ${Object.keys(RULES).join(', ')})`,
      );
  const repo = findRepoRoot(import.meta.dirname);
  const all: PackageScores[] = [];
  for (const name of packagesOf(values.packages)) all.push(await packageScores(repo, name, values.adapt));
  const pseudo = values.pseudo === 'unfed' ? 'unfed' : 'fed';
  for (const line of report(all, rules, pseudo)) console.log(line);
}

if (import.meta.url === `file://${process.argv[1]}`)
  await runBench(import.meta.filename, () => main(process.argv.slice(2)));
