/**
 * `batuta index FOLDER --dry-run --json` through the built CLI, as the hygiene tests read it: the first
 * collection's plan (files kept, files left out with their rule) and two views the assertions compare.
 */
import { expect } from 'vitest';
import { runBatuta } from './run-batuta.js';

export interface DryRunPlan {
  readonly collection: string;
  readonly files: Array<{ source: string; included?: { rules: string[] } }>;
  readonly skipped: Array<{ source: string; rule: string; reason: string; folder?: string }>;
  readonly summary: { readonly byRule: Record<string, number> };
}

/** The dry-run plan of `folder` (run in `home`, with `extra` arguments); the run must succeed. */
export function dryRunPlan(home: string, folder: string, ...extra: string[]): DryRunPlan {
  const run = runBatuta(['index', folder, '--dry-run', '--json', ...extra], home);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout).collections[0];
}

/** The files the plan keeps, in its order. */
export const kept = (p: DryRunPlan) => p.files.map((file) => file.source);

/** Each left-out file's rule. */
export const ruleOf = (p: DryRunPlan) =>
  Object.fromEntries(p.skipped.map((skip) => [skip.source, skip.rule]));
