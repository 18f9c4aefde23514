/**
 * A question BM25 can read only in part leans on the dense leg (fusion/read-share.ts): through the built CLI,
 * a question whose words the collection lacks but for one moves the collection's first stage toward the dense
 * leg, so the dense leg's first file passes a file only BM25 ranks high; a question in the collection's own
 * words keeps the stored first stage.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { runBatuta } from './run-batuta.js';

const home = tempDir('batuta-read-share-');
const db = join(home, 'index.db');
const docs = join(home, 'api-guide');
afterAll(() => rmSync(home, { recursive: true, force: true }));

const PAGES: Record<string, [string, Array<[string, string]>]> = {
  files: [
    'Files',
    [
      ['Removing files', 'Call unlink to delete a file from the disk; deleted files cannot be restored.'],
      ['Renaming files', 'Call rename to move a file to a new path on the same disk.'],
    ],
  ],
  server: [
    'Server',
    [
      ['Starting the server', 'Run serve to start the server on a port; the server listens until stopped.'],
      ['Server ports', 'Choose a port above 1024 for the server.'],
    ],
  ],
  logging: [
    'Logging',
    [
      ['Log levels', 'Set the level to debug, info or warning to choose which messages are logged.'],
      ['Log files', 'Logs rotate daily and old logs are compressed.'],
    ],
  ],
  install: [
    'Installing',
    [
      ['Installing with pip', 'Install the package with pip inside a virtual environment.'],
      ['Upgrading', 'Upgrade to a newer release with pip install --upgrade.'],
    ],
  ],
  config: [
    'Configuration',
    [
      ['Settings file', 'Settings are read from a config file in the home folder.'],
      ['Environment variables', 'Every setting can also be given as an environment variable.'],
    ],
  ],
  errors: [
    'Errors',
    [
      ['Exceptions', 'Every error raises an exception with a code and a message.'],
      ['Retrying', 'Retry a failed request after a short delay.'],
    ],
  ],
  baking: [
    'Baking',
    [
      ['Bread dough', 'Knead the dough until smooth, then let it rise in a warm kitchen for an hour.'],
      ['Oven gloves', 'Thick oven gloves protect your hands permanently from burns on hot trays.'],
    ],
  ],
  soup: [
    'Soup',
    [
      ['Vegetable stock', 'Simmer onions, carrots and celery for an hour to make a stock.'],
      ['Seasoning', 'Add salt and pepper at the end, tasting as you go.'],
    ],
  ],
  garden: [
    'Garden',
    [
      ['Tomatoes', 'Stake tall tomato plants and water them at the roots.'],
      ['Roses', 'Prune climbing roses in late winter to a strong bud.'],
    ],
  ],
};
mkdirSync(docs);
for (const [name, [title, sections]] of Object.entries(PAGES)) {
  const body = sections.map(([heading, text]) => `## ${heading}\n\n${text} ${text}`).join('\n\n');
  writeFileSync(join(docs, `${name}.md`), `# ${title}\n\nAbout ${title.toLowerCase()}.\n\n${body}\n`);
}

/** Only "file" of this question is in the collection, and only the dense leg relates the rest to logging. */
const LACKING = 'how do I suppress noisy file output';

function run(args: string[]) {
  const result = runBatuta([...args, '--db', db], home);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
}

function search(question: string, mode = 'hybrid') {
  const answer = JSON.parse(
    run([
      'oracle',
      '--rag',
      '--json',
      '--explain',
      '--no-rerank',
      '--mode',
      mode,
      '--collection',
      'api-guide',
      question,
    ]),
  );
  const files = [...new Set((answer.results as Array<{ source: string }>).map((r) => r.source))];
  return { files, fusion: answer.fusion };
}

describe('a question whose words the collection lacks, through the CLI', () => {
  it('indexes the folder and keeps its first stage near BM25 (convex dense 0.1)', () => {
    run(['index', docs, '--json']);
    const sqlite = new Database(db);
    const row = sqlite.prepare("SELECT key, value FROM meta WHERE key LIKE 'fusion:%'").get() as {
      key: string;
      value: string;
    };
    const record = {
      ...JSON.parse(row.value),
      firstStage: { method: 'convex', rrfK: 60, bm25Weight: 0.9, denseWeight: 0.1 },
    };
    sqlite.prepare('UPDATE meta SET value = ? WHERE key = ?').run(JSON.stringify(record), row.key);
    sqlite.close();
  });

  it('ranks the dense leg first file ahead of a file only BM25 ranks high, and says why with --explain', () => {
    expect(search(LACKING, 'bm25').files.slice(0, 3)).toEqual(['files.md', 'config.md', 'logging.md']);
    expect(search(LACKING, 'dense').files[0]).toBe('logging.md');
    const { files, fusion } = search(LACKING);
    expect(files.slice(0, 3)).toEqual(['files.md', 'logging.md', 'config.md']);
    expect(fusion.bm25Read).toBeLessThan(0.5);
    const dense = Number(/^convex dense ([\d.]+)$/.exec(fusion.firstStage)![1]);
    expect(dense).toBeGreaterThan(0.1);
    const text = run(['oracle', '--rag', '--explain', '--no-rerank', '--collection', 'api-guide', LACKING]);
    expect(text).toMatch(
      /^fusion: convex dense 0\.1\d*; not reranked \(the collection's own choice, moved toward the dense leg: BM25's best hit holds 0\.\d+ of the question's weight\)$/m,
    );
  });

  it("keeps the stored first stage for a question in the collection's own words", () => {
    const { files, fusion } = search('rename a file to a new path');
    expect(fusion).toMatchObject({ firstStage: 'convex dense 0.1', bm25Read: 1 });
    expect(files[0]).toBe('files.md');
    const text = run([
      'oracle',
      '--rag',
      '--explain',
      '--no-rerank',
      '--collection',
      'api-guide',
      'rename a file',
    ]);
    expect(text).toMatch(/^fusion: convex dense 0\.1; not reranked \(the collection's own choice\)$/m);
  });
});
