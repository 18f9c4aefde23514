/**
 * A rationale is a sentence for people: every kind of reason reads as words, never as the score's own
 * notation (the learned model's "p 0.95", a situation's "words → capability").
 */
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/index.js';
import { rationaleFor } from '../../src/oracle/assemble.js';

const depyler = loadKnowledge().components.find((c) => c.name === 'depyler')!;

const rationale = (signal: string, matched: string) =>
  rationaleFor(depyler, { component: 'depyler', score: 3, reasons: [{ signal, matched, points: 3 }] });

describe('rationaleFor', () => {
  it('says what the learned model read, without its notation', () => {
    const text = rationale('learned', 'p 0.95');
    expect(text).not.toMatch(/covers p\b|p 0\.95|0\.95/);
    expect(text).toContain('95%');
  });

  it('says which situation the question describes, without the arrow', () => {
    const text = rationale('situation', 'port script rust → python-transpile');
    expect(text).not.toContain('→');
    expect(text).toContain('python-transpile');
  });

  it('keeps the description words of a profile match', () => {
    expect(rationale('profile', 'migrate python code uses')).toContain(
      'its description covers migrate, python, code, uses',
    );
  });
});
