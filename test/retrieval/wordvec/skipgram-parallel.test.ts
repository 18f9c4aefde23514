import { Worker } from 'node:worker_threads';
import { describe, expect, it, vi } from 'vitest';
import { initVectors, SKIPGRAM_DEFAULTS, trainSkipgram } from '../../../src/retrieval/wordvec/skipgram.js';
import { splitCorpus, trainSkipgramParallel } from '../../../src/retrieval/wordvec/skipgram-parallel.js';
import {
  buildVocabulary,
  countTokens,
  encodeCorpus,
  indexWords,
} from '../../../src/retrieval/wordvec/vocab.js';

const TOPIC_A = 'gpu kernel matrix tensor cuda';
const TOPIC_B = 'shell script bash quoting pipe';
const DOCS = Array.from({ length: 60 }, (_, i) => {
  const words = (i % 2 === 0 ? TOPIC_A : TOPIC_B).split(' ');
  return Array.from({ length: 30 }, (_, j) => words[(i * 7 + j * 3) % words.length]).join(' ');
});
const VOCAB = buildVocabulary(countTokens(DOCS), 1, 100);
const OPTIONS = { ...SKIPGRAM_DEFAULTS, epochs: 20, subsample: 1, seed: 4 };

function cosine(v: Float32Array, a: number, b: number, dim: number): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let k = 0; k < dim; k++) {
    dot += v[a * dim + k]! * v[b * dim + k]!;
    na += v[a * dim + k]! ** 2;
    nb += v[b * dim + k]! ** 2;
  }
  return dot / Math.sqrt(na * nb);
}

async function train(docs: readonly string[]) {
  const vectors = initVectors(VOCAB.words, VOCAB.counts, 16, 4);
  const progress: number[] = [];
  const corpus = encodeCorpus(docs, indexWords(VOCAB.words));
  await trainSkipgramParallel(vectors, corpus, { ...OPTIONS, onProgress: (f) => progress.push(f) });
  return { vectors, progress };
}

describe('splitCorpus', () => {
  it('cuts at the document break nearest the middle', () => {
    const [a, b] = splitCorpus(Int32Array.from([1, 2, -1, 3, 4, 5, -1, 6, -1]));
    expect(Array.from(a)).toEqual([1, 2, -1]);
    expect(Array.from(b)).toEqual([3, 4, 5, -1, 6, -1]);
  });

  it('leaves the second part empty for a single document', () => {
    const [a, b] = splitCorpus(Int32Array.from([1, 2, 3, -1]));
    expect(a.length).toBe(4);
    expect(b.length).toBe(0);
  });
});

describe('two-thread skip-gram', () => {
  it('puts words of one topic closer than words of different topics', async () => {
    const { vectors, progress } = await train(DOCS);
    const id = (w: string) => vectors.words.indexOf(w);
    expect(cosine(vectors.input, id('gpu'), id('cuda'), 16)).toBeGreaterThan(
      cosine(vectors.input, id('gpu'), id('bash'), 16),
    );
    expect(progress.at(-1)).toBe(1);
  });

  it('gives the same vectors on every run (no dependence on thread timing)', async () => {
    const first = await train(DOCS);
    const second = await train(DOCS);
    expect(Buffer.from(first.vectors.input.buffer).equals(Buffer.from(second.vectors.input.buffer))).toBe(
      true,
    );
    expect(Buffer.from(first.vectors.output.buffer).equals(Buffer.from(second.vectors.output.buffer))).toBe(
      true,
    );
  });

  it('lets the helper thread end by itself instead of terminating it', async () => {
    const terminate = vi.spyOn(Worker.prototype, 'terminate');
    try {
      await train(DOCS);
      expect(terminate).not.toHaveBeenCalled();
    } finally {
      terminate.mockRestore();
    }
  });

  it('trains on one thread, as trainSkipgram does, when there is one document', async () => {
    const one = [DOCS.join(' ')];
    const serial = initVectors(VOCAB.words, VOCAB.counts, 16, 4);
    trainSkipgram(serial, encodeCorpus(one, indexWords(VOCAB.words)), OPTIONS);
    const { vectors } = await train(one);
    expect(Buffer.from(vectors.input.buffer).equals(Buffer.from(serial.input.buffer))).toBe(true);
  });
});
