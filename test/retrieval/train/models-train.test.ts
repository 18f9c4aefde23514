import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packagePages, pagePathsFile, readPagePaths } from '../../../src/retrieval/train/debian-corpus.js';
import { htmlToText } from '../../../src/retrieval/train/html-text.js';
import { fitLsa } from '../../../src/retrieval/wordvec/lsa.js';
import { initVectors, SKIPGRAM_DEFAULTS, trainSkipgram } from '../../../src/retrieval/wordvec/skipgram.js';
import {
  buildVocabulary,
  countTokens,
  encodeCorpus,
  indexWords,
} from '../../../src/retrieval/wordvec/vocab.js';
import { tempDir } from '../../temp-dirs.js';

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
  it("keeps each page's html path beside the package's text, in page order", () => {
    const cache = tempDir('train-text-');
    try {
      const root = join(cache, 'x/usr/share/doc/demo');
      mkdirSync(join(root, 'guide'), { recursive: true });
      const page = (title: string) => `<h1>${title}</h1><p>${'Some words of the page. '.repeat(20)}</p>`;
      writeFileSync(join(root, 'guide/start.html'), page('Start'));
      writeFileSync(join(root, 'tiny.html'), '<p>too short</p>');
      writeFileSync(join(root, 'index.html'), page('Index'));
      const pages = packagePages(join(cache, 'x'), { name: 'demo', docDir: 'demo', maxChars: 1e6 });
      expect(pages.map((p) => p.path)).toEqual(['guide/start.html', 'index.html']);
      expect(pages[0]!.text.startsWith('# Start')).toBe(true);
      const text = join(cache, 'demo.txt');
      writeFileSync(pagePathsFile(text), 'guide/start.html\nindex.html\n');
      expect(readPagePaths(text)).toEqual(['guide/start.html', 'index.html']);
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });

  it('turns documentation html into text with # headings', () => {
    const html =
      '<html><nav>menu</nav><h1>Guide &amp; intro</h1><p>First <b>para</b>.</p><h2 id="x">Install<a>¶</a></h2>' +
      '<p>Run it.</p><div class="footer">footer</div></html>';
    expect(htmlToText(html)).toBe('# Guide & intro\n\nFirst para.\n\n## Install\n\nRun it.');
  });
});
