/**
 * `batuta index --no-dense` indexes for BM25 only and says how to get the vectors later; following that
 * advice (the same command without --no-dense) adds them.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/index-command.js';
import { tempDir } from '../temp-dirs.js';
import { runBatuta } from './run-batuta.js';

const home = tempDir('batuta-no-dense');
afterAll(() => rmSync(home, { recursive: true, force: true }));
const docs = join(home, 'kettles');
mkdirSync(docs);
writeFileSync(join(docs, 'descaling.md'), '# Descaling\n\nSoak the kettle in citric acid for an hour.\n');
writeFileSync(join(docs, 'whistles.md'), '# Whistles\n\nA whistle sounds when the water boils.\n');
const db = join(home, 'index.db');

describe('index --no-dense', { timeout: 120_000 }, () => {
  it('says, in words and in the JSON notes, that running again without --no-dense adds the vectors', () => {
    const run = runBatuta(['index', docs, '--db', db, '--no-dense', '--json'], home);
    expect(run.code, run.stderr).toBe(0);
    const [summary] = JSON.parse(run.stdout).collections;
    expect(summary.embedder).toBeNull();
    expect(summary.notes).toEqual([expect.stringContaining('without --no-dense')]);
    expect(run.stderr).toContain('without --no-dense');
    const text = runBatuta(['index', docs, '--db', db, '--no-dense'], home);
    expect(text.stderr).toContain('without --no-dense');
  });

  it('a search of the collection without vectors names the command that adds them', () => {
    const search = runBatuta(
      ['oracle', '--rag', '--json', 'descaling a kettle', '--collection', 'kettles', '--db', db],
      home,
    );
    expect(search.code, search.stderr).toBe(0);
    expect(JSON.parse(search.stdout).results[0].source).toBe('descaling.md');
    expect(search.stderr).toContain(`run "batuta index ${docs}" to add them`);
  });

  it('following the advice adds the vectors to the unchanged files', () => {
    const run = runBatuta(['index', docs, '--db', db, '--json'], home);
    expect(run.code, run.stderr).toBe(0);
    const [summary] = JSON.parse(run.stdout).collections;
    expect(summary).toMatchObject({ unchanged: 2, embedded: 2 });
    expect(summary.embedder).not.toBeNull();
  });

  it('in process: the note goes to stderr once per run, the summary to stdout', async () => {
    let stdout = '';
    let stderr = '';
    const io = {
      stdout: (text: string) => (stdout += text),
      stderr: (text: string) => (stderr += text),
      env: {},
      cwd: home,
    };
    const code = await run([docs, '--db', join(home, 'in-process.db'), '--no-dense'], io);
    expect(code).toBe(0);
    expect(stderr.split('\n').filter((line) => line.includes('without --no-dense'))).toHaveLength(1);
    expect(stdout).not.toContain('--no-dense');
    expect(stdout).toContain('BM25 only');
  });
});
