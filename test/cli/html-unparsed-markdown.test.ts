/**
 * A page whose builder left its markdown unparsed (Debian's Black docs: Sphinx without MyST writes every markdown
 * line as a paragraph) is read with its markdown headings as headings (documents/html.ts), so results name their
 * section; the comments in its unparsed code blocks stay code (built CLI).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { runBatuta, searchCollection } from './run-batuta.js';

const home = tempDir('batuta-unparsed-markdown-');
afterAll(() => rmSync(home, { recursive: true, force: true }));
const folder = join(home, 'glazes');
const db = join(home, 'index.db');

/** A section long enough that the chunker keeps it apart (small HTML sections are merged): its point, then filler. */
const sentences = (point: string): string[] => [
  point,
  ...Array.from(
    { length: 12 },
    (_, i) => `Studio note ${i + 1}: keep the log book open and write down what you saw today.`,
  ),
];

const paragraphs = [
  '# Glazing guide',
  '## Mixing a glaze',
  ...sentences(
    'Weigh the dry materials, add water slowly and sieve the slip twice before it rests overnight.',
  ),
  '```sh # weigh:',
  '# out: grams per batch',
  'scale --tare ```',
  '## Firing',
  ...sentences(
    'Bisque ware goes to cone 04; the glaze firing then climbs to cone 6 and the kiln cools shut for a day.',
  ),
];

describe('a page of unparsed markdown (built CLI)', () => {
  it('names the section of a result by the markdown headings, not by a code comment', () => {
    mkdirSync(folder);
    const body = paragraphs.map((text) => `<p>${text}</p>`).join('\n');
    writeFileSync(
      join(folder, 'guide.html'),
      `<html><head><title>)</title></head><body><h1>)</h1>\n${body}</body></html>`,
    );
    writeFileSync(
      join(folder, 'tools.html'),
      '<html><body><h1>Tools</h1><p>A banding wheel turns the pot.</p></body></html>',
    );
    const indexed = runBatuta(['index', folder, '--name', 'glazes', '--db', db, '--no-dense'], home);
    expect(indexed.code, indexed.stderr).toBe(0);
    const run = searchCollection(db, 'glazes', 'what cone does the kiln reach for the glaze firing', home);
    expect(run.code, run.stderr).toBe(0);
    const [first] = JSON.parse(run.stdout).results;
    expect(first).toMatchObject({ source: 'guide.html', heading: 'Glazing guide > Firing' });
    const code = searchCollection(db, 'glazes', 'grams per batch', home);
    expect(JSON.parse(code.stdout).results[0].heading).toBe('Glazing guide > Mixing a glaze');
  });
});
