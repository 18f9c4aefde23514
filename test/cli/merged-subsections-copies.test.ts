/**
 * A copy folded into a result (search/folded-copies.ts) is cited as the result is: when both are chunks of
 * merged small HTML sections, by the subsection the passage is in (search/cited-part.ts), not by the parent
 * heading and the whole run of merged sections. Two pages hold the same "Settings file format" run of five
 * one-paragraph elements (the merged-subsections fixture's manual) under different page titles; the question is answered by `<rename>`.
 */
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { runBatuta } from './run-batuta.js';

const home = tempDir('batuta-merged-copies-');
const db = join(home, 'index.db');
const docs = join(home, 'shapes');
afterAll(() => rmSync(home, { recursive: true, force: true }));

beforeAll(() => {
  cpSync(resolve(import.meta.dirname, '../fixtures/merged-subsections'), docs, { recursive: true });
  // The manual again under another title and introduction, line for line: its "Settings file format" run is a copy.
  const manual = readFileSync(join(docs, 'shapes-manual.html'), 'utf8');
  writeFileSync(
    join(docs, 'shapes-reference.html'),
    manual
      .replaceAll('shapes.conf manual', 'shapes.conf reference for packagers')
      .replace(
        /<p>The shape server reads[^<]*<\/p>/,
        '<p>Distributions ship a default shapes.conf; packagers may change it.</p>',
      ),
  );
  const run = runBatuta(['index', docs, '--db', db, '--no-dense'], home);
  expect(run.code, run.stderr).toBe(0);
});

interface Cited {
  readonly source: string;
  readonly heading: string;
  readonly lines: [number, number];
}

describe('a folded copy of merged subsections (built CLI)', () => {
  it('cites the copy by the subsection its passage is in, as the result is', () => {
    const run = runBatuta(
      [
        'oracle',
        '--rag',
        '--json',
        '-k',
        '3',
        '--db',
        db,
        '--collection',
        'shapes',
        'make one shape family stand in for another',
      ],
      home,
    );
    expect(run.code, run.stderr).toBe(0);
    const [first] = JSON.parse(run.stdout).results as Array<Cited & { copies?: Cited[] }>;
    expect(first!.heading).toMatch(/ > Settings file format > <rename>$/);
    expect(first!.copies).toHaveLength(1);
    const copy = first!.copies![0]!;
    expect(copy.source).not.toBe(first!.source);
    expect(copy.heading).toMatch(/ > Settings file format > <rename>$/);
    expect(copy.lines).toEqual(first!.lines);
  });
});
