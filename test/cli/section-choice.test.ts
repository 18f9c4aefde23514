/**
 * A file is shown by the section about the question (search/shown-chunk.ts): in the fixture, a short note
 * dense in "add" and "filter" ranks api.md first, but `batuta oracle --rag --json` shows its "Custom Filters"
 * section (heading, lines, snippet), in every mode, through the built CLI. Before, it showed the note.
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
});
