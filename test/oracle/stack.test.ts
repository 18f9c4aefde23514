import { describe, expect, it } from 'vitest';
import { createOracle } from '../../src/oracle/recommend.js';
import { STACK_FIXTURE } from './stack-fixture.js';

const oracle = createOracle(STACK_FIXTURE);
const primary = (q: string) => oracle.answer(q).primary?.component ?? null;

describe('recommendations over a 20-component stack', () => {
  it.each([
    ['the fastest way to add two arrays', 'trueno'],
    ['summarise a transcript with a local LLM', 'realizar'],
    ['which library replaces sklearn?', 'aprender'],
    ['port my C code to Rust', 'decy'],
    ['I have no GPU; cluster 40k points into groups', 'aprender'],
    ['rewrite this Python, not the C part, in Rust', 'depyler'],
    ['check that the new binary makes the same syscalls as the old one', 'renacer'],
    ['track which dataset produced each model, with signatures', 'pacha'],
  ])('%s → %s', (q, expected) => {
    expect(primary(q)).toBe(expected);
  });

  it('turns "without a GPU" into CPU advice even for neural work', () => {
    const r = oracle.answer('fine-tune a transformer with LoRA without a GPU');
    expect(r.primary?.component).toBe('entrenar');
    expect(r.problem.negated).toContain('gpu');
    expect(r.compute?.backend).toBe('simd');
  });

  it('sends data larger than one machine to the distributed backend', () => {
    const r = oracle.answer('logistic regression on two billion rows');
    expect(r.primary?.component).toBe('aprender');
    expect(r.problem.dataSize?.elements).toBe(2e9);
    expect(r.compute?.backend).toBe('distributed');
  });

  it('halves transpilers that cannot read the language being migrated', () => {
    const r = oracle.answer('port this C library and its Python-like build scripts to Rust', true);
    expect(r.problem.languages).toEqual(['c', 'python']);
    const c = oracle.answer('port this C library to Rust, quickly', true);
    expect(c.primary?.component).toBe('decy');
    const penalised = (c.explain ?? []).filter((s) => s.reasons.some((x) => x.signal === 'wrong-source'));
    expect(penalised.map((s) => s.component)).toContain('depyler');
    expect(penalised.map((s) => s.component)).not.toContain('decy');
  });

  it('reads several named phases as a question about the whole workflow', () => {
    expect(primary('analyze, transpile, validate and deploy my project')).toBe('batuta');
  });
});
