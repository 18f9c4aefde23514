import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../src/retrieval/train/html-text.js';
import { fitLsa } from '../../src/retrieval/train/lsa.js';
import { scoreRow, trainMlp } from '../../src/retrieval/train/mlp.js';
import { Bm25Lite, cutSections } from '../../src/retrieval/train/sections.js';
import { initVectors, SKIPGRAM_DEFAULTS, trainSkipgram } from '../../src/retrieval/train/skipgram.js';
import { usableHeading } from '../../src/retrieval/train/train-reranker.js';
import { buildVocabulary, countTokens, encodeCorpus, indexWords } from '../../src/retrieval/train/vocab.js';

const TOPIC_A = 'gpu kernel matrix tensor cuda';
const TOPIC_B = 'shell script bash quoting pipe';
const DOCS = Array.from({ length: 60 }, (_, i) => {
  const words = (i % 2 === 0 ? TOPIC_A : TOPIC_B).split(' ');
  return Array.from({ length: 30 }, (_, j) => words[(i * 7 + j * 3) % words.length]).join(' ');
});

function cosine(a: Float32Array, i: number, j: number, dim: number): number {
  let dot = 0;
  let ni = 0;
  let nj = 0;
  for (let k = 0; k < dim; k++) {
    dot += a[i * dim + k]! * a[j * dim + k]!;
    ni += a[i * dim + k]! ** 2;
    nj += a[j * dim + k]! ** 2;
  }
  return dot / Math.sqrt(ni * nj);
}

describe('skip-gram trainer', () => {
  const train = (seed: number) => {
    const vocab = buildVocabulary(countTokens(DOCS), 1, 100);
    const vectors = initVectors(vocab.words, vocab.counts, 16, seed);
    trainSkipgram(vectors, encodeCorpus(DOCS, indexWords(vocab.words)), {
      ...SKIPGRAM_DEFAULTS,
      epochs: 20,
      subsample: 1,
      seed,
    });
    return vectors;
  };

  it('puts words of one topic closer than words of different topics', () => {
    const v = train(1);
    const id = (w: string) => v.words.indexOf(w);
    expect(cosine(v.input, id('gpu'), id('cuda'), 16)).toBeGreaterThan(
      cosine(v.input, id('gpu'), id('bash'), 16),
    );
  });

  it('is repeatable for a seed', () => {
    expect(Buffer.from(train(3).input.buffer).equals(Buffer.from(train(3).input.buffer))).toBe(true);
  });
});

describe('LSA', () => {
  it('separates the two topics in its term vectors', () => {
    const lsa = fitLsa(DOCS, 2, 1, 1);
    const id = (w: string) => lsa.words.indexOf(w);
    const same = cosine(lsa.vectors, id('gpu'), id('tensor'), lsa.dim);
    const other = cosine(lsa.vectors, id('gpu'), id('quoting'), lsa.dim);
    expect(same).toBeGreaterThan(other);
  });
});

describe('reranker training material', () => {
  it('turns documentation html into text with # headings', () => {
    const html =
      '<html><nav>menu</nav><h1>Guide &amp; intro</h1><p>First <b>para</b>.</p><h2 id="x">Install<a>¶</a></h2>' +
      '<p>Run it.</p><div class="footer">footer</div></html>';
    expect(htmlToText(html)).toBe('# Guide & intro\n\nFirst para.\n\n## Install\n\nRun it.');
  });

  it('cuts sections with their parent headings', () => {
    const body = 'word '.repeat(60);
    const sections = cutSections([`# Page\n\n${body}\n## Setting up the cache\n\n${body}`], 0);
    expect(sections.map((s) => [s.parents, s.heading])).toEqual([
      [[], 'Page'],
      [['Page'], 'Setting up the cache'],
    ]);
  });

  it('accepts topic-like headings and refuses identifiers', () => {
    expect(usableHeading('Setting up the cache')).toBe(true);
    expect(usableHeading('numpy.linalg.norm')).toBe(false);
    expect(usableHeading('Examples')).toBe(false);
  });

  it('finds the document that shares the query words with BM25', () => {
    const index = new Bm25Lite();
    const filler = Array.from({ length: 10 }, (_, i) => `filler words number ${i}`);
    for (const doc of ['cache eviction policy', 'thread pool size', 'cache size limit', ...filler])
      index.add(doc.split(' '));
    expect(index.search('cache size', 2)).toEqual([2, 0]);
  });

  it('trains an MLP that ranks the positive first on separable data', () => {
    const groups = Array.from({ length: 200 }, (_, i) => ({
      rows: [
        [1 + (i % 5) * 0.1, 0.5],
        [0, 0.5 + (i % 3) * 0.1],
        [0.2, 0.1],
      ],
    }));
    const weights = trainMlp(groups, 2, { hidden: 4, epochs: 5, learningRate: 0.05, momentum: 0.5, seed: 1 });
    expect(scoreRow(weights, [1.2, 0.5])).toBeGreaterThan(scoreRow(weights, [0.1, 0.6]));
  });
});
