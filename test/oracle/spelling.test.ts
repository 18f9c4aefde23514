import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { compileLexicon } from '../../src/oracle/lexicon.js';
import { correctionOf, correctSpelling, editDistance, indexSpelling } from '../../src/oracle/spelling.js';
import { understand } from '../../src/oracle/understand.js';

const index = indexSpelling([
  'visualize the terminal network library',
  'convert convert convert scripts',
  'cover the faster path',
]);
const unknown = () => false;

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and swaps of neighbours as one edit', () => {
    expect(editDistance('visulize', 'visualize')).toBe(1);
    expect(editDistance('libary', 'library')).toBe(1);
    expect(editDistance('termnal', 'terminal')).toBe(1);
    expect(editDistance('netwrok', 'network')).toBe(1);
    expect(editDistance('network', 'network')).toBe(0);
    expect(editDistance('nteworks', 'network')).toBe(2);
  });
});

describe('correctionOf', () => {
  it('reads an unknown word as the knowledge word one edit away', () => {
    expect(correctionOf(index, 'visulize', unknown)).toBe('visualize');
    expect(correctionOf(index, 'netwrok', unknown)).toBe('network');
  });

  it('prefers the more frequent of two words one edit away', () => {
    expect(correctionOf(index, 'conver', unknown)).toBe('convert');
  });

  it('leaves known words, short words, words two edits away and other first letters alone', () => {
    expect(correctionOf(index, 'visualize', unknown)).toBeNull();
    expect(correctionOf(index, 'barista', () => true)).toBeNull();
    expect(correctionOf(index, 'tral', unknown)).toBeNull();
    expect(correctionOf(index, 'nteworks', unknown)).toBeNull();
    expect(correctionOf(index, 'taster', unknown)).toBeNull();
  });
});

describe('correctSpelling', () => {
  it('replaces each misspelt word and says what it replaced', () => {
    const r = correctSpelling(index, 'Visulize it in the termnal', unknown);
    expect(r.text).toBe('visualize it in the terminal');
    expect([...r.corrected]).toEqual([
      ['visulize', 'visualize'],
      ['termnal', 'terminal'],
    ]);
  });

  it('returns the question unchanged when nothing is misspelt', () => {
    const q = 'Plot it in the Terminal';
    expect(correctSpelling(index, q, unknown)).toEqual({ text: q, corrected: new Map() });
  });
});

describe('understand (shipped knowledge)', () => {
  const lexicon = compileLexicon(loadKnowledge(undefined, { snapshot: null }));

  it('reads a misspelt capability word as the word it was meant to be', () => {
    expect(understand(lexicon, 'mutaton testing').problem.capabilities).toContain('mutation-testing');
    expect(understand(lexicon, 'a registy for models').problem.capabilities).toContain('model-registry');
  });

  it('does not read a longer word as a two-letter keyword it stems to ("ios" is not "io")', () => {
    const signals = understand(lexicon, 'build an ios app').signals.map((f) => f.phrase);
    expect(signals).not.toContain('io');
    expect(understand(lexicon, 'lots of small io on the disk').signals.map((f) => f.phrase)).toContain('io');
  });
});
