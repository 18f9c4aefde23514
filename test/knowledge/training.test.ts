import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InvalidDataError } from '../../src/errors.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { loadTrainingQuestions, parseTrainingQuestions } from '../../src/knowledge/training.js';
import { tempDir } from '../temp-dirs.js';
import { thrown } from '../thrown.js';

const dir = tempDir('batuta-training-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const COMPONENTS = new Set(['trueno', 'trueno-db', 'aprender']);

describe('training questions (knowledge/training/questions-*.yaml)', () => {
  it('reads questions with their defaults', () => {
    const text =
      '- q: group my customers by how they buy\n  expect: aprender\n  described: true\n- q: store embeddings\n  expect: trueno-db\n  also: [trueno]\n';
    expect(parseTrainingQuestions(text, 'training/questions-x.yaml', COMPONENTS)).toEqual([
      { q: 'group my customers by how they buy', expect: 'aprender', also: [], described: true },
      { q: 'store embeddings', expect: 'trueno-db', also: ['trueno'], described: false },
    ]);
  });

  it('names the file and the entry of a bad question', () => {
    const missing = thrown(InvalidDataError, () =>
      parseTrainingQuestions(
        '- q: fine question\n  expect: trueno\n- q: no answer\n',
        'training/questions-a.yaml',
        COMPONENTS,
      ),
    );
    expect(missing.code).toBe('INVALID_DATA');
    expect(missing.details).toEqual({ file: 'training/questions-a.yaml', path: '1' });
    expect(missing.message).toContain('training/questions-a.yaml');
    const unknown = thrown(InvalidDataError, () =>
      parseTrainingQuestions(
        '- q: a question\n  expect: trueno\n  also: [pandas]\n',
        'training/questions-b.yaml',
        COMPONENTS,
      ),
    );
    expect(unknown.details).toEqual({ file: 'training/questions-b.yaml', path: '0.also.0' });
    expect(unknown.message).toContain('"pandas"');
    const extra = thrown(InvalidDataError, () =>
      parseTrainingQuestions(
        '- q: a question\n  expect: trueno\n  kind: plain\n',
        'training/questions-c.yaml',
        COMPONENTS,
      ),
    );
    expect(extra.details).toEqual({ file: 'training/questions-c.yaml', path: '0' });
    expect(
      thrown(InvalidDataError, () => parseTrainingQuestions('q: [unclosed', 'f.yaml', COMPONENTS)).code,
    ).toBe('INVALID_DATA');
    expect(
      thrown(InvalidDataError, () => parseTrainingQuestions('q: not a list', 'f.yaml', COMPONENTS)).code,
    ).toBe('INVALID_DATA');
  });

  it('loads every questions file of a folder in name order, and nothing from a missing folder', () => {
    writeFileSync(join(dir, 'questions-b.yaml'), '- q: second file\n  expect: trueno\n');
    writeFileSync(join(dir, 'questions-a.yaml'), '- q: first file\n  expect: aprender\n');
    writeFileSync(join(dir, 'notes.yaml'), 'not: questions');
    expect(loadTrainingQuestions(COMPONENTS, dir).map((q) => q.q)).toEqual(['first file', 'second file']);
    expect(loadTrainingQuestions(COMPONENTS, join(dir, 'missing'))).toEqual([]);
  });

  it('accepts the shipped training questions', () => {
    const names = new Set(loadKnowledge().components.map((c) => c.name));
    const questions = loadTrainingQuestions(names);
    for (const q of questions) expect(names.has(q.expect)).toBe(true);
  });
});
