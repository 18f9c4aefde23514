import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { runBatuta } from '../../cli/run-batuta.js';
import { tempDir } from '../../temp-dirs.js';

const home = tempDir('batuta-rerank-');
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('the shipped reranker in the built CLI', () => {
  it('reranks oracle --rag by default and not with --no-rerank', () => {
    const on = runBatuta(['oracle', '--rag', '--json', '--explain', '-k', '3', 'train a model on GPU'], home);
    expect(on.code).toBe(0);
    const answer = JSON.parse(on.stdout);
    expect(answer.reranked).toBe(true);
    expect(answer.results[0].explain.ranks.rerank).toBe(1);
    expect(typeof answer.results[0].explain.rerank).toBe('number');
    const off = runBatuta(
      ['oracle', '--rag', '--json', '--explain', '--no-rerank', 'train a model on GPU'],
      home,
    );
    const plain = JSON.parse(off.stdout);
    expect(plain.reranked).toBe(false);
    expect(plain.results[0].explain.ranks.rerank).toBeUndefined();
  });
});
