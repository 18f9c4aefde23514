/**
 * A collection's results (files, order, scores) do not depend on the other collections of the database:
 * index A, search it, index B into the same file, search A again, through the built CLI.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { runBatuta } from './run-batuta.js';

const home = tempDir('batuta-invariance-');
const db = join(home, 'index.db');
afterAll(() => rmSync(home, { recursive: true, force: true }));

function folder(name: string, files: Record<string, string>): string {
  const dir = join(home, name);
  mkdirSync(dir);
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return dir;
}

/** Collection A: the question's words spread unevenly over short and long pages. */
const alpha = folder('alpha', {
  'cache.md': '# Cache\n\nThe cache keeps rendered pages in memory for a timeout.\n',
  'timeout.md':
    '# Timeouts\n\nA timeout ends a request. The server closes idle sockets after a timeout of thirty seconds.\n',
  'memory.md': '# Memory\n\nPages live in memory. Memory is freed when the worker exits.\n',
  'routing.md': '# Routing\n\nRoutes map a URL to a view function; the cache is not involved.\n',
  'long.md': `# Deployment\n\n${'Workers start behind a proxy and serve pages. '.repeat(12)}The cache helps.\n`,
});

/** Collection B: many pages full of one of the question's words and long text, shifting shared statistics. */
const beta = folder(
  'beta',
  Object.fromEntries(
    Array.from({ length: 12 }, (_, i) => [
      `page${i}.md`,
      `# Page ${i}\n\n${'memory pages timeout rendered '.repeat(i + 3)}unrelated filler words about gardening.\n`,
    ]),
  ),
);

interface Hit {
  source: string;
  score: number;
}

function search(question: string, mode: string): Hit[] {
  // "hybrid --no-rerank" shows the fused order, whose dense leg takes feedback from the collection's BM25 hits.
  const flags = mode === 'hybrid --no-rerank' ? ['--mode', 'hybrid', '--no-rerank'] : ['--mode', mode];
  const run = runBatuta(
    ['oracle', '--rag', '--json', question, '--collection', 'alpha', ...flags, '-k', '10', '--db', db],
    home,
  );
  expect(run.code, run.stderr).toBe(0);
  return (JSON.parse(run.stdout).results as Hit[]).map(({ source, score }) => ({ source, score }));
}

const questions = ['cache timeout for rendered pages in memory', 'memory timeout'];
const modes = ['bm25', 'hybrid', 'hybrid --no-rerank'];
const before = new Map<string, Hit[]>();

beforeAll(() => {
  expect(runBatuta(['index', alpha, '--db', db], home).code).toBe(0);
  for (const question of questions) {
    for (const mode of modes) before.set(`${mode} ${question}`, search(question, mode));
  }
  const indexB = runBatuta(['index', beta, '--db', db], home);
  expect(indexB.code, indexB.stderr).toBe(0);
});

describe('per-collection statistics (built CLI)', () => {
  for (const question of questions) {
    for (const mode of modes) {
      it(`${mode}: "${question}" gives the same files, order and scores after another collection is added`, () => {
        const first = before.get(`${mode} ${question}`)!;
        expect(first.length).toBeGreaterThan(1);
        expect(search(question, mode)).toEqual(first);
      });
    }
  }
});
