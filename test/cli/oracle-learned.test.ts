/**
 * Tasks told in everyday words that the rules alone read as another component's, answered through the
 * built CLI once the learned question → component model (src/oracle/learned/) is one of the signals: the
 * primary is right and the model's reading ("learned" in the explain trace) is among its reasons.
 */
import { describe, expect, it } from 'vitest';
import { createOracleAsker } from './ask-oracle.js';

interface Answer {
  readonly primary: { readonly component: string } | null;
  readonly explain?: readonly {
    readonly component: string;
    readonly reasons: readonly { readonly signal: string }[];
  }[];
}

const ask = createOracleAsker<Answer>();

const CASES: readonly (readonly [question: string, component: string])[] = [
  [
    'after the upgrade the service got slow and I suspect it is hammering the filesystem; what is it doing underneath',
    'renacer',
  ],
  ["which copy of the churn model is running in production, and can we roll back to last tuesday's", 'pacha'],
  [
    'data team wrote the pricing rules in python; the backend is rust; how do the rules get there without a rewrite',
    'depyler',
  ],
];

describe.concurrent('batuta oracle with the learned model (built CLI)', () => {
  for (const [question, component] of CASES) {
    it(`${question} → ${component}`, async () => {
      const answer = await ask(question);
      expect(answer.primary?.component).toBe(component);
      const reasons = answer.explain?.find((s) => s.component === component)?.reasons ?? [];
      expect(reasons.map((r) => r.signal)).toContain('learned');
    });
  }
});
