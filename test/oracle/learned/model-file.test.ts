import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InvalidDataError } from '../../../src/errors.js';
import { modelBytes } from '../../../src/oracle/learned/model-build.js';
import { defaultModelPath, openLearnedModel } from '../../../src/oracle/learned/model-file.js';
import { probabilities } from '../../../src/oracle/learned/softmax.js';
import { TRAIN_DEFAULTS, trainSoftmax } from '../../../src/oracle/learned/train.js';
import { tempDir } from '../../temp-dirs.js';
import { thrown } from '../../thrown.js';

const dir = tempDir('batuta-learned-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function written() {
  const examples = ['alpha beta', 'gamma delta', 'alpha gamma'].flatMap((text, c) =>
    Array.from({ length: 4 }, (_, i) => ({
      sparse: [...text.split(' '), `${text} ${i}`],
      dense: Float32Array.of(c === 0 ? 1 : 0, c === 1 ? 1 : 0),
      target: new Map([[c, 1]]),
      weight: 1,
    })),
  );
  const model = trainSoftmax(['one', 'two', 'three'], examples, 2, {
    ...TRAIN_DEFAULTS,
    minCount: 1,
    denseScale: 1,
  });
  const path = join(dir, 'model.bin');
  writeFileSync(path, modelBytes(model, 'words-key'));
  return { model, path };
}

describe.each([
  ['read as asked', {}],
  ['read whole into memory', { inMemory: true }],
])('the learned model file (dist/oracle-model.bin), %s', (_, options) => {
  it('reads back what was trained: same probabilities, features found by binary search', () => {
    const { model, path } = written();
    const read = openLearnedModel(path, options)!;
    expect(read.header.wordsKey).toBe('words-key');
    expect(read.classes).toEqual(['one', 'two', 'three']);
    for (const feature of model.features) {
      expect(Array.from(read.row(feature)!)).toEqual(Array.from(model.row(feature)!, (v) => Math.fround(v)));
    }
    expect(read.row('not a feature')).toBeNull();
    expect(read.row('x'.repeat(100))).toBeNull();
    const question = ['alpha', 'delta', 'unknown'];
    const dense = Float32Array.of(0.6, 0.8);
    const a = probabilities(model, question, dense);
    const b = probabilities(read, question, dense);
    for (let c = 0; c < 3; c++) expect(b[c]).toBeCloseTo(a[c]!, 5);
  });

  it('is off when missing, and a damaged file names itself and the command that rebuilds it', () => {
    expect(openLearnedModel(join(dir, 'missing.bin'), options)).toBeUndefined();
    const { path } = written();
    const bytes = readFileSync(path);
    const cases = {
      truncated: bytes.subarray(0, bytes.length - 3),
      'no header': Buffer.from('garbage without a newline'),
      'not JSON': Buffer.concat([Buffer.from('{oops\n'), bytes.subarray(bytes.indexOf(10) + 1)]),
      'wrong header': Buffer.from('{"key":"k","classes":["a"]}\n'),
    };
    for (const [name, damaged] of Object.entries(cases)) {
      const file = join(dir, `${name}.bin`);
      writeFileSync(file, damaged);
      const error = thrown(InvalidDataError, () => openLearnedModel(file, options));
      expect(error.code).toBe('INVALID_DATA');
      expect(error.details).toEqual({ file });
      expect(error.message).toContain(file);
      expect(error.message).toContain('npm run build');
    }
  });

  it('is written by the build beside the knowledge snapshot', () => {
    const model = openLearnedModel(defaultModelPath(), options);
    expect(model).toBeDefined();
    expect(model!.classes).toHaveLength(20);
    expect(model!.dim).toBe(model!.denseScale > 0 ? 196 : 0);
  });
});

describe('the learned model read whole into memory', () => {
  it('answers from memory after the file changes, where the model read as asked reads the new bytes', () => {
    const { model, path } = written();
    const inMemory = openLearnedModel(path, { inMemory: true })!;
    const asAsked = openLearnedModel(path)!;
    const bytes = readFileSync(path);
    const header = bytes.indexOf(10) + 1;
    writeFileSync(path, Buffer.concat([bytes.subarray(0, header), Buffer.alloc(bytes.length - header)]));
    const feature = model.features[0]!;
    expect(Array.from(inMemory.row(feature)!)).toEqual(
      Array.from(model.row(feature)!, (v) => Math.fround(v)),
    );
    expect(asAsked.row(feature)).toBeNull();
  });
});
