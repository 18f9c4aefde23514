import { describe, expect, it } from 'vitest';
import { compileLexicon } from '../../src/oracle/lexicon.js';
import { understand } from '../../src/oracle/understand.js';
import { FIXTURE } from './fixture.js';

const lexicon = compileLexicon(FIXTURE);
const problem = (q: string) => understand(lexicon, q).problem;

describe('understand', () => {
  it('finds capabilities through synonyms and their domains', () => {
    const p = problem('similarity search over my documents');
    expect(p.capabilities).toContain('vector-search');
    expect(p.domains).toContain('search');
  });

  it('recognises named components, including hyphenated names', () => {
    expect(problem('store vectors in trueno-db').components).toEqual(['trueno-db']);
    expect(problem('Trueno DB or trueno?').components).toEqual(['trueno-db', 'trueno']);
  });

  it('recognises algorithms and expands them into capabilities', () => {
    const p = problem('fit a random forest');
    expect(p.algorithms).toEqual(['random-forest']);
    expect(p.capabilities).toContain('classification');
  });

  it('reads data size, hardware and deployment hints', () => {
    const p = problem('train on GPU with 1M samples, then deploy to AWS Lambda and WebAssembly');
    expect(p.hardware).toEqual(['gpu']);
    expect(p.deployment).toEqual(['serverless', 'wasm']);
    expect(p.dataSize?.elements).toBe(1e6);
  });

  it('drops negated hardware and languages but keeps tools people want rid of', () => {
    const p = problem('without GPU, no more NumPy');
    expect(p.hardware).toEqual([]);
    expect(p.negated).toContain('gpu');
    expect(p.tools).toEqual(['numpy']);
    expect(problem('convert C, not Python').languages).toEqual(['c']);
  });

  it('detects migrations and infers Python from Python libraries', () => {
    const p = problem('convert my sklearn code to Rust');
    expect(p.migration).toBe(true);
    expect(p.tools).toEqual(['scikit-learn']);
    expect(p.languages).toEqual(['python']);
  });

  it('does not read the words of a product name as a request', () => {
    const named = compileLexicon({
      ...FIXTURE,
      components: FIXTURE.components.map((c) =>
        c.name === 'realizar' ? { ...c, replaces: ['Hugging Face Transformers'] } : c,
      ),
    });
    const p = understand(named, 'replacement for Hugging Face Transformers').problem;
    expect(p.tools).toEqual(['hugging face transformers']);
    expect(p.algorithms).toEqual([]);
  });

  it('does not match inside words', () => {
    const p = problem('the fastest transcript');
    expect(p.capabilities).toEqual([]);
    expect(p.languages).toEqual([]);
  });

  it('reads a count of machines as a cluster', () => {
    expect(problem('scale the simulation to 100 nodes').hardware).toEqual(['cluster']);
    expect(problem('load 100 rows').hardware).toEqual([]);
  });

  it('multiplies matrix shapes into an element count', () => {
    expect(problem('multiply two 2048 x 2048 matrices').dataSize?.elements).toBe(2048 * 2048);
  });
});

describe('understand: migration read from "to Rust" with a source language (round 2)', () => {
  it('treats "<language> ... to Rust" as a migration even without a migration verb', () => {
    expect(problem('move a legacy project written partly in python and partly in c to rust').migration).toBe(
      true,
    );
    expect(problem('get this Python service into Rust').migration).toBe(true);
  });

  it('does not when Rust is not the destination or no source language is named', () => {
    expect(problem('a Rust library that is called from Python').migration).toBe(false);
    expect(problem('add a feature to rust code').migration).toBe(false);
  });
});
