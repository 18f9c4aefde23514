/**
 * Chunks stored without their vectors: the state a `kill -9` between a run's text and its vectors leaves
 * (the text is committed batch by batch before anything is embedded). A `--no-dense` run leaves the same
 * rows, so it stands in for the kill here. `batuta index --check` reports them with the run that adds them
 * (nothing is damaged, so it exits 0), and a search says what happened and the command, never
 * "without --no-dense" to someone who never gave it.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkIndex } from '../../src/retrieval/index.js';
import { tempDir } from '../temp-dirs.js';
import { runBatuta } from './run-batuta.js';

const home = tempDir('batuta-check-vectors');
afterAll(() => rmSync(home, { recursive: true, force: true }));
const docs = join(home, 'kettles');
mkdirSync(docs);
writeFileSync(join(docs, 'descaling.md'), '# Descaling\n\nSoak the kettle in citric acid for an hour.\n');
writeFileSync(join(docs, 'whistles.md'), '# Whistles\n\nA whistle sounds when the water boils.\n');
const db = join(home, 'index.db');
const mend = `run "batuta index ${docs} --name kettles --db ${db}" to add them`;

describe('chunks without vectors', { timeout: 180_000 }, () => {
  it('--check reports a collection whose run stopped before its vectors, with the run that adds them', () => {
    expect(runBatuta(['index', docs, '--db', db, '--no-dense'], home).code).toBe(0);
    const text = runBatuta(['index', '--check', '--db', db], home);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain(`kettles: 2 chunks without vectors (${mend})`);
    const json = runBatuta(['index', '--check', '--json', '--db', db], home);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).collections[0]).toMatchObject({ name: 'kettles', withoutVectors: 2 });
  });

  it('a search says the vectors are missing and names the run, not --no-dense', () => {
    const search = runBatuta(
      ['oracle', '--rag', 'descaling a kettle', '--collection', 'kettles', '--db', db],
      home,
    );
    expect(search.code, search.stderr).toBe(0);
    expect(search.stderr).toContain('collection "kettles" has no vectors (');
    expect(search.stderr).toContain('stopped before');
    expect(search.stderr).toContain(`run "batuta index ${docs}" to add them`);
    expect(search.stderr).not.toContain('without --no-dense');
  });

  it('after the run --check says ok; chunks added later without vectors are counted again', () => {
    expect(runBatuta(['index', docs, '--db', db], home).code).toBe(0);
    const done = runBatuta(['index', '--check', '--db', db], home);
    expect(done.stdout).toContain('kettles: ok\n');
    writeFileSync(join(docs, 'lids.md'), '# Lids\n\nA loose lid lets the steam out.\n');
    expect(runBatuta(['index', docs, '--db', db, '--no-dense'], home).code).toBe(0);
    const report = checkIndex(db);
    expect(report.ok).toBe(true);
    expect(report.collections[0]).toMatchObject({ withoutVectors: 1, vectors: { ok: true } });
    expect(report.collections[0]!.repair).toBe(`batuta index ${docs} --name kettles --db ${db}`);
  });
});
