/**
 * What `batuta index` would keep of real documentation folders, and which kept files still look generated:
 *   node dist/bench/hygiene/survey.js DIR... [--cli dist/src/cli/main.js] [--json] [--examples N]
 * Per folder: files seen, kept and left out by rule (from `batuta index DIR --dry-run --json` of the given
 * build), and the kept files a reader would not want in a result list, found by signs independent of the
 * product's own rules (suspects.ts): index and search pages, navigation frames, source listings, minified
 * assets, near-duplicate pages, huge tables.
 */
import { spawnSync } from 'node:child_process';
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DocumentKind } from '../../src/retrieval/documents/sections.js';
import { benchFlags, runBench } from '../lib/bench-flags.js';
import { findRepoRoot } from '../lib/repo.js';
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

interface DryRun {
  readonly files: Array<{ source: string; kind: DocumentKind }>;
  readonly skipped: unknown[];
  readonly summary: { byRule: Record<string, number> };
}

function dryRun(cli: string, root: string): DryRun {
  const run = spawnSync(process.execPath, [cli, 'index', root, '--dry-run', '--json'], {
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  const plan = JSON.parse(run.stdout || '{"collections":[]}').collections[0] as DryRun | undefined;
  return plan ?? { files: [], skipped: [], summary: { byRule: {} } };
}

export function surveyFolder(cli: string, root: string): FolderSurvey {
  const { files: seen, links } = countSeen(root);
  const selection = dryRun(cli, root);
  const suspects: Record<string, string[]> = {};
  const add = (sign: Suspect, source: string) => {
    suspects[sign] = [...(suspects[sign] ?? []), source];
  };
  const texts = new Map<string, string>();
  for (const file of selection.files) {
    let raw: string;
    try {
      raw = readFileSync(join(root, file.source), 'utf8');
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
    byRule: selection.summary.byRule,
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

/** One markdown row: folder, seen, kept, left out, kept files that look generated (by sign). */
function tableRow(survey: FolderSurvey): string {
  const signs = Object.entries(survey.suspects).map(([sign, list]) => `${sign} ${list.length}`);
  const total = Object.values(survey.suspects).reduce((sum, list) => sum + list.length, 0);
  const folder = survey.root.replace(/^.*\/usr\/share\//, '');
  return `| ${folder} | ${survey.seen + survey.links} | ${survey.kept} | ${survey.skipped} | ${total}${signs.length > 0 ? ` (${signs.join(', ')})` : ''} |\n`;
}

function main(argv: string[]): number {
  const { values, positionals } = benchFlags(import.meta.filename, {
    args: argv,
    options: {
      cli: { type: 'string' },
      json: { type: 'boolean' },
      table: { type: 'boolean' },
      examples: { type: 'string', default: '5' },
    },
    allowPositionals: true,
  });
  const cli = resolve(values.cli ?? join(findRepoRoot(import.meta.dirname), 'dist/src/cli/main.js'));
  const surveys = positionals.map((root) => surveyFolder(cli, root));
  if (values.json) process.stdout.write(`${JSON.stringify(surveys, null, 2)}\n`);
  else if (values.table) for (const survey of surveys) process.stdout.write(tableRow(survey));
  else for (const survey of surveys) process.stdout.write(describe(survey, Number(values.examples)));
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`)
  await runBench(import.meta.filename, () => main(process.argv.slice(2)));
