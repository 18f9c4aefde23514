/**
 * Lists a project's files the way its owner sees them: .gitignore rules (nested files included) are
 * honoured and vendor, build and environment folders are never entered.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Folders that hold dependencies, build output or tool state, never the project's own source. */
export const SKIPPED_DIRS = new Set([
  '.git',
  '.hg',
  '.svn',
  '.batuta',
  'node_modules',
  'target',
  'venv',
  '.venv',
  'env',
  '__pycache__',
  '.mypy_cache',
  '.pytest_cache',
  '.tox',
  'build',
  'dist',
  'vendor',
  'third_party',
  'site-packages',
  '.eggs',
]);

interface IgnoreRule {
  readonly base: string;
  readonly regex: RegExp;
  readonly negate: boolean;
  readonly dirOnly: boolean;
}

function globToRegex(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (ch === '*' && glob[i + 1] === '*') {
      out += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (ch === '*') out += '[^/]*';
    else if (ch === '?') out += '[^/]';
    else out += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return out;
}

/** Parses one .gitignore file found in folder `base` (relative to the root, '' for the root). */
export function parseGitignore(text: string, base: string): IgnoreRule[] {
  const rules: IgnoreRule[] = [];
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.trimEnd();
    if (line === '' || line.startsWith('#')) continue;
    const negate = line.startsWith('!');
    if (negate) line = line.slice(1);
    const dirOnly = line.endsWith('/');
    if (dirOnly) line = line.slice(0, -1);
    const anchored = line.includes('/');
    if (line.startsWith('/')) line = line.slice(1);
    const body = globToRegex(line);
    const regex = new RegExp(anchored ? `^${body}$` : `^(?:.*/)?${body}$`);
    rules.push({ base, regex, negate, dirOnly });
  }
  return rules;
}

/** True when the last matching rule ignores `path` (relative to the root). */
export function isIgnored(rules: readonly IgnoreRule[], path: string, isDir: boolean): boolean {
  let ignored = false;
  for (const rule of rules) {
    if (rule.dirOnly && !isDir) continue;
    if (rule.base !== '' && !path.startsWith(`${rule.base}/`)) continue;
    const local = rule.base === '' ? path : path.slice(rule.base.length + 1);
    if (rule.regex.test(local)) ignored = !rule.negate;
  }
  return ignored;
}

function readIgnore(dir: string, rel: string): IgnoreRule[] {
  try {
    return parseGitignore(readFileSync(join(dir, '.gitignore'), 'utf8'), rel);
  } catch {
    return [];
  }
}

/** Every file under `root` that is not ignored, as sorted root-relative paths with / separators. */
export function walkProject(root: string): string[] {
  const files: string[] = [];
  const visit = (dir: string, rel: string, inherited: readonly IgnoreRule[]): void => {
    const rules = [...inherited, ...readIgnore(dir, rel)];
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const path = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) {
        if (SKIPPED_DIRS.has(entry.name) || entry.name.endsWith('.egg-info')) continue;
        if (!isIgnored(rules, path, true)) visit(join(dir, entry.name), path, rules);
      } else if (entry.isFile() && !isIgnored(rules, path, false)) {
        files.push(path);
      }
    }
  };
  visit(root, '', []);
  return files;
}
