/**
 * The data size the optimizer plans for: what it is told (`--data-elements`, the MCP tool's
 * `data_elements`, else `[optimization] data_elements` in batuta.toml), else the largest size it can see:
 * the files and standard input of the validation cases, counted in values (whitespace- or
 * comma-separated), and what the source shows (files it reads, array shapes, ranges; script-sizes.ts).
 * Without any it knows no size, and says so.
 */
import { readFileSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import type { ValidationCase } from './config.js';
import { type DataSize, scriptDataSize } from './script-sizes.js';
import type { Analysis } from './types.js';

export type { DataSize } from './script-sizes.js';

/** Files larger than this are estimated from their byte size (8 bytes a value) instead of read. */
const READ_LIMIT = 4 * 1024 * 1024;

function countValues(text: string): number {
  return text.split(/[\s,;]+/).filter((v) => v !== '').length;
}

function fileValues(root: string, name: string): number | null {
  const path = resolve(root, name);
  if (path !== root && !path.startsWith(root + sep)) return null;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) return null;
    if (stat.size > READ_LIMIT) return Math.round(stat.size / 8);
    return countValues(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

/** The size to plan for: the one given, else the largest validation input or source size, else null. */
export function dataSizeFor(
  root: string,
  told: DataSize | undefined,
  cases: readonly ValidationCase[],
  analysis: Analysis,
): DataSize | null {
  if (told !== undefined) return told;
  const project = resolve(root);
  let best: DataSize | null = scriptDataSize(project, analysis, (name) => fileValues(project, name));
  for (const c of cases) {
    const inputs: DataSize[] = [{ elements: countValues(c.stdin), source: `stdin of case ${c.name}` }];
    for (const name of new Set([...c.files, ...c.args])) {
      const elements = fileValues(project, name);
      if (elements !== null) inputs.push({ elements, source: `${name} (input of case ${c.name})` });
    }
    for (const input of inputs) if (input.elements > (best?.elements ?? 0)) best = input;
  }
  return best;
}
