/**
 * A code example holding a line of backticks (a reST title's underline, a markdown fence, as docutils' own
 * reStructuredText spec shows them) through the built CLI: the sections after it keep their headings (the
 * line closed the extracted code block early, and every later heading was read as code).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { runBatuta, searchCollection } from './run-batuta.js';

const home = tempDir('batuta-pre-backticks-');
afterAll(() => rmSync(home, { recursive: true, force: true }));
const folder = join(home, 'glazemark');
const db = join(home, 'index.db');

/** A paragraph long enough (over 100 tokens) that its section is chunked on its own, not merged. */
const paragraph = (topic: string) =>
  `<p>${Array.from({ length: 14 }, (_, i) => `${topic} rule ${i + 1} of the glazemark syntax is written here.`).join(' ')}</p>`;

beforeAll(() => {
  mkdirSync(folder);
  writeFileSync(
    join(folder, 'spec.html'),
    '<html><head><title>Glazemark</title></head><body><h1>Glazemark</h1>' +
      `<h2>Titles</h2>${paragraph('Underlining')}<pre>Kiln log\n\`\`\`\`\`\`\`\`\n</pre>` +
      `<h2>Tables</h2><p>A grid table draws its cells with plus signs, bars and dashes.</p>${paragraph('Table')}` +
      `<h2>Lists</h2>${paragraph('Bullet')}</body></html>`,
  );
  const run = runBatuta(['index', folder, '--db', db, '--no-dense'], home);
  expect(run.code, run.stderr).toBe(0);
});

describe('a line of backticks inside a code example (built CLI)', () => {
  it('leaves the headings after the example in place', () => {
    const search = searchCollection(db, 'glazemark', 'draw the cells of a grid table', home);
    expect(search.code, search.stderr).toBe(0);
    expect(JSON.parse(search.stdout).results[0]).toMatchObject({
      source: 'spec.html',
      heading: 'Glazemark > Tables',
    });
  });
});
