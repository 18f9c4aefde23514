/**
 * Every bench entry point answers a flag it does not know the way the batuta CLI does: one line on stderr
 * naming the flag and the script's usage, exit 2, no Node stack; and `--help` prints the usage.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';

const ROOT = resolve(import.meta.dirname, '../..');

/** Entry points of different shapes: top-level main(), awaited main, guarded main with and without a catch. */
const SCRIPTS = [
  'dist/bench/speed/cold-search.js',
  'dist/bench/retrieval/lpo.js',
  'dist/bench/retrieval/eval.js',
  'dist/bench/models/reranker-card.js',
  'dist/bench/retrieval/share-rules.js',
  'dist/bench/hygiene/survey.js',
  'dist/bench/store/pg-sqlite.js',
  'dist/bench/oracle/eval.js',
  'dist/bench/oracle/learned-cv.js',
  'dist/bench/knowledge-bench.js',
  'dist/bench/speed/same-index.js',
  'dist/bench/speed/serve-search.js',
  'dist/bench/analysis/analyze-bench.js',
  'dist/bench/mcp/stack-picture.js',
  'dist/bench/security/guard-overhead.js',
  'dist/bench/oracle/cold-compare.js',
  'dist/bench/mcp/conformance-table.js',
  'dist/bench/oracle/latency.js',
  'dist/bench/picture/draw-time.js',
  'dist/bench/speed/same-output.js',
  'dist/bench/retrieval/sections.js',
  'dist/bench/retrieval/draws.js',
];

/** A flag read by hand (`argv.includes('--json')`, `argv.indexOf('--set')`): unknown flags then pass unseen. */
const HAND_READ_FLAG = /\bargv\.(includes|indexOf)\(\s*['"`]--/;

/**
 * An argument read by position by hand (`process.argv[2]`, `argv[0]`, `const [a, b] = process.argv.slice(2)`):
 * a flag or a missing argument then becomes a value. `process.argv[1]`, the entry-point guard, is no argument.
 */
const HAND_READ_POSITIONAL =
  /(?<![.\w])argv\[\d+\]|process\.argv\[(?!1\])\d+\]|\]\s*=\s*process\.argv\.slice\(/;

/** The arguments handed on (`main(process.argv.slice(2))`): the file must read them through bench-flags. */
const HANDS_ON_ARGUMENTS = /process\.argv\.slice\(2\)/;

function run(script: string, args: readonly string[]) {
  const result = spawnSync(process.execPath, [join(ROOT, script), ...args], {
    cwd: tempDir('bench-flags'),
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'cache' ? [] : tsFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('bench entry points and their flags', () => {
  it.each(SCRIPTS)('%s refuses an unknown flag in one line, exit 2', (script) => {
    const result = run(script, ['--no-such-flag']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('--no-such-flag');
    expect(lines[0]).toContain(`usage: node ${script}`);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it.each(SCRIPTS)('%s prints its usage for --help, exit 0', (script) => {
    const result = run(script, ['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`usage: node ${script}`);
    expect(result.stderr).toBe('');
  });

  it('leaves no bench entry point calling parseArgs directly or reading a flag or an argument by hand', () => {
    const direct = tsFiles(join(ROOT, 'bench'))
      .filter((file) => !file.includes(`${join('bench', 'lib')}`))
      .filter((file) => {
        const text = readFileSync(file, 'utf8');
        const unread = HANDS_ON_ARGUMENTS.test(text) && !text.includes('bench-flags.js');
        return (
          /\bparseArgs\(/.test(text) || HAND_READ_FLAG.test(text) || HAND_READ_POSITIONAL.test(text) || unread
        );
      })
      .map((file) => relative(ROOT, file));
    expect(direct).toEqual([]);
  });

  it('leaves no entry point in bench/speed, bench/store or bench/picture without runBench for its failures', () => {
    const bare = ['speed', 'store', 'picture']
      .flatMap((folder) => tsFiles(join(ROOT, 'bench', folder)))
      .filter((file) => {
        const text = readFileSync(file, 'utf8');
        return text.includes('bench-flags.js') && !/\brunBench\(/.test(text);
      })
      .map((file) => relative(ROOT, file));
    expect(bare).toEqual([]);
  });

  it.each([
    ['dist/bench/oracle/learned-cv.js', ['--folds', '1'], '--folds'],
    ['dist/bench/oracle/eval.js', ['--meaning-threshold', 'high'], '--meaning-threshold'],
    ['dist/bench/mcp/stack-picture.js', ['none'], 'ROUNDS'],
    ['dist/bench/speed/same-index.js', ['only-one.db'], 'A.db B.db'],
    ['dist/bench/security/guard-overhead.js', ['40', '/bin/true', 'extra'], '[ROUNDS] [PROGRAM]'],
  ])('%s refuses a flag value it cannot use in one line, exit 2', (script, args, flag) => {
    const result = run(script, args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(flag);
  });
});
