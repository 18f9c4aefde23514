import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The README against what it describes: every `batuta` command line it shows uses flags the built CLI's
 * `batuta COMMAND --help` lists, every flag a command's help lists is named in the README, and its
 * architecture section names every folder of the tree (and no folder that is not there).
 */
const ROOT = resolve(import.meta.dirname, '..');
const BIN = resolve(ROOT, 'dist/src/cli/main.js');
const README = readFileSync(resolve(ROOT, 'README.md'), 'utf8');
const COMMANDS = [
  'oracle',
  'index',
  'collections',
  'mcp',
  'analyze',
  'plan',
  'transpile',
  'optimize',
  'validate',
  'deploy',
  'status',
  'report',
  'reset',
];
const COMMAND_AT = new RegExp(`(?:^|\\s)(batuta (?:${COMMANDS.join('|')})\\b.*)`);

const helps = new Map<string, string>();
function helpOf(command: string): string {
  let help = helps.get(command);
  if (help === undefined) {
    help = execFileSync(process.execPath, [BIN, command, '--help'], { encoding: 'utf8' });
    helps.set(command, help);
  }
  return help;
}

/** `batuta COMMAND ...` as the README shows it: shell blocks (one command per pipe stage) and the CLI table. */
function commandLines(): string[] {
  const lines: string[] = [];
  let shell = false;
  for (const line of README.split('\n')) {
    if (line.startsWith('```')) {
      shell = /^```(sh|bash)\b/.test(line);
      continue;
    }
    if (line.startsWith('| `batuta ')) lines.push(line.split(' | ')[0]!.slice(2).replaceAll('`', ''));
    if (!shell) continue;
    for (const stage of line.split('#')[0]!.split(/ \| |&&|;/)) {
      const found = COMMAND_AT.exec(stage);
      if (found) lines.push(found[1]!);
    }
  }
  return lines;
}

/** The lines of the architecture section's tree. */
function architectureTree(): string[] {
  const section = README.slice(README.indexOf('<!-- section:architecture -->'));
  const block = section.slice(section.indexOf('```\n') + 4);
  return block.slice(0, block.indexOf('```')).split('\n');
}

/** Tracked folders one level below `parent` ('' for the top). */
function trackedFolders(parent: string): string[] {
  const prefix = parent === '' ? '' : `${parent}/`;
  const files = execFileSync('git', ['ls-files', '-z', '--', parent || '.'], { cwd: ROOT, encoding: 'utf8' })
    .split('\0')
    .filter(Boolean);
  const folders = files
    .map((file) => file.slice(prefix.length).split('/'))
    .filter((parts) => parts.length > 1)
    .map((parts) => parts[0]!);
  return [...new Set(folders)].sort();
}

describe('README commands against the built CLI', () => {
  it('shows only commands and flags that `batuta COMMAND --help` lists', () => {
    const lines = commandLines();
    expect(lines.length).toBeGreaterThan(40);
    const unknown: string[] = [];
    for (const line of lines) {
      const command = /^batuta (\w+)/.exec(line)![1]!;
      const help = helpOf(command);
      for (const flag of line.match(/(?<![\w-])--?[a-z][a-z-]*/g) ?? []) {
        if (!new RegExp(`(^|[\\s\\[|])${flag}\\b`, 'm').test(help))
          unknown.push(`${command} ${flag}: ${line}`);
      }
    }
    expect(unknown).toEqual([]);
  });

  it('names every flag each command lists in its help', () => {
    const unnamed: string[] = [];
    for (const command of ['oracle', 'index', 'collections', 'mcp', 'analyze']) {
      for (const flag of new Set(helpOf(command).match(/(?<![\w-])--[a-z][a-z-]*/g))) {
        if (!new RegExp(`\`[^\`\\n]*${flag}\\b`).test(README)) unnamed.push(`${command} ${flag}`);
      }
    }
    expect(unnamed).toEqual([]);
  });
});

describe('README architecture against the tree', () => {
  const tree = architectureTree();
  const text = tree.join('\n');

  it('names every tracked top-level folder and every folder of src/ at the start of a line', () => {
    const starts = new Set(tree.map((line) => /^(\S+\/)/.exec(line)?.[1]).filter(Boolean));
    const top = trackedFolders('').map((name) => `${name}/`);
    const layers = trackedFolders('src').map((name) => `src/${name}/`);
    expect([...top, ...layers].filter((folder) => !starts.has(folder))).toEqual([]);
    const missing = [...starts].filter((folder) => !top.includes(folder!) && !layers.includes(folder!));
    expect(missing).toEqual([]);
  });

  it('names every room of retrieval, store, oracle, mcp and bench', () => {
    const unnamed: string[] = [];
    for (const parent of ['src/retrieval', 'src/store', 'src/oracle', 'mcp', 'bench']) {
      for (const name of trackedFolders(parent)) {
        if (!new RegExp(`(^|[\\s(,])${name}/`, 'm').test(text)) unnamed.push(`${parent}/${name}/`);
      }
    }
    expect(unnamed).toEqual([]);
  });

  it('lists the rooms of retrieval that exist, each once at the start of its line', () => {
    const rooms = tree.map((line) => /^ {2}(\w+)\/ /.exec(line)?.[1]).filter(Boolean);
    expect([...rooms].sort()).toEqual(trackedFolders('src/retrieval'));
  });
});
