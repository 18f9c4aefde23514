import { describe, expect, it } from 'vitest';
import { askedWords } from '../../../src/retrieval/dense/asked-words.js';
import { tokenizeForModel } from '../../../src/text/model-tokens.js';

const tokens = (text: string) => tokenizeForModel(askedWords(text));

describe('askedWords', () => {
  it('drops the words of asking and keeps what the question is about', () => {
    expect(tokens('How do I make the shipped executable as small as possible?')).toEqual([
      'shipped',
      'executable',
      'small',
      'possible',
    ]);
    expect(tokens("What's the quickest way to find where my program burns its CPU time?")).toEqual([
      'quickest',
      'find',
      'program',
      'burns',
      'cpu',
      'time',
    ]);
  });

  it('keeps identifiers whole, stop words inside them included', () => {
    expect(tokens('The Python-to-Rust tool guessed i64; how do I steer it?')).toEqual([
      'python-to-rust',
      'python',
      'to',
      'rust',
      'tool',
      'guessed',
      'i64',
      'steer',
    ]);
    expect(tokens('how do I call app.run in __init__')).toEqual([
      'call',
      'app.run',
      'app',
      'run',
      '__init__',
    ]);
  });

  it('keeps a question made only of stop words as it is', () => {
    expect(askedWords('How can I do it?')).toBe('How can I do it?');
    expect(askedWords('')).toBe('');
  });
});
