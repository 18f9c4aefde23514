import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultWordSpacePath, openWordSpace } from '../../src/oracle/word-space.js';
import { tempDir } from '../temp-dirs.js';

const dir = tempDir('batuta-word-space-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the word vectors file the build writes (dist/oracle-words.bin)', () => {
  it('finds everyday and technical words by binary search, each table weighting its own', () => {
    const space = openWordSpace(defaultWordSpacePath());
    expect(space).toBeDefined();
    expect(space!.header.dims).toEqual([100, 96]);
    const quickest = space!.entry('quickest')!;
    expect(quickest.weights[0]).toBeGreaterThan(0);
    expect(Math.hypot(...quickest.vectors[0])).toBeCloseTo(1, 1);
    const numpy = space!.entry('numpy')!;
    expect(numpy.weights[0]).toBe(0);
    expect(numpy.weights[1]).toBeGreaterThan(0);
    expect(space!.entry('the')).toBeNull();
    expect(space!.entry('zzzzqqqq')).toBeNull();
    expect(space!.entry('a'.repeat(40))).toBeNull();
    const fastest = space!.entry('fastest')!;
    const cosine = fastest.vectors[0].reduce((sum, v, i) => sum + v * quickest.vectors[0][i]!, 0);
    expect(cosine).toBeGreaterThan(0.5);
  });

  it('is off, not an error, when the file is missing or unreadable', () => {
    expect(openWordSpace(join(dir, 'missing.bin'))).toBeUndefined();
    writeFileSync(join(dir, 'garbage.bin'), 'not a header\nxx');
    expect(openWordSpace(join(dir, 'garbage.bin'))).toBeUndefined();
  });
});
