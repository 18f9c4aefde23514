/** What a folder holds, without following links: for asserting that an attack changed nothing. */
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';

/** Every entry beneath `dir` with its kind and content (files) or target (links), sorted by path. */
export function snapshotTree(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    const rel = `${prefix}${name}`;
    const stats = lstatSync(path);
    if (stats.isSymbolicLink()) out.push(`${rel} -> ${readlinkSync(path)}`);
    else if (stats.isDirectory()) out.push(`${rel}/`, ...snapshotTree(path, `${rel}/`));
    else out.push(`${rel}: ${readFileSync(path, 'utf8')}`);
  }
  return out;
}

/** Files beneath `dir` (links not followed) whose bytes contain `text`. */
export function grepTree(dir: string, text: string): string[] {
  return snapshotTree(dir)
    .filter((line) => line.includes(': ') && line.includes(text))
    .map((line) => line.slice(0, line.indexOf(': ')));
}
