import { describe, expect, it } from 'vitest';
import { Bm25Index } from '../../bench/lib/bm25.js';
import { chunkFixed } from '../../bench/lib/chunk.js';
import { htmlToText } from '../../bench/lib/html-text.js';
import { contentWords } from '../../src/text/analyze.js';

describe('Bm25Index', () => {
  it('ORs query words and ranks the document with more rare matches first', () => {
    const index = new Bm25Index();
    index.add(contentWords('GPU dispatch costs a PCIe transfer'));
    index.add(contentWords('SIMD vectors on the CPU'));
    index.add(contentWords('The GPU and the CPU'));
    const hits = index.search(contentWords('When is GPU dispatch worth the PCIe cost?'), 10);
    expect(hits.map((hit) => hit.doc)).toEqual([0, 2]);
    expect(index.search(['absent'], 10)).toEqual([]);
    expect(index.size).toBe(3);
  });
});

describe('text helpers', () => {
  it('drop stop words but keep numbers and identifiers', () => {
    expect(contentWords('How do I set RUST_LOG to debug in 5x mode?')).toEqual([
      'set',
      'rust_log',
      'debug',
      '5x',
      'mode',
    ]);
  });

  it('cut fixed chunks at whitespace without losing words', () => {
    const text = Array.from({ length: 300 }, (_, i) => `word${i}`).join(' ');
    const pieces = chunkFixed(text, 64);
    expect(pieces.every((piece) => piece.length <= 64)).toBe(true);
    expect(pieces.join(' ')).toBe(text);
    expect(chunkFixed('   ', 8)).toEqual([]);
    expect(() => chunkFixed('x', 0)).toThrow(RangeError);
  });

  it('turn HTML into visible text', () => {
    const html =
      '<html><head><title>T</title><style>p{}</style></head><body><h1>Intro &amp; use</h1>' +
      '<p>Call <code>f()</code>&nbsp;now &#8212; &#x41;</p><script>var x = 1;</script></body></html>';
    expect(htmlToText(html)).toBe('Intro & use\nCall f() now — A');
  });
});
