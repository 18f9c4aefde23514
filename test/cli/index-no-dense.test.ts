/**
 * `batuta index --no-dense` indexes for BM25 only and says how to get the vectors later; following that
 * advice (the same command without --no-dense) adds them. It leaves the rows a `kill -9` between a run's
 * text and its vectors leaves (the text is committed batch by batch before anything is embedded), so it
 * stands in for that kill too: `batuta index --check` counts the chunks without vectors with the run that
 * adds them (nothing is damaged, so it exits 0), and a search says what happened and the command, never
 * "without --no-dense" to someone who may never have given it.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/index-command.js';
import { checkIndex } from '../../src/retrieval/index.js';
import { tempDir } from '../temp-dirs.js';
import { runBatuta } from './run-batuta.js';

const home = tempDir('batuta-no-dense');
afterAll(() => rmSync(home, { recursive: true, force: true }));
const docs = join(home, 'kettles');
mkdirSync(docs);
writeFileSync(join(docs, 'descaling.md'), '# Descaling\n\nSoak the kettle in citric acid for an hour.\n');
writeFileSync(join(docs, 'whistles.md'), '# Whistles\n\nA whistle sounds when the water boils.\n');
const db = join(home, 'index.db');
const mend = `run "batuta index ${docs} --name kettles --db ${db}" to add them`;

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
    expect(search.stderr).toContain('collection "kettles" has no vectors (');
    expect(search.stderr).toContain('stopped before');
    expect(search.stderr).toContain(`run "batuta index ${docs}" to add them`);
    expect(search.stderr).not.toContain('without --no-dense');
  });

  it('--check counts the chunks without vectors and names the run that adds them', () => {
    const text = runBatuta(['index', '--check', '--db', db], home);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain(`kettles: 2 chunks without vectors (${mend})`);
    const json = runBatuta(['index', '--check', '--json', '--db', db], home);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).collections[0]).toMatchObject({ name: 'kettles', withoutVectors: 2 });
  });

  it('following the advice adds the vectors to the unchanged files', () => {
    const run = runBatuta(['index', docs, '--db', db, '--json'], home);
    expect(run.code, run.stderr).toBe(0);
    const [summary] = JSON.parse(run.stdout).collections;
    expect(summary).toMatchObject({ unchanged: 2, embedded: 2 });
    expect(summary.embedder).not.toBeNull();
    expect(runBatuta(['index', '--check', '--db', db], home).stdout).toContain('kettles: ok\n');
  });

  it('chunks added later without vectors are counted again, beside the intact vector file', () => {
    writeFileSync(join(docs, 'lids.md'), '# Lids\n\nA loose lid lets the steam out.\n');
    expect(runBatuta(['index', docs, '--db', db, '--no-dense'], home).code).toBe(0);
    const report = checkIndex(db);
    expect(report.ok).toBe(true);
    expect(report.collections[0]).toMatchObject({ withoutVectors: 1, vectors: { ok: true } });
    expect(report.collections[0]!.repair).toBe(`batuta index ${docs} --name kettles --db ${db}`);
    expect(runBatuta(['index', '--check', '--db', db], home).stdout).toContain(
      `kettles: 1 chunk without vectors (${mend})`,
    );
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
