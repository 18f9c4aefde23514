import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CalibrationChunk,
  cleanHeading,
  PSEUDO_QUESTION_DEFAULTS,
  pseudoQuestions,
  withholdTexts,
} from '../../../src/retrieval/fusion/pseudo-questions.js';

const chunk = (id: string, source: string, headings: string[], text: string): CalibrationChunk => ({
  id,
  source,
  headings,
  text,
});

const CHUNKS: CalibrationChunk[] = [
  chunk('1', 'blueprints.html', ['Modular applications'], 'Blueprints group views and templates.'),
  chunk(
    '2',
    'blueprints.html',
    ['Modular applications', 'Registering blueprints'],
    'Call register_blueprint.',
  ),
  chunk('3', 'blueprints.html', ['Modular applications', 'Registering blueprints'], 'Pass a url_prefix too.'),
  chunk(
    '4',
    'blueprints.html',
    ['Modular applications', 'Static files'],
    'How do I serve static files from a blueprint?',
  ),
  chunk('5', 'config.html', ['Configuration handling'], 'Settings live on app.config.'),
  chunk('9', 'blueprints.html', ['Modular applications'], 'Registering blueprints\nA merged small section.'),
  chunk('6', 'config.html', ['Configuration handling', 'Parameters'], 'DEBUG and TESTING flags.'),
  chunk('7', 'errors.html', ['Handling application errors'], 'Register error handlers.'),
  chunk('8', 'errors.html', ['Handling application errors', 'Parameters'], 'code_or_exception.'),
];

describe('pseudoQuestions', () => {
  it('asks each distinctive heading, masking the chunks under it and hiding its merged copies', () => {
    const questions = pseudoQuestions(CHUNKS);
    const registering = questions.find((q) => q.question === 'Registering blueprints')!;
    expect(registering).toEqual({
      question: 'Registering blueprints',
      raw: 'Registering blueprints',
      kind: 'heading',
      answer: 'blueprints.html',
      masked: ['2', '3'],
      hidden: ['9'],
    });
    const title = questions.find((q) => q.question === 'Modular applications')!;
    expect(title.masked).toEqual(['1', '2', '3', '4', '9']);
  });

  it('drops a heading two files share and headings with too few content words', () => {
    const questions = pseudoQuestions(CHUNKS).map((q) => q.question);
    expect(questions).not.toContain('Parameters');
    expect(
      pseudoQuestions([
        chunk('1', 'a.md', ['Overview'], 'x'),
        chunk('2', 'a.md', ['Overview', 'Usage'], 'y'),
      ]),
    ).toEqual([]);
  });

  it('asks question-shaped sentences and hides the chunk that holds them', () => {
    const sentence = pseudoQuestions(CHUNKS).find((q) => q.kind === 'sentence')!;
    expect(sentence).toEqual({
      question: 'How do I serve static files from a blueprint?',
      raw: 'How do I serve static files from a blueprint?',
      kind: 'sentence',
      answer: 'blueprints.html',
      masked: [],
      hidden: ['4'],
    });
  });

  it('is a seeded sample: same input and seed, same questions; never more than asked; answers are files', () => {
    const many = Array.from({ length: 300 }, (_, i) =>
      chunk(String(i), `page${Math.floor(i / 3)}.md`, [`Topic ${i} alpha${i} beta${i}`], `text ${i}`),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 120 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }), (max, seed) => {
        const options = { ...PSEUDO_QUESTION_DEFAULTS, maxQuestions: max, seed };
        const first = pseudoQuestions(many, options);
        expect(pseudoQuestions(many, options)).toEqual(first);
        expect(first.length).toBe(Math.min(max, many.length));
        expect(new Set(first.map((q) => q.question)).size).toBe(first.length);
        const sources = new Set(many.map((c) => c.source));
        for (const q of first) expect(sources.has(q.answer)).toBe(true);
      }),
      { seed: 20261205, numRuns: 60 },
    );
  });
});

describe('withholdTexts', () => {
  it('removes every occurrence of each text, longest first, whatever characters it holds', () => {
    const strip = withholdTexts(['Static files', 'Static files (C++)?', 'a.b']);
    expect(strip('Guide > Static files (C++)?\nServe Static files. a.b axb')).toBe(
      'Guide >  \nServe  .   axb',
    );
    expect(withholdTexts([])('unchanged')).toBe('unchanged');
  });

  it('leaves no question text in the adaptation text of a collection', () => {
    const questions = pseudoQuestions(CHUNKS);
    const strip = withholdTexts(questions.map((q) => q.raw));
    for (const c of CHUNKS) {
      const seen = strip(`${c.headings.join(' > ')}\n${c.text}`);
      for (const q of questions) expect(seen).not.toContain(q.raw);
    }
  });
});

describe('cleanHeading', () => {
  it('strips numbering, pilcrows, code marks and trailing colons', () => {
    expect(cleanHeading('2.3. Registering `Blueprint` objects:')).toBe('Registering Blueprint objects');
    expect(cleanHeading('Static files¶')).toBe('Static files');
  });
});
