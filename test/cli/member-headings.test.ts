/**
 * A file is shown by the chunk whose headings name the question, and a chunk of merged small sections
 * (documents/chunker.ts, `Chunk.members`) is named by its members' headings too (search/shown-chunk.ts). In
 * the fixture, "Running the daemon" holds the question's three words in its text, while the merged run under
 * "Settings elements" holds two, one of its members being headed "Log rotation". Before, the daemon section
 * showed the page; now `batuta oracle --rag` shows and cites the "Log rotation" member, in every mode,
 * through the built CLI.
 */
import { cpSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { runBatuta } from './run-batuta.js';

const home = tempDir('batuta-member-headings-');
const db = join(home, 'index.db');
const docs = join(home, 'kettled');
afterAll(() => rmSync(home, { recursive: true, force: true }));
cpSync(resolve(import.meta.dirname, '../fixtures/member-headings'), docs, { recursive: true });

describe("the section a result shows, merged members' headings counted", () => {
  it('indexes the folder', () => {
    const result = runBatuta(['index', docs, '--db', db], home);
    expect(result.code, result.stderr).toBe(0);
  });

  it.each(['bm25', 'hybrid'])(
    'oracle --rag --mode %s shows the page by its "Log rotation" member',
    (mode) => {
      const args = ['oracle', '--rag', '--json', '--mode', mode, '--collection', 'kettled', '--db', db];
      const result = runBatuta([...args, 'how do I rotate the log files?'], home);
      expect(result.code, result.stderr).toBe(0);
      const first = JSON.parse(result.stdout).results[0];
      expect(first).toMatchObject({
        source: 'kettled-manual.html',
        heading: 'kettled manual > Settings elements > Log rotation',
      });
      expect(first.snippet).toMatch(/^Log rotation Renames each log at midnight/);
    },
  );

  it('still shows a section by its own text when no heading names the question', () => {
    const args = ['oracle', '--rag', '--json', '--collection', 'kettled', '--db', db];
    const result = runBatuta([...args, 'where do the files of a busy kitchen go?'], home);
    expect(result.code, result.stderr).toBe(0);
    const first = JSON.parse(result.stdout).results[0];
    expect(first).toMatchObject({
      source: 'kettled-manual.html',
      heading: 'kettled manual > Running the daemon',
    });
  });
});
