import { describe, expect, it } from 'vitest';
import {
  ALGORITHMS,
  CONCEPTS,
  DEPLOYMENT_PHRASES,
  HARDWARE_PHRASES,
  LANGUAGE_PHRASES,
  MIGRATION_PHRASES,
} from '../../src/oracle/vocabulary.js';
import { phraseKey } from '../../src/text/phrases.js';

const phrases = [
  ...MIGRATION_PHRASES,
  ...CONCEPTS.map(([p]) => p),
  ...ALGORITHMS.flatMap((a) => a.phrases),
  ...Object.values(HARDWARE_PHRASES).flat(),
  ...Object.values(DEPLOYMENT_PHRASES).flat(),
  ...Object.values(LANGUAGE_PHRASES).flat(),
];

describe('built-in vocabulary', () => {
  it('has no phrase that stop words reduce to nothing', () => {
    expect(phrases.filter((p) => phraseKey(p).length === 0)).toEqual([]);
  });

  it('has no multi-word phrase that stop words shrink to one generic word', () => {
    const allowed = new Set(['cpu only', 'rewrite in rust']);
    const shrunk = phrases.filter(
      (p) => p.split(/[\s-]+/).length > 1 && phraseKey(p).length < 2 && !allowed.has(p),
    );
    expect(shrunk).toEqual([]);
  });
});
