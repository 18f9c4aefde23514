/**
 * A folder where one long page holds more matching chunks than a search's pools: `batuta oracle --rag -k N`
 * still lists N files (the long page first), in every mode, through the built CLI.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { runBatuta } from './run-batuta.js';

const home = tempDir('batuta-long-page-');
const db = join(home, 'index.db');
const docs = join(home, 'loop-guide');
afterAll(() => rmSync(home, { recursive: true, force: true }));

mkdirSync(docs);
const parts = Array.from(
  { length: 160 },
  (_, i) =>
    `## Main loop step ${i}\n\nThe main loop polls the main loop sources, then the main loop sleeps.\n`,
);
writeFileSync(join(docs, 'main-loop-reference.md'), `# Main loop reference\n\n${parts.join('\n')}`);
// Six short pages of their own text (pages alike but for their name would be folded as copies of one another).
const pages: Record<string, string> = {
  threads: 'A worker thread hands its result back to the main loop through a queue that the loop drains.',
  signals: 'Unix signals arrive on a pipe, so the main loop reads them like any other descriptor.',
  timers: 'Each timer keeps a deadline; the main loop sleeps until the earliest one expires.',
  files: 'Regular files are always readable, which is why polling them from the main loop wastes time.',
  sockets: 'A listening socket wakes the main loop once per pending connection, not once per byte.',
  memory: 'Buffers freed inside a callback are returned to the pool after the main loop iteration ends.',
};
for (const [name, text] of Object.entries(pages))
  writeFileSync(join(docs, `${name}.md`), `# ${name}\n\n${text}\n`);

describe('a long page that fills the pools', () => {
  it('indexes the folder', () => {
    const result = runBatuta(['index', docs, '--db', db], home);
    expect(result.code, result.stderr).toBe(0);
  });

  it.each(['bm25', 'hybrid', 'dense'])('oracle --rag -k 5 --mode %s lists five files', (mode) => {
    const result = runBatuta(
      [
        'oracle',
        '--rag',
        '--json',
        '-k',
        '5',
        '--mode',
        mode,
        '--collection',
        'loop-guide',
        '--db',
        db,
        'main loop',
      ],
      home,
    );
    expect(result.code, result.stderr).toBe(0);
    const sources: string[] = JSON.parse(result.stdout).results.map((r: { source: string }) => r.source);
    expect(new Set(sources).size).toBe(5);
    if (mode === 'bm25') expect(sources[0]).toBe('main-loop-reference.md');
  });
});
