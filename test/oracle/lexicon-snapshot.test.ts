import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadOracleQuestions } from '../../bench/oracle/question-set.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { compileLexicon } from '../../src/oracle/lexicon.js';
import {
  inputsKey,
  readLexiconSnapshot,
  runningBuildId,
  writeLexiconSnapshot,
} from '../../src/oracle/lexicon-snapshot.js';
import { createOracle, oracleOf } from '../../src/oracle/recommend.js';
import { stackInputs } from '../../src/oracle/stack-oracle.js';
import { tempDir } from '../temp-dirs.js';

const dir = tempDir('batuta-lexicon-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the build snapshot of the oracle lexicon', () => {
  const inputs = stackInputs(loadKnowledge());
  const path = join(dir, 'oracle-lexicon.bin');
  writeLexiconSnapshot('build-a', inputs, path);

  it('reads back exactly what compileLexicon makes, with a stemmer of its own', () => {
    const read = readLexiconSnapshot(inputs, 'build-a', path);
    expect(read).not.toBeNull();
    const { stemWord, ...compiled } = compileLexicon(
      inputs.knowledge,
      undefined,
      inputs.documents,
      inputs.soft,
    );
    const { stemWord: readStemmer, ...revived } = read!;
    expect(revived).toStrictEqual(compiled);
    expect(readStemmer('clustering')).toBe(stemWord('clustering'));
  });

  it('gives the same answers as the oracle compiled in the process', () => {
    const set = resolve(import.meta.dirname, '../../bench/oracle/questions.yaml');
    const questions = loadOracleQuestions(set).map((q) => q.q);
    const compiled = createOracle(inputs.knowledge, { documents: inputs.documents, soft: inputs.soft });
    const revived = oracleOf(readLexiconSnapshot(inputs, 'build-a', path)!);
    for (const question of questions) {
      expect(revived.answer(question, true)).toStrictEqual(compiled.answer(question, true));
    }
  });

  it('is not used by other code, for other inputs, or from the sources', () => {
    expect(readLexiconSnapshot(inputs, 'build-b', path)).toBeNull();
    const knowledge = structuredClone(inputs.knowledge);
    knowledge.components[0]!.keywords.push('an extra keyword');
    const edited = { ...inputs, knowledge };
    expect(inputsKey(edited)).not.toBe(inputsKey(inputs));
    expect(readLexiconSnapshot(edited, 'build-a', path)).toBeNull();
    const model = inputs.soft.model;
    expect(model).toBeDefined();
    const retrained = {
      ...inputs,
      soft: { ...inputs.soft, model: { ...model!, header: { ...model!.header, key: 'other' } } },
    };
    expect(inputsKey(retrained)).not.toBe(inputsKey(inputs));
    expect(readLexiconSnapshot(retrained, 'build-a', path)).toBeNull();
    expect(readLexiconSnapshot(inputs, 'build-a', join(dir, 'missing.bin'))).toBeNull();
    expect(runningBuildId()).toBeNull();
    expect(readLexiconSnapshot(inputs, undefined, path)).toBeNull();
  });
});
