/**
 * The reranker's translation column through the built CLI: a natural question whose key word ("trait")
 * is in no file is answered by the file whose words the shipped translation table maps onto it ("impl"),
 * although the first stage and every other column of the shipped model put the other file first (the
 * model without the column, main before it, answers helpers.md).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../mcp/harness.js';
import { runBatuta } from './run-batuta.js';

const DOCS = {
  'conversions.md':
    '# Conversions\n\nTo convert a value of your type, write an impl: impl From for the type, impl Into, impl TryFrom.\n',
  'helpers.md':
    '# Helpers\n\nTo convert a value of your type, write a helper: helper functions for the type, helper methods, helper macros.\n',
  'garden.md':
    '# Garden notes\n\nWater the tomatoes in the morning and keep the soil loose. The value of mulch is in keeping moisture.\n',
};

describe('the translation column in the built CLI', () => {
  const home = tempDir('batuta-translation-');
  const db = join(home.path, 'index.db');
  const ask = (question: string, ...flags: string[]) => {
    const run = runBatuta(
      ['oracle', '--rag', '--json', '--collection', 'docs', '--db', db, ...flags, question],
      home.path,
    );
    expect(run.code, run.stderr).toBe(0);
    return (JSON.parse(run.stdout) as { results: Array<{ source: string }> }).results.map((r) => r.source);
  };
  beforeAll(() => {
    const docs = join(home.path, 'docs');
    mkdirSync(docs);
    for (const [name, text] of Object.entries(DOCS)) writeFileSync(join(docs, name), text);
    const indexed = runBatuta(['index', docs, '--name', 'docs', '--db', db], home.path);
    expect(indexed.code, indexed.stderr).toBe(0);
  });
  afterAll(() => home.remove());

  it('answers a natural question with the file whose words translate into it', () => {
    const question = 'Which trait should my type provide to convert a value?';
    expect(ask(question, '--no-rerank')[0]).toBe('helpers.md');
    expect(ask(question)[0]).toBe('conversions.md');
  });
});
