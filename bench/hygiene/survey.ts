/**
 * What `batuta index` would keep of real documentation folders, and which kept files still look generated:
 *   node dist/bench/hygiene/survey.js DIR... [--json] [--examples N]
 * Per folder: files seen, kept, left out by rule, and the kept files a reader would not want in a result
 * list, found by signs independent of the product's own rules (suspects.ts): index and search pages,
 * navigation frames, source listings, minified assets, near-duplicate pages, huge tables.
 */
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { countByRule, selectFiles } from '../../src/retrieval/index.js';
import { nearDuplicates, type Suspect, suspectOf } from './suspects.js';

/** Every regular file below `root` (symbolic links counted, not followed). */
function countSeen(root: string): { files: number; links: number } {
  let files = 0;
  let links = 0;
  const walk = (dir: string) => {
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of entries) {
      const path = join(dir, name);
      const stats = lstatSync(path, { throwIfNoEntry: false });
      if (stats === undefined) continue;
      if (stats.isSymbolicLink()) links += 1;
      else if (stats.isDirectory()) walk(path);
      else if (stats.isFile()) files += 1;
    }
  };
  walk(root);
  return { files, links };
}

export interface FolderSurvey {
  readonly root: string;
  readonly seen: number;
  readonly links: number;
  readonly kept: number;
  readonly skipped: number;
  readonly byRule: Record<string, number>;
  /** Kept files that look generated, by sign. */
  readonly suspects: Record<string, string[]>;
}

export function surveyFolder(root: string): FolderSurvey {
  const { files: seen, links } = countSeen(root);
  const selection = selectFiles(root);
  const suspects: Record<string, string[]> = {};
  const add = (sign: Suspect, source: string) => {
    suspects[sign] = [...(suspects[sign] ?? []), source];
  };
  const texts = new Map<string, string>();
  for (const file of selection.files) {
    let raw: string;
    try {
      raw = readFileSync(file.path, 'utf8');
    } catch {
      continue;
    }
    const found = suspectOf(file.source, file.kind, raw);
    if (found.sign !== null) add(found.sign, file.source);
    if (found.text !== null) texts.set(file.source, found.text);
  }
  for (const [source, original] of nearDuplicates(texts)) add('near-duplicate', `${source} ~ ${original}`);
  return {
    root,
    seen,
    links,
    kept: selection.files.length,
    skipped: selection.skipped.length,
    byRule: countByRule(selection.skipped),
    suspects,
  };
}

function describe(survey: FolderSurvey, examples: number): string {
  const rules = Object.entries(survey.byRule)
    .map(([rule, count]) => `${rule} ${count}`)
    .join(', ');
  const lines = [
    `${survey.root}`,
    `  seen ${survey.seen} files (${survey.links} symlinks), kept ${survey.kept}, left out ${survey.skipped}${rules === '' ? '' : ` (${rules})`}`,
  ];
  const total = Object.values(survey.suspects).reduce((sum, list) => sum + list.length, 0);
  lines.push(`  kept but looks generated: ${total}`);
  for (const [sign, list] of Object.entries(survey.suspects)) {
    lines.push(`    ${sign} ${list.length}: ${list.slice(0, examples).join(', ')}`);
  }
  return `${lines.join('\n')}\n`;
}

function main(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { json: { type: 'boolean' }, examples: { type: 'string', default: '5' } },
    allowPositionals: true,
  });
  const surveys = positionals.map(surveyFolder);
  if (values.json) process.stdout.write(`${JSON.stringify(surveys, null, 2)}\n`);
  else for (const survey of surveys) process.stdout.write(describe(survey, Number(values.examples)));
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = main(process.argv.slice(2));
