/**
 * The dense leg embeds a question's content words (dense/asked-words.ts): through the built CLI, a question
 * in a user's words and the same question without its words of asking get the same dense results and scores
 * (without the reranker, which reads the question as written).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { writeAdaptableDocs } from './adapted-collection.js';
import { runBatuta } from './run-batuta.js';

const home = tempDir('batuta-dense-question-');
const db = join(home, 'index.db');
afterAll(() => rmSync(home, { recursive: true, force: true }));
writeAdaptableDocs(home);

function dense(question: string): Array<{ source: string; score: number }> {
  const args = [
    'oracle',
    '--rag',
    '--json',
    '-k',
    '5',
    '--mode',
    'dense',
    '--no-rerank',
    '--collection',
    'docs',
  ];
  const result = runBatuta([...args, '--db', db, question], home);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout).results.map((r: { source: string; score: number }) => ({
    source: r.source,
    score: r.score,
  }));
}

describe('the dense leg reads the words a question is about', () => {
  it('indexes and adapts the folder', () => {
    const result = runBatuta(['index', join(home, 'docs'), '--name', 'docs', '--db', db], home);
    expect(result.code, result.stderr).toBe(0);
  });

  it('gives "how do I …" the results of its content words', () => {
    const plain = dense('GPU kernels item7');
    expect(plain.length).toBeGreaterThan(0);
    expect(dense('How do I use the GPU kernels of item7?')).toEqual(plain);
    expect(dense('What is the best way to get GPU kernels item7')).toEqual(plain);
  });
});
