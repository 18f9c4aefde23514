import { describe, expect, it } from 'vitest';
import { contentStems, normalizeText, stemLines, tokenize } from '../../src/text/tokenize.js';

const words = (text: string) => tokenize(text).map((t) => t.word);
const negatedWords = (text: string) =>
  tokenize(text)
    .filter((t) => t.negated && !t.stop)
    .map((t) => t.word);

describe('tokenize', () => {
  it('splits on whole words, never substrings', () => {
    expect(contentStems('the fastest transcript')).toEqual(['fastest', 'transcript']);
    expect(contentStems('fastest')).not.toContain('test');
    expect(contentStems('transcript')).not.toContain('script');
  });

  it('stems inflections to one form', () => {
    expect(contentStems('training trains trained')).toEqual(['train', 'train', 'train']);
    expect(contentStems('GPUs gpu')).toEqual(['gpu', 'gpu']);
  });

  it('keeps language spellings that punctuation would break', () => {
    expect(words('C++ and C#')).toEqual(['cpp', 'and', 'csharp']);
    expect(normalizeText("don't")).toBe('do not');
  });

  it('splits numbers from their units and keeps thousands separators together', () => {
    expect(words('10GB and 1,000,000 rows, 1.5TB')).toEqual([
      '10',
      'gb',
      'and',
      '1000000',
      'rows',
      '1.5',
      'tb',
    ]);
  });

  it('marks negation scope until clause punctuation or a contrast word', () => {
    expect(negatedWords('I do not have a GPU, but SIMD is fine')).toEqual(['gpu']);
    expect(negatedWords('convert C, not Python')).toEqual(['python']);
    expect(negatedWords('without GPU or cluster')).toEqual(['gpu', 'cluster']);
    expect(negatedWords('not Python but C')).toEqual(['python']);
  });

  it('negates a move of code and where it goes, not what is moved', () => {
    expect(negatedWords('we are not moving the shell scripts to rust, just linting them')).toEqual([
      'moving',
      'rust',
    ]);
    expect(negatedWords("don't transpile the bash scripts")).toEqual(['transpile']);
  });

  it('does not treat "not sure" as a negation', () => {
    expect(negatedWords('not sure whether to use a GPU')).toEqual([]);
  });

  it('numbers clauses so phrases cannot cross punctuation', () => {
    const [a, b] = tokenize('vector. search');
    expect(a?.clause).not.toBe(b?.clause);
  });
});

describe('stemLines', () => {
  it('gives each line the content stems tokenize would give it', () => {
    const lines = [
      'Train a model on 10 GPUs, not the CPU',
      "Don't use llama.cpp; C++ and C# code",
      'the 1,000,000 rows',
      '',
      'multi\nline text',
    ];
    expect(stemLines(lines)).toEqual(lines.map((line) => contentStems(line.replaceAll('\n', ' '))));
  });
});

describe('tokenize exclusions (round 2)', () => {
  it('reads dismissive verbs as negators: forget, skip, except', () => {
    expect(negatedWords('forget the registry side, which piece generates tokens')).toEqual([
      'registry',
      'side',
    ]);
    expect(negatedWords('skip the migration tooling, trace syscalls')).toEqual(['migration', 'tooling']);
  });

  it('negates what follows "instead of", "rather than" and "other than"', () => {
    expect(negatedWords('rather than a vector database, I want the pipeline')).toEqual([
      'vector',
      'database',
    ]);
    expect(negatedWords('instead of training anything, serve it')).toEqual(['training']);
    expect(negatedWords('use trueno rather than numpy')).toEqual(['numpy']);
  });

  it('negates the subject of "is not the problem", "is fine", "works fine"', () => {
    expect(negatedWords('the graph library is not the problem; cluster rows')).toEqual(['graph', 'library']);
    expect(negatedWords('the python scripts are fine as they are, lint the bash')).toEqual([
      'python',
      'scripts',
    ]);
    expect(negatedWords('the model registry works fine, but parquet is slow')).toEqual(['model', 'registry']);
  });

  it('negates the subject of "is overkill" and "is too pricey / expensive / costly / heavy"', () => {
    expect(negatedWords('tag the mails by topic; an llm is overkill here')).toEqual(['llm']);
    expect(negatedWords('a hosted service would be fine but the gpu box is too pricey')).toEqual([
      'gpu',
      'box',
    ]);
    expect(negatedWords('the loop is too slow, make it faster')).toEqual([]);
  });

  it('keeps "not sure" and "no problem" non-negating', () => {
    expect(negatedWords('not sure which database to use')).toEqual([]);
  });
});

describe('tokenize goals stated as negations (round 2)', () => {
  it('does not negate what "make sure", "verify" or "ensure" ask for', () => {
    expect(negatedWords('verify it has not been tampered with before loading')).toEqual([]);
    expect(negatedWords('make sure no patient can be identified')).toEqual([]);
    expect(negatedWords('ensure the file was never modified')).toEqual([]);
  });

  it('still negates outside such a goal', () => {
    expect(negatedWords('I have not been running a GPU')).toEqual(['running', 'gpu']);
    expect(negatedWords('I have not been using a GPU')).toEqual(['gpu']);
  });
});
