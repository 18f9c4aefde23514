/**
 * A copy folded into a result (search/folded-copies.ts) is cited as the result is: when both are chunks of
 * merged small HTML sections, by the subsection the passage is in (search/cited-part.ts), not by the parent
 * heading and the whole run of merged sections. Two pages hold the same "Settings file format" run of five
 * one-paragraph elements under different page titles; the question is answered by `<rename>`.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { runBatuta } from './run-batuta.js';

const home = tempDir('batuta-merged-copies-');
const db = join(home, 'index.db');
const docs = join(home, 'kiln');
afterAll(() => rmSync(home, { recursive: true, force: true }));

const ELEMENTS = `<h2>Settings file format</h2>
<p>The file is a list of elements. Each element below may appear any number of times, in any order.</p>
<h3>&lt;dir&gt;</h3>
<p>Names a folder the kiln daemon scans for glaze recipes when it starts.</p>
<h3>&lt;rename&gt;</h3>
<p>Makes one glaze family stand in for another: when a firing asks for the first family and it is missing,
the daemon fires with the second.</p>
<h3>&lt;limit&gt;</h3>
<p>Caps how many parsed recipes the daemon keeps in memory between firings.</p>
<h3>&lt;include&gt;</h3>
<p>Reads a further settings file in place of the element.</p>
<h3>&lt;log&gt;</h3>
<p>Chooses where firing lines are written.</p>`;

function page(title: string, intro: string): string {
  return `<!DOCTYPE html>
<html><head><title>${title}</title></head><body>
<h1>${title}</h1>
<p>${intro}</p>
${ELEMENTS}
</body></html>
`;
}

beforeAll(() => {
  mkdirSync(docs, { recursive: true });
  writeFileSync(
    join(docs, 'kiln-manual.html'),
    page('kiln.conf manual', 'The kiln daemon reads kiln.conf when it starts and again when told to reload.'),
  );
  writeFileSync(
    join(docs, 'kiln-reference.html'),
    page(
      'kiln.conf reference for packagers',
      'Distributions ship a default kiln.conf; this reference lists what packagers may change in it.',
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
        'kiln',
        'make one glaze family stand in for another',
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
