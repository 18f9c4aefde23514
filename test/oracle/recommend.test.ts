import { describe, expect, it } from 'vitest';
import { createOracle } from '../../src/oracle/recommend.js';
import type { Citation } from '../../src/oracle/types.js';
import { FIXTURE } from './fixture.js';

const oracle = createOracle(FIXTURE);
const primaryOf = (q: string) => oracle.answer(q).primary?.component ?? null;

describe('recommend', () => {
  it.each([
    ['How do I train a model on GPU?', 'entrenar'],
    ['What replaces Pinecone?', 'trueno-db'],
    ['nearest neighbour lookup over embeddings', 'trueno-db'],
    ['convert my Python package to Rust', 'depyler'],
    ['serve a model behind an endpoint', 'realizar'],
    ['cluster scheduling for many jobs', 'repartir'],
    ['fine tuning with low rank adaptation', 'entrenar'],
    ['fit a random forest classifier', 'aprender'],
  ])('%s → %s', (question, expected) => {
    expect(primaryOf(question)).toBe(expected);
  });

  it('returns no primary when nothing in the stack is relevant', () => {
    const r = oracle.answer('what is the weather in Lisbon tomorrow');
    expect(r.primary).toBeNull();
    expect(r.supporting).toEqual([]);
    expect(r.compute).toBeNull();
  });

  it('is deterministic', () => {
    const q = 'train a classifier on GPU with 1M samples';
    expect(JSON.stringify(oracle.answer(q, true))).toBe(JSON.stringify(oracle.answer(q, true)));
  });

  it('ties each supporting component to an integration and lists it, without duplicates', () => {
    const r = oracle.answer('train a model on GPU and serve it');
    expect(r.primary?.component).toBe('entrenar');
    const names = r.supporting.map((s) => s.component);
    expect(new Set(names).size).toBe(names.length);
    expect(names).not.toContain('entrenar');
    expect(names).toContain('realizar');
    for (const s of r.supporting) {
      const step = r.integrations.find(
        (i) => i.pattern === s.via && (i.from === s.component || i.to === s.component),
      );
      expect(step).toBeDefined();
    }
  });

  it('derives confidences from scores: a clear question is more confident than a vague one', () => {
    const clear =
      oracle.answer('fine tuning with LoRA to train a model, replacing PyTorch').primary?.confidence ?? 0;
    const vague = oracle.answer('simd').primary?.confidence ?? 0;
    expect(clear).toBeGreaterThan(vague);
    expect(clear).toBeLessThanOrEqual(0.99);
    for (const s of oracle.answer('train a model on GPU and serve it').supporting) {
      expect(s.confidence).toBeLessThanOrEqual(clear);
    }
  });

  it('explains every score as a sum of reasons', () => {
    const r = oracle.answer('What replaces Pinecone?', true);
    const top = r.explain?.[0];
    expect(top?.component).toBe('trueno-db');
    const sum = top?.reasons.reduce((s, x) => s + x.points, 0) ?? 0;
    expect(sum).toBeCloseTo(top?.score ?? -1, 2);
    expect(top?.reasons.map((x) => x.signal)).toContain('replaces');
  });

  it('picks the recipe that fits as the example', () => {
    expect(oracle.answer('How do I train a model on GPU?').example?.recipe).toBe('train-on-gpu');
  });

  it('adds citations only from an injected provider', async () => {
    expect((await oracle.recommend('What replaces Pinecone?')).citations).toEqual([]);
    const seen: string[][] = [];
    const cite = (_q: string, components: readonly string[]): Citation[] => {
      seen.push([...components]);
      return [{ collection: 'specs', source: `${components[0]}.md`, heading: 'Purpose', lines: [1, 5] }];
    };
    const r = await oracle.recommend('What replaces Pinecone?', { cite });
    expect(seen[0]?.[0]).toBe('trueno-db');
    expect(r.citations).toEqual([
      { collection: 'specs', source: 'trueno-db.md', heading: 'Purpose', lines: [1, 5] },
    ]);
  });
});

describe('recommend: exclusions (round 2)', () => {
  it('a component named only to rule it out does not win, even with its own vocabulary nearby', () => {
    const r = oracle.answer(
      'forget trueno-db and its nearest neighbour lookup, serve a model behind an endpoint',
    );
    expect(r.primary?.component).toBe('realizar');
    const excluded = oracle.answer('trueno-db is not the problem, serve a model').primary?.component;
    expect(excluded).not.toBe('trueno-db');
  });

  it('a component named only to rule it out drops below one that is merely mentioned', () => {
    expect(primaryOf('nearest neighbour lookup in trueno-db')).toBe('trueno-db');
    const ranked = oracle.answer('rather than trueno-db, which piece does nearest neighbour lookup?');
    expect(ranked.primary?.component).not.toBe('trueno-db');
  });
});
