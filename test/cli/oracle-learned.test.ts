/**
 * Tasks told in everyday words that the rules alone read as another component's, answered through the
 * built CLI once the learned question → component model (src/oracle/learned/) is one of the signals: the
 * primary is right and the model's reading ("learned" in the explain trace) is among its reasons.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = resolve(ROOT, 'dist/src/cli/main.js');
const run = promisify(execFile);
const CACHE = mkdtempSync(join(tmpdir(), 'batuta-learned-cache-'));

interface Answer {
  readonly primary: { readonly component: string } | null;
  readonly explain?: readonly {
    readonly component: string;
    readonly reasons: readonly { readonly signal: string }[];
  }[];
}

async function ask(question: string): Promise<Answer> {
  const env = { ...process.env, XDG_CACHE_HOME: CACHE };
  const { stdout } = await run(process.execPath, [BIN, 'oracle', '--json', '--explain', question], {
    cwd: ROOT,
    env,
  });
  return JSON.parse(stdout) as Answer;
}

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
