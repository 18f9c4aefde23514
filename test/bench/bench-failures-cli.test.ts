/**
 * A bench script that fails while it runs (a database that is not there, a build not made, a file it cannot
 * read, a flag it cannot run without) says so in one line on stderr, exits non-zero and prints no Node
 * stack — the way it refuses an unknown flag (bench-flags-cli.test.ts).
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';

const ROOT = resolve(import.meta.dirname, '../..');

function run(script: string, args: readonly string[]) {
  const result = spawnSync(process.execPath, [join(ROOT, script), ...args], {
    cwd: tempDir('bench-failures'),
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A path in a fresh temporary folder: nothing is there. */
function missing(name: string): string {
  return join(tempDir('bench-failures-missing'), name);
}

function questionsFile(): string {
  const path = join(tempDir('bench-failures-questions'), 'questions.txt');
  writeFileSync(path, 'how do I index a folder\n');
  return path;
}

const MISSING_DB = missing('none.db');
const MISSING_CLI = missing('dist/src/cli/main.js');
const MISSING_FILE = missing('questions.txt');

/** [script, arguments, what the one line must name]. */
const CASES: Array<[string, string[], string]> = [
  ['dist/bench/speed/same-index.js', [MISSING_DB, MISSING_DB], MISSING_DB],
  ['dist/bench/oracle/cold-compare.js', [MISSING_CLI, '1'], MISSING_CLI],
  ['dist/bench/speed/cold-search.js', ['--collection', 'c'], '--db'],
  ['dist/bench/speed/cold-search.js', ['--db', MISSING_DB, '--collection', 'c'], MISSING_DB],
  [
    'dist/bench/speed/cold-search.js',
    ['--db', MISSING_DB, '--collection', 'c', '--questions', MISSING_FILE],
    MISSING_FILE,
  ],
  [
    'dist/bench/speed/exit-hangs.js',
    ['--db', MISSING_DB, '--collection', 'c', '--question', 'q'],
    MISSING_DB,
  ],
  ['dist/bench/speed/feedback-vectors.js', ['--collection', 'c'], '--db'],
  [
    'dist/bench/speed/feedback-vectors.js',
    ['--db', MISSING_DB, '--collection', 'c', '--questions', 'q.txt'],
    MISSING_DB,
  ],
  ['dist/bench/speed/index-builds.js', ['--folder', ROOT], '--baseline'],
  ['dist/bench/speed/index-builds.js', ['--folder', ROOT, '--baseline', MISSING_CLI], MISSING_CLI],
  ['dist/bench/speed/reindex-one.js', [], '--db'],
  ['dist/bench/speed/reindex-one.js', ['--db', MISSING_DB], MISSING_DB],
  ['dist/bench/speed/same-output.js', [], '--baseline'],
  ['dist/bench/speed/same-output.js', ['--baseline', MISSING_CLI], MISSING_CLI],
  ['dist/bench/speed/serve-search.js', [MISSING_DB, 'c', MISSING_FILE], MISSING_DB],
  ['dist/bench/speed/serving-search.js', ['--db', MISSING_DB, '--collection', 'c'], '--baseline'],
  [
    'dist/bench/speed/serving-search.js',
    ['--db', MISSING_DB, '--collection', 'c', '--baseline', MISSING_CLI],
    MISSING_DB,
  ],
  ['dist/bench/speed/sparse-search-time.js', ['--db', MISSING_DB, '--collection', 'c'], MISSING_DB],
  ['dist/bench/speed/rechunk-reuse.js', [], '--folder'],
  ['dist/bench/store/pg-sqlite.js', [], '--pg'],
  [
    'dist/bench/store/pg-sqlite.js',
    ['--pg', 'postgres://127.0.0.1:1/none', '--corpora', 'batuta-docs,no-such-corpus'],
    'no-such-corpus',
  ],
  ['dist/bench/store/pg-sqlite-scale.js', [], '--pg'],
];

describe('bench scripts that fail while they run', () => {
  it.each(CASES)('%s %j fails in one line naming the problem, no stack', (script, args, named) => {
    const result = run(script, args);
    expect(result.code).not.toBe(0);
    expect(result.code).not.toBeNull();
    expect(result.stderr).not.toMatch(/^\s+at /m);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(named);
  });

  it('names the command that makes a missing database', () => {
    const result = run('dist/bench/speed/same-index.js', [MISSING_DB, MISSING_DB]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('batuta index');
  });

  it('names the command that makes a missing build', () => {
    const result = run('dist/bench/oracle/cold-compare.js', [MISSING_CLI, '1']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('npm run build');
  });

  it('reads a questions file it can read (the refusal above is about the file, not the flag)', () => {
    const result = run('dist/bench/speed/cold-search.js', [
      '--db',
      MISSING_DB,
      '--collection',
      'c',
      '--questions',
      questionsFile(),
    ]);
    expect(result.stderr).toContain(MISSING_DB);
  });
});
