/**
 * The reranker's translation column through the built CLI: a natural question whose key word ("trait")
 * is in no file is answered by the file whose words the shipped translation table maps onto it ("impl"),
 * although the first stage and every other column of the shipped model put the other file first (the
 * model without the column, main before it, answers helpers.md).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallCollection } from './small-collection.js';

const DOCS = {
  'conversions.md':
    '# Conversions\n\nTo convert a value of your type, write an impl: impl From for the type, impl Into, impl TryFrom.\n',
  'helpers.md':
    '# Helpers\n\nTo convert a value of your type, write a helper: helper functions for the type, helper methods, helper macros.\n',
  'garden.md':
    '# Garden notes\n\nWater the tomatoes in the morning and keep the soil loose. The value of mulch is in keeping moisture.\n',
};

describe('the translation column in the built CLI', () => {
  const docs = smallCollection('batuta-translation-', DOCS);
  const ask = (question: string, ...flags: string[]) =>
    docs.ask<{ source: string }>(question, ...flags).map((r) => r.source);
  beforeAll(() => docs.index());
  afterAll(() => docs.remove());

  it('answers a natural question with the file whose words translate into it', () => {
    const question = 'Which trait should my type provide to convert a value?';
    expect(ask(question, '--no-rerank')[0]).toBe('helpers.md');
    expect(ask(question)[0]).toBe('conversions.md');
  });
});
