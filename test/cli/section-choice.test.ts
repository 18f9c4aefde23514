/**
 * A file is shown by the section about the question (search/shown-chunk.ts): in the fixture, a short note
 * dense in "add" and "filter" ranks api.md first, but `batuta oracle --rag --json` shows its "Custom Filters"
 * section (heading, lines, snippet), in every mode, through the built CLI. Before, it showed the note.
 * When the files run out before k, further sections of the files found fill the places left
 * (search/further-sections.ts).
 */
import { cpSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { runBatuta } from './run-batuta.js';

const home = tempDir('batuta-section-choice-');
const db = join(home, 'index.db');
const docs = join(home, 'section-choice');
afterAll(() => rmSync(home, { recursive: true, force: true }));
cpSync(resolve(import.meta.dirname, '../fixtures/section-choice'), docs, { recursive: true });

describe('the section a result shows', () => {
  it('indexes the folder', () => {
    const result = runBatuta(['index', docs, '--db', db], home);
    expect(result.code, result.stderr).toBe(0);
  });

  it.each(['bm25', 'hybrid'])('oracle --rag --mode %s shows api.md by its Custom Filters section', (mode) => {
    const args = ['oracle', '--rag', '--json', '--mode', mode, '--collection', 'section-choice', '--db', db];
    const result = runBatuta([...args, 'how do I add my own filter?'], home);
    expect(result.code, result.stderr).toBe(0);
    const first = JSON.parse(result.stdout).results[0];
    expect(first).toMatchObject({ source: 'api.md', heading: 'API > Custom Filters', lines: [14, 25] });
    expect(first.snippet).toMatch(/^Filters are Python functions/);
  });

  it('fills the places left after the files with further sections of those files, scores still falling', () => {
    const args = ['oracle', '--rag', '--json', '-k', '8', '--collection', 'section-choice', '--db', db];
    const result = runBatuta([...args, 'how do I add my own filter?'], home);
    expect(result.code, result.stderr).toBe(0);
    const results: Array<{ source: string; heading: string; score: number }> = JSON.parse(
      result.stdout,
    ).results;
    const files = [...new Set(results.map((r) => r.source))];
    // the files first, each once, in the order they rank; then only further sections of them
    expect(results.slice(0, files.length).map((r) => r.source)).toEqual(files);
    expect(results.length).toBeGreaterThan(files.length);
    expect(results[files.length]).toMatchObject({ source: 'api.md', heading: 'API > Notes on Identifiers' });
    const places = results.map((r) => `${r.source} ${r.heading}`);
    expect(new Set(places).size).toBe(places.length);
    const scores = results.map((r) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });
});
