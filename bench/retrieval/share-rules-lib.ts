/**
 * The pure parts of share-rules.ts: candidate rules for the reranker share a collection keeps (each picks a
 * share from the share pass's per-pseudo-question nDCG@10, as calibrate-legs.ts scores them), and how a rule
 * is judged on a package's written questions (the written nDCG@10 of each question at the share it picks).
 * The rules were written down before any package's written result was read (bench/RESULTS.md, s14-rule).
 */
import { best, CONFIDENCE, chooseConfidently, type Scored } from '../../src/retrieval/fusion/calibrate.js';
import { pairedGainP } from '../../src/retrieval/fusion/paired.js';
import { mean, pairedPermutationTest } from '../lib/metrics.js';

/** A rule: the share it keeps, from the pseudo-question scores of every share tried. */
export type ShareRule = (shares: ReadonlyArray<Scored<number>>) => number;

const at = (shares: ReadonlyArray<Scored<number>>, share: number) => {
  const found = shares.find((entry) => entry.value === share);
  if (found === undefined) throw new RangeError(`share-rules: share ${share} was not scored`);
  return found;
};

/** Whether share `a` beats share `b` on the pseudo-questions at one-sided p below CONFIDENCE.alpha. */
function beats(shares: ReadonlyArray<Scored<number>>, a: number, b: number): boolean {
  return pairedGainP(at(shares, a).scores, at(shares, b).scores, CONFIDENCE) < CONFIDENCE.alpha;
}

const anchoredOn =
  (anchor: number): ShareRule =>
  (shares) =>
    chooseConfidently(shares, (share) => share === anchor).chosen.value;

/** Pseudo nDCG gain of the reranker's order alone over no reranking under which R4 drops to R1. */
export const R4_MIN_GAIN = 0.01;

/** The candidate rules, R0 the one shipped (calibrate-legs.ts). */
export const SHARE_RULES: Readonly<Record<string, { readonly describe: string; readonly pick: ShareRule }>> =
  {
    R0: { describe: 'anchor on share 1, move at p < .05 (shipped)', pick: anchoredOn(1) },
    R1: { describe: 'anchor on share 0, move at p < .05', pick: anchoredOn(0) },
    R2: { describe: 'argmax of pseudo nDCG (ties: the lower share)', pick: (shares) => best(shares).value },
    R3: {
      describe: 'R0 if share 1 beats 0 at p < .05; 0 if 0 beats 1; else 0.5',
      pick: (shares) => {
        if (beats(shares, 1, 0)) return anchoredOn(1)(shares);
        return beats(shares, 0, 1) ? 0 : 0.5;
      },
    },
    R4: {
      describe: `R0 if pseudo gain of share 1 over 0 >= ${R4_MIN_GAIN}, else R1`,
      pick: (shares) =>
        at(shares, 1).ndcg - at(shares, 0).ndcg >= R4_MIN_GAIN
          ? anchoredOn(1)(shares)
          : anchoredOn(0)(shares),
    },
  };

/** One package's evidence: its pseudo-question scores per share, its written nDCG@10 per share. */
export interface PackageShares {
  readonly name: string;
  readonly pseudo: ReadonlyArray<Scored<number>>;
  /** Written questions' nDCG@10 by share (String(share)), in question order. */
  readonly written: Readonly<Record<string, readonly number[]>>;
}

/** A rule's picks per package and its written scores, pooled in package order. */
export function judge(packages: readonly PackageShares[], rule: ShareRule) {
  const picks = packages.map((pkg) => ({ name: pkg.name, share: rule(pkg.pseudo) }));
  const scores = packages.flatMap((pkg, i) => {
    const written = pkg.written[String(picks[i]!.share)];
    if (written === undefined)
      throw new RangeError(`share-rules: ${pkg.name} has no written share ${picks[i]!.share}`);
    return [...written];
  });
  return { picks, scores, mean: mean(scores) };
}

/** A candidate rule against a base rule: pooled difference and p, packages lower and higher. */
export function versus(packages: readonly PackageShares[], base: ShareRule, candidate: ShareRule) {
  const a = judge(packages, base);
  const b = judge(packages, candidate);
  const test = pairedPermutationTest(b.scores, a.scores, { seed: 1 });
  const perPackage = packages.map((pkg, i) => {
    const written = (share: number) => mean(pkg.written[String(share)]!);
    return written(b.picks[i]!.share) - written(a.picks[i]!.share);
  });
  return {
    difference: test.difference,
    p: test.p,
    lower: perPackage.filter((d) => d < -1e-12).length,
    higher: perPackage.filter((d) => d > 1e-12).length,
    perPackage,
  };
}
