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
for (const name of ['threads', 'signals', 'timers', 'files', 'sockets', 'memory']) {
  writeFileSync(
    join(docs, `${name}.md`),
    `# ${name}\n\nHow ${name} are handled by the library, what to watch for, and how the main loop wakes up for ${name} events among many other details.\n`,
  );
}

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
