/**
 * The data size the optimizer plans for: what batuta.toml states (`[optimization] data_elements`), else
 * the largest input it can see, i.e. the files and standard input of the validation cases, counted in
 * values (whitespace- or comma-separated). Without either it knows no size, and says so.
 */
import { readFileSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import type { ValidationCase } from './config.js';

/** A data size and where it came from. */
export interface DataSize {
  readonly elements: number;
  readonly source: string;
}

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

/** The size to plan for: the one batuta.toml gives, else the largest validation input, else null. */
export function dataSizeFor(root: string, told: number | undefined, cases: readonly ValidationCase[]) {
  if (told !== undefined) return { elements: told, source: 'batuta.toml [optimization] data_elements' };
  let best: DataSize | null = null;
  for (const c of cases) {
    const inputs: DataSize[] = [{ elements: countValues(c.stdin), source: `stdin of case ${c.name}` }];
    for (const name of new Set([...c.files, ...c.args])) {
      const elements = fileValues(resolve(root), name);
      if (elements !== null) inputs.push({ elements, source: `${name} (input of case ${c.name})` });
    }
    for (const input of inputs) if (input.elements > (best?.elements ?? 0)) best = input;
  }
  return best;
}
