/**
 * Per-collection fusion on the PostgreSQL store, through the built CLI against the real test server: the
 * same folder indexed into both stores gets the same fusion record (same pseudo-questions, withheld from the
 * same adapted model, the same scores and choice), `collections --json` shows it, and hybrid searches with
 * and without the reranker answer as the embedded store does, with the stored choice.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { skipWithoutPostgres, useTestDatabase } from '../store/postgres/server.js';
import { tempDir } from '../temp-dirs.js';
import { runBatuta } from './run-batuta.js';

const skip = skipWithoutPostgres('postgres-fusion.test.ts');

const home = tempDir('batuta-pg-fusion-');
const docs = join(home, 'workshop');
const sqlite = join(home, 'index.db');

const SUBJECTS = [
  'lathe',
  'kiln',
  'loom',
  'forge',
  'router',
  'bandsaw',
  'anvil',
  'chisel',
  'glaze',
  'veneer',
  'solder',
  'mortise',
  'dovetail',
  'bellows',
];
const TASKS = ['calibrating', 'cleaning', 'sharpening', 'storing', 'repairing'];
const DETAILS = ['spindle', 'thermocouple', 'heddle', 'tuyere', 'collet', 'blade', 'horn', 'bevel'];

/**
 * Fourteen files of five sections, each heading unique (seventy heading pseudo-questions, enough for the
 * calibration to choose among its fusions rather than fall back to plain RRF).
 */
function writeFolder(): void {
  mkdirSync(docs, { recursive: true });
  for (const [s, subject] of SUBJECTS.entries()) {
    const sections = TASKS.map((task, t) => {
      const detail = DETAILS[(s + t) % DETAILS.length]!;
      const other = SUBJECTS[(s + t + 3) % SUBJECTS.length]!;
      return (
        `## ${task} the ${subject} ${detail}\n\n` +
        `When ${task} a ${subject}, check the ${detail} first; unlike the ${other}, its ${detail} ` +
        `wears with use. Keep notes of each ${task} session and of the ${detail} settings.\n`
      );
    });
    writeFileSync(
      join(docs, `${subject}.md`),
      `# Working the ${subject}\n\nA guide to the ${subject}.\n\n${sections.join('\n')}`,
    );
  }
}

type Result = { source: string; lines: [number, number]; score: number };

describe.skipIf(skip)('per-collection fusion on PostgreSQL (built CLI)', { timeout: 240_000 }, () => {
  const db = useTestDatabase({ home });

  beforeAll(() => {
    writeFolder();
  });

  function run(args: string[], db: string) {
    const result = runBatuta([...args, '--db', db], home);
    expect(result.code, result.stderr).toBe(0);
    return JSON.parse(result.stdout);
  }

  const withoutTime = (record: { explain: Record<string, unknown> }) => ({
    ...record,
    explain: { ...record.explain, seconds: 0 },
  });

  it('stores the same fusion record as the embedded store and lists it', async () => {
    const fromPg = run(['index', docs, '--json'], db.url).collections[0];
    const fromSqlite = run(['index', docs, '--json'], sqlite).collections[0];
    expect(fromPg.embedder).toBe(fromSqlite.embedder);
    expect(fromPg.fusion).toEqual({ chosen: fromSqlite.fusion.chosen, fresh: true });
    const pgRecord = run(['collections', '--json'], db.url).collections[0].fusion;
    const sqliteRecord = run(['collections', '--json'], sqlite).collections[0].fusion;
    expect(pgRecord.explain.questions).toBeGreaterThanOrEqual(50);
    expect(pgRecord.explain.heldOut).toBe(true);
    expect(withoutTime(pgRecord)).toEqual(withoutTime(sqliteRecord));
    // The texts withheld from adaptation are stored with the model, so the next calibration asks them too.
    const held = await db.query(
      "SELECT convert_from(bytes, 'UTF8') AS record FROM batuta.models WHERE file = 'held-out.json'",
    );
    expect(JSON.parse(held.rows[0]!.record).texts.length).toBeGreaterThanOrEqual(50);
    const text = runBatuta(['collections', '--db', db.url], home).stdout;
    expect(text).toContain(`fusion of workshop: ${pgRecord.explain.chosen}`);
  });

  it('answers hybrid searches, with and without the reranker, as the embedded store does', () => {
    const questions = [
      'how do I sharpen the chisel bevel',
      'kiln thermocouple calibration',
      'storing a loom',
      'dovetail blade wear',
    ];
    const reads: number[] = [];
    for (const question of questions) {
      for (const extra of [[], ['--no-rerank']]) {
        const args = [
          'oracle',
          '--rag',
          '--json',
          '--explain',
          question,
          '--collection',
          'workshop',
          ...extra,
        ];
        const a = run(args, db.url);
        const b = run(args, sqlite);
        expect(a.fusion.source).toBe('collection');
        // Each question's first stage, moved by how much of it BM25 reads, is the same in both stores.
        expect(a.fusion.firstStage).toBe(b.fusion.firstStage);
        expect(a.fusion.bm25Read).toBe(b.fusion.bm25Read);
        reads.push(a.fusion.bm25Read);
        const pgResults: Result[] = a.results;
        const sqliteResults: Result[] = b.results;
        expect(pgResults.length).toBeGreaterThan(0);
        expect(pgResults.map((r) => [r.source, r.lines])).toEqual(
          sqliteResults.map((r) => [r.source, r.lines]),
        );
        for (const [i, r] of pgResults.entries())
          expect(Math.abs(r.score - sqliteResults[i]!.score)).toBeLessThan(1e-3);
      }
    }
    expect(Math.min(...reads)).toBeLessThan(1);
  });

  it('keeps the record on an unchanged re-index and calibrates a changed folder again', () => {
    const before = run(['collections', '--json'], db.url).collections[0].fusion;
    expect(run(['index', docs, '--json'], db.url).collections[0].fusion).toMatchObject({ fresh: false });
    expect(run(['collections', '--json'], db.url).collections[0].fusion).toEqual(before);
    writeFileSync(
      join(docs, 'rasp.md'),
      '# The rasp\n\n## Cleaning the rasp teeth\n\nBrush along the teeth.\n',
    );
    expect(run(['index', docs, '--json'], db.url).collections[0].fusion).toMatchObject({ fresh: true });
  });
});
