/**
 * A texinfo reference node that documents several functions (makeinfo's `<dl class="def"><dt id="index-…">`,
 * as maxima's manual does, dozens per node) through the built CLI: a result is headed by the function it
 * cites, below the node's section, not by the section alone.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { runBatuta, searchCollection } from './run-batuta.js';

const home = tempDir('batuta-texinfo-defs-');
afterAll(() => rmSync(home, { recursive: true, force: true }));
const folder = join(home, 'glazecalc');
const db = join(home, 'index.db');

/** A definition whose description is long enough (over 100 tokens) to be chunked on its own. */
const definition = (name: string, topic: string) =>
  `<dl class="def"><dt id="index-${name}"><span class="category">Function: </span><span><strong>${name}</strong> ` +
  `<em>(<var>glaze</var>)</em></span></dt><dd><p>${Array.from(
    { length: 14 },
    (_, i) => `${topic} step ${i + 1} is described in this paragraph of the glazecalc manual.`,
  ).join(' ')}</p></dd></dl>`;

beforeAll(() => {
  mkdirSync(folder);
  writeFileSync(
    join(folder, 'glazecalc_7.html'),
    '<html><head><title>Functions for glazes (Glazecalc Manual)</title></head><body>' +
      '<h3 class="section">7.1 Functions for glazes</h3><p>These functions work on glaze recipes.</p>' +
      definition('blend', 'Blending two recipes by weight') +
      definition('unity', 'Computing the unity molecular formula') +
      '</body></html>',
  );
  const run = runBatuta(['index', folder, '--db', db, '--no-dense'], home);
  expect(run.code, run.stderr).toBe(0);
});

describe('texinfo definitions (built CLI)', () => {
  it('head the results that come from them', () => {
    const search = searchCollection(db, 'glazecalc', 'compute the unity molecular formula of a glaze', home);
    expect(search.code, search.stderr).toBe(0);
    expect(JSON.parse(search.stdout).results[0]).toMatchObject({
      source: 'glazecalc_7.html',
      heading: '7.1 Functions for glazes > Function: unity (glaze)',
    });
  });
});
