import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOracleQuestions, NO_COMPONENT, splitOf } from '../../bench/oracle/question-set.js';
import { STACK_COMPONENTS } from '../../src/retrieval/documents/component-tag.js';

const STACK = STACK_COMPONENTS;

describe('bench/oracle/questions.yaml', () => {
  const questions = loadOracleQuestions(resolve(import.meta.dirname, '../../bench/oracle/questions.yaml'));

  it('has at least 100 distinct questions, a third of them held out', () => {
    expect(questions.length).toBeGreaterThanOrEqual(100);
    expect(new Set(questions.map((q) => q.q.toLowerCase())).size).toBe(questions.length);
    const held = questions.filter((q) => q.split === 'holdout').length;
    expect(held).toBe(Math.floor(questions.length / 3));
  });

  it('expects only components of the stack, and covers every one of them', () => {
    for (const q of questions) for (const c of [q.expect, ...q.also]) expect(STACK).toContain(c);
    expect(new Set(questions.map((q) => q.expect))).toEqual(new Set(STACK));
  });

  it('holds out every third question', () => {
    expect([0, 1, 2, 3, 4, 5].map(splitOf)).toEqual(['dev', 'dev', 'holdout', 'dev', 'dev', 'holdout']);
  });
});

describe('bench/oracle/fresh.yaml', () => {
  it('expects only components of the stack', () => {
    const fresh = loadOracleQuestions(resolve(import.meta.dirname, '../../bench/oracle/fresh.yaml'));
    expect(fresh.length).toBeGreaterThanOrEqual(20);
    for (const q of fresh) for (const c of [q.expect, ...q.also]) expect(STACK).toContain(c);
  });
});

describe('bench/oracle/unseen.yaml', () => {
  const unseen = loadOracleQuestions(resolve(import.meta.dirname, '../../bench/oracle/unseen.yaml'));

  it('has at least 200 distinct questions, split about evenly in the file, 40 % describing the task', () => {
    expect(unseen.length).toBeGreaterThanOrEqual(200);
    expect(new Set(unseen.map((q) => q.q.toLowerCase())).size).toBe(unseen.length);
    const dev = unseen.filter((q) => q.split === 'dev').length;
    const test = unseen.filter((q) => q.split === 'test').length;
    expect(dev + test).toBe(unseen.length);
    expect(Math.abs(dev - test)).toBeLessThanOrEqual(1);
    expect(unseen.filter((q) => q.described).length / unseen.length).toBeGreaterThanOrEqual(0.4);
  });

  it('expects only components of the stack, and covers every one of them', () => {
    for (const q of unseen) for (const c of [q.expect, ...q.also]) expect(STACK).toContain(c);
    expect(new Set(unseen.map((q) => q.expect))).toEqual(new Set(STACK));
  });
});

describe('bench/oracle/unseen2.yaml', () => {
  const held = loadOracleQuestions(resolve(import.meta.dirname, '../../bench/oracle/unseen2.yaml'));
  const count = (keep: (q: (typeof held)[number]) => boolean) => held.filter(keep).length;

  it('has at least 200 distinct questions, all held out, 45 % describing the task', () => {
    expect(held.length).toBeGreaterThanOrEqual(200);
    expect(new Set(held.map((q) => q.q.toLowerCase())).size).toBe(held.length);
    expect(count((q) => q.split === 'test')).toBe(held.length);
    expect(count((q) => q.described) / held.length).toBeGreaterThanOrEqual(0.45);
  });

  it('has the negation, migration, multi-step and current-name questions the set promises', () => {
    expect(count((q) => q.negation)).toBeGreaterThanOrEqual(20);
    expect(count((q) => q.kind === 'migration')).toBeGreaterThanOrEqual(20);
    expect(count((q) => q.kind === 'multi')).toBeGreaterThanOrEqual(15);
    expect(count((q) => q.kind === 'names')).toBeGreaterThanOrEqual(12);
  });

  it('expects only components of the stack, never one as its own alternate, and covers every one', () => {
    for (const q of held) {
      for (const c of [q.expect, ...q.also]) expect(STACK).toContain(c);
      expect(q.also).not.toContain(q.expect);
    }
    expect(new Set(held.map((q) => q.expect))).toEqual(new Set(STACK));
  });
});

/** What a blind held-out set promises: its size, its mix of kinds and an even split within every stratum. */
interface HeldOutPromises {
  readonly questions: number;
  readonly negations: number;
  readonly perComponent: number;
}

function describeHeldOutSet(file: string, promises: HeldOutPromises): void {
  describe(`bench/oracle/${file}`, () => {
    const set = loadOracleQuestions(resolve(import.meta.dirname, '../../bench/oracle', file));
    const count = (keep: (q: (typeof set)[number]) => boolean) => set.filter(keep).length;

    it(`has at least ${promises.questions} distinct questions, 45 % describing the task`, () => {
      expect(set.length).toBeGreaterThanOrEqual(promises.questions);
      expect(new Set(set.map((q) => q.q.toLowerCase())).size).toBe(set.length);
      expect(count((q) => q.described) / set.length).toBeGreaterThanOrEqual(0.45);
    });

    it('has the negation, migration, multi-step, name, hardware and other kinds the set promises', () => {
      expect(count((q) => q.negation)).toBeGreaterThanOrEqual(promises.negations);
      expect(count((q) => q.kind === 'migration')).toBeGreaterThanOrEqual(30);
      expect(count((q) => q.kind === 'multi')).toBeGreaterThanOrEqual(20);
      expect(count((q) => q.kind === 'names')).toBeGreaterThanOrEqual(15);
      expect(count((q) => q.kind === 'hardware')).toBeGreaterThanOrEqual(15);
      for (const kind of ['deploy', 'trap', 'replaces', 'plain'] as const) {
        expect(count((q) => q.kind === kind)).toBeGreaterThan(0);
      }
    });

    it('splits every question in the file, half and half within each stratum of kind, described and negation', () => {
      const dev = count((q) => q.split === 'dev');
      const test = count((q) => q.split === 'test');
      expect(dev + test).toBe(set.length);
      expect(Math.abs(dev - test)).toBeLessThanOrEqual(1);
      const strata = new Map<string, number>();
      for (const q of set) {
        const key = `${q.kind}/${q.described}/${q.negation}`;
        strata.set(key, (strata.get(key) ?? 0) + (q.split === 'dev' ? 1 : -1));
      }
      for (const imbalance of strata.values()) expect(Math.abs(imbalance)).toBeLessThanOrEqual(1);
    });

    it(`expects only components of the stack, never one as its own alternate, each one at least ${promises.perComponent} times`, () => {
      for (const q of set) {
        for (const c of [q.expect, ...q.also]) expect(STACK).toContain(c);
        expect(q.also).not.toContain(q.expect);
      }
      for (const c of STACK)
        expect(count((q) => q.expect === c)).toBeGreaterThanOrEqual(promises.perComponent);
    });
  });
}

describeHeldOutSet('unseen3.yaml', { questions: 220, negations: 25, perComponent: 6 });
describeHeldOutSet('unseen4.yaml', { questions: 240, negations: 30, perComponent: 8 });
describeHeldOutSet('unseen5.yaml', { questions: 250, negations: 35, perComponent: 9 });

describe('bench/oracle/unseen6.yaml', () => {
  const set = loadOracleQuestions(resolve(import.meta.dirname, '../../bench/oracle/unseen6.yaml'));

  it('has at least 60 distinct questions, split half and half in the file', () => {
    expect(set.length).toBeGreaterThanOrEqual(60);
    expect(new Set(set.map((q) => q.q.toLowerCase())).size).toBe(set.length);
    const dev = set.filter((q) => q.split === 'dev').length;
    expect(dev * 2).toBe(set.length);
    expect(set.filter((q) => q.split === 'test').length).toBe(dev);
  });

  it('expects components of the stack, or none exactly for the off-topic questions', () => {
    for (const q of set) {
      expect(q.expect === NO_COMPONENT).toBe(q.kind === 'offtopic');
      for (const c of [q.expect, ...q.also].filter((c) => c !== NO_COMPONENT)) expect(STACK).toContain(c);
    }
    expect(set.filter((q) => q.kind === 'offtopic').length).toBeGreaterThan(0);
  });
});

describe('bench/oracle/unseen7.yaml', () => {
  const set = loadOracleQuestions(resolve(import.meta.dirname, '../../bench/oracle/unseen7.yaml'));

  it('has at least 100 distinct questions, split half and half in the file', () => {
    expect(set.length).toBeGreaterThanOrEqual(100);
    expect(new Set(set.map((q) => q.q.toLowerCase())).size).toBe(set.length);
    const dev = set.filter((q) => q.split === 'dev').length;
    expect(dev * 2).toBe(set.length);
    expect(set.filter((q) => q.split === 'test').length).toBe(dev);
  });

  it('expects components of the stack, or none exactly for its 20 or more off-topic questions', () => {
    for (const q of set) {
      expect(q.expect === NO_COMPONENT).toBe(q.kind === 'offtopic');
      for (const c of [q.expect, ...q.also].filter((c) => c !== NO_COMPONENT)) expect(STACK).toContain(c);
    }
    expect(set.filter((q) => q.kind === 'offtopic').length).toBeGreaterThanOrEqual(20);
  });
});
