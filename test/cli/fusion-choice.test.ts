/**
 * Each collection's fusion is chosen at index time from its own pseudo-questions and stored with it:
 * through the built CLI, `batuta index` stores the choice, `batuta collections --json` and
 * `batuta oracle --rag --json --explain` show it, a re-index without changes keeps it as it was, a changed
 * folder is calibrated again, and a collection without a choice is searched with plain RRF until
 * `batuta index` runs on it.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { runBatuta } from './run-batuta.js';

const home = tempDir('batuta-fusion-');
const db = join(home, 'index.db');
const docs = join(home, 'garden-guide');
afterAll(() => rmSync(home, { recursive: true, force: true }));

const TOPICS = [
  ['tomatoes', 'Staking tall tomato vines', 'Watering tomatoes in summer heat', 'Blossom end rot causes'],
  ['roses', 'Pruning climbing roses', 'Black spot fungus treatment', 'Feeding roses after flowering'],
  ['compost', 'Balancing green and brown material', 'Turning a compost heap', 'Hot composting temperatures'],
  ['lawns', 'Mowing height for fescue', 'Overseeding bare patches', 'Aerating compacted soil'],
  ['herbs', 'Harvesting basil leaves', 'Drying oregano bundles', 'Mint spreading underground'],
  ['soil', 'Testing soil acidity', 'Adding lime to clay', 'Improving sandy drainage'],
];

mkdirSync(docs);
for (const [name, ...sections] of TOPICS) {
  const body = sections
    .map(
      (heading, i) =>
        `## ${heading}\n\nAdvice ${i} about ${name}: ${'careful seasonal gardening work. '.repeat(3)}\n`,
    )
    .join('\n');
  writeFileSync(join(docs, `${name}.md`), `# Growing ${name}\n\nAn overview of ${name} care.\n\n${body}`);
}

function run(args: string[]) {
  const result = runBatuta([...args, '--db', db], home);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout);
}

const listed = () => run(['collections', '--json']).collections[0].fusion;
/** The garden guide searched with --explain: which fusion the search used and where it came from. */
const explainedSearch = () =>
  run(['oracle', '--rag', '--json', '--explain', 'tulip bulbs', '--collection', 'garden-guide']);

describe('per-collection fusion through the CLI', () => {
  let stored: Record<string, unknown> & { explain: { questions: number; chosen: string } };

  it('batuta index chooses and stores the fusion, showing the questions asked as progress; collections --json shows the record', () => {
    const result = runBatuta(['index', docs, '--json', '--db', db], home);
    expect(result.code, result.stderr).toBe(0);
    // The calibration is the run's last phase: its final count is always shown.
    expect(result.stderr).toMatch(/^batuta index: garden-guide: calibrate (\d+)\/\1 questions$/m);
    const indexed = JSON.parse(result.stdout).collections[0];
    expect(indexed.fusion).toMatchObject({ fresh: true });
    stored = listed();
    expect(stored).toMatchObject({
      version: 4,
      firstStage: { method: expect.stringMatching(/^(rrf|convex)$/) },
    });
    // The safe choice (nearest the stronger leg) is kept unless the best beats it clearly, and says so.
    expect(stored.explain).toMatchObject({ anchor: expect.stringMatching(/^convex dense 0\.[15]$/) });
    const { p, anchor } = stored.explain as unknown as { p: number; anchor: string };
    const kept = stored.explain.chosen.startsWith(`${anchor} (the safe choice`);
    expect(kept).toBe(p >= 0.05);
    expect(stored.explain.questions).toBeGreaterThanOrEqual(10);
    // The collection's embedder was adapted without the questions' texts, so all of them could be asked.
    expect(stored.explain).toMatchObject({ heldOut: true });
    expect(stored.explain.chosen).toBe(indexed.fusion.chosen);
    const text = runBatuta(['collections', '--db', db], home).stdout;
    expect(text).toContain(`fusion of garden-guide: ${stored.explain.chosen}`);
  });

  it('oracle --rag --json --explain searches with the stored choice and shows it', () => {
    const answer = run([
      'oracle',
      '--rag',
      '--json',
      '--explain',
      'how high to mow fescue',
      '--collection',
      'garden-guide',
    ]);
    expect(answer.fusion).toMatchObject({ source: 'collection', record: stored });
    expect(answer.results[0].source).toBe('lawns.md');
    const plain = run([
      'oracle',
      '--rag',
      '--json',
      'how high to mow fescue',
      '--collection',
      'garden-guide',
    ]);
    expect(plain.fusion).toBeUndefined();
  });

  it('oracle --rag --no-rerank --explain names the chunks that moved the dense question vector', () => {
    const ask = [
      'oracle',
      '--rag',
      '--explain',
      'how high to mow fescue',
      '--collection',
      'garden-guide',
      '--no-rerank',
    ];
    const answer = run([...ask.slice(0, 2), '--json', ...ask.slice(2)]);
    expect(answer.fusion.denseFeedback.weight).toBe(0.5);
    expect(answer.fusion.denseFeedback.from[0]).toMatch(/^lawns\.md > /);
    const text = runBatuta([...ask, '--db', db], home);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^dense feedback: the question vector moved 0\.5 toward lawns\.md > .+$/m);
    const bm25 = run([...ask.slice(0, 2), '--json', ...ask.slice(2), '--mode', 'bm25']);
    expect(bm25.fusion.denseFeedback).toBeUndefined();
  });

  it('a re-index without changes keeps the stored choice exactly; a changed folder is calibrated again', () => {
    expect(run(['index', docs, '--json']).collections[0].fusion).toMatchObject({ fresh: false });
    expect(listed()).toEqual(stored);
    writeFileSync(join(docs, 'bulbs.md'), '# Bulbs\n\n## Planting tulip bulbs\n\nPlant tulips in autumn.\n');
    expect(run(['index', docs, '--json']).collections[0].fusion).toMatchObject({ fresh: true });
  });

  it('a collection without a stored choice is searched with plain RRF until batuta index runs on it', () => {
    const sqlite = new Database(db);
    sqlite.prepare("DELETE FROM meta WHERE key LIKE 'fusion:%'").run();
    sqlite.close();
    expect(listed()).toBeNull();
    const answer = explainedSearch();
    expect(answer.fusion).toMatchObject({ source: 'default', firstStage: 'rrf k60 bm25 1 dense 1' });
    expect(run(['index', docs, '--json']).collections[0].fusion).toMatchObject({ fresh: true });
    expect(listed()).toMatchObject({ version: 4 });
  });

  it.each([1, 2, 3])(
    'a record of an older calibration (version %i) is searched with as it is and redone by the next index',
    (version) => {
      const old = {
        version,
        firstStage: { method: 'rrf', rrfK: 20, bm25Weight: 1, denseWeight: 0.5 },
        rerankShare: 0.5,
        reranker: null,
        embedder: stored.embedder,
        explain: { ...stored.explain, chosen: 'rrf k20 bm25 1 dense 0.5; reranker share 0.5' },
      };
      const sqlite = new Database(db);
      sqlite.prepare("UPDATE meta SET value = ? WHERE key LIKE 'fusion:%'").run(JSON.stringify(old));
      sqlite.close();
      expect(listed()).toMatchObject({ version });
      const answer = explainedSearch();
      expect(answer.fusion).toMatchObject({ source: 'collection', firstStage: 'rrf k20 bm25 1 dense 0.5' });
      expect(run(['index', docs, '--json']).collections[0].fusion).toMatchObject({ fresh: true });
      expect(listed()).toMatchObject({ version: 4 });
    },
  );
});
