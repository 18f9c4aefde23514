/**
 * Dense feedback on both stores, through the built CLI: the same folder indexed into SQLite and into
 * PostgreSQL gives the same fed `--no-rerank` results, and `--explain` names the same feedback chunks. The
 * feedback reads the vectors each store keeps for those chunks (the SQLite chunk rows, pgvector rows): when
 * a feedback chunk's stored vector is replaced, the other results' dense scores move with it. The MCP
 * server (stdio) answers `search_docs` without the reranker as the CLI does, on both stores.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import type Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { clientFor, REVISIONS } from '../mcp/harness.js';
import { skipWithoutPostgres, useTestDatabase } from '../store/postgres/server.js';
import { tempDir } from '../temp-dirs.js';
import { runBatuta } from './run-batuta.js';

const skip = skipWithoutPostgres('postgres-dense-feedback.test.ts');

const home = tempDir('batuta-pg-feedback-');
const docs = join(home, 'garden');
const sqlite = join(home, 'index.db');

const PLANTS = ['tomato', 'fennel', 'quince', 'sorrel', 'chicory', 'medlar', 'lovage', 'borage', 'parsnip'];
const CHORES = ['pruning', 'watering', 'mulching', 'sowing'];
const TROUBLES = ['aphids', 'blight', 'mildew', 'slugs', 'frost', 'drought'];

/** Nine files of four sections: each section pairs a chore with a trouble in its own words. */
function writeFolder(): void {
  mkdirSync(docs, { recursive: true });
  for (const [p, plant] of PLANTS.entries()) {
    const sections = CHORES.map((chore, c) => {
      const trouble = TROUBLES[(p + c) % TROUBLES.length]!;
      return (
        `## ${chore} ${plant}\n\n` +
        `Before ${chore} the ${plant} bed, look for ${trouble}. A ${plant} left alone through ${trouble} ` +
        `gives a thin crop; ${chore} early in the season keeps the ${trouble} away from young leaves.\n`
      );
    });
    writeFileSync(
      join(docs, `${plant}.md`),
      `# Growing ${plant}\n\nNotes on ${plant}.\n\n${sections.join('\n')}`,
    );
  }
}

interface Result {
  source: string;
  lines: [number, number];
  score: number;
  explain: { dense?: number };
}
interface Answer {
  results: Result[];
  fusion: { denseFeedback?: { weight: number; from: string[] } };
}

const QUESTIONS = ['when should I prune quince', 'keeping slugs off lovage', 'sowing parsnip in dry weather'];

describe.skipIf(skip)('dense feedback on SQLite and PostgreSQL (built CLI)', { timeout: 240_000 }, () => {
  const pgDb = useTestDatabase({ home });
  // The materialised models of PostgreSQL collections go to the run's own temporary folder.
  const env = { TMPDIR: join(home, 'tmp') };

  beforeAll(() => {
    writeFolder();
    mkdirSync(env.TMPDIR);
    for (const db of [pgDb.url, sqlite]) {
      const result = runBatuta(['index', docs, '--db', db], home, env);
      expect(result.code, result.stderr).toBe(0);
    }
  });

  function ask(question: string, db: string): Answer {
    const args = [
      'oracle',
      '--rag',
      '--json',
      '--explain',
      '--no-rerank',
      question,
      '--collection',
      'garden',
    ];
    const result = runBatuta([...args, '--db', db], home, env);
    expect(result.code, result.stderr).toBe(0);
    return JSON.parse(result.stdout) as Answer;
  }

  it('gives the same fed results and names the same feedback chunks on both stores', () => {
    for (const question of QUESTIONS) {
      const a = ask(question, pgDb.url);
      const b = ask(question, sqlite);
      expect(a.fusion.denseFeedback?.from.length).toBeGreaterThan(0);
      expect(a.fusion.denseFeedback).toEqual(b.fusion.denseFeedback);
      expect(a.results.length).toBeGreaterThan(0);
      expect(a.results.map((r) => [r.source, r.lines])).toEqual(b.results.map((r) => [r.source, r.lines]));
      for (const [i, r] of a.results.entries()) {
        expect(Math.abs(r.score - b.results[i]!.score)).toBeLessThan(1e-3);
        expect(Math.abs((r.explain.dense ?? 0) - (b.results[i]!.explain.dense ?? 0))).toBeLessThan(1e-3);
      }
    }
  });

  it('answers search_docs without the reranker over MCP (stdio) as the CLI does, on both stores', async () => {
    for (const db of [pgDb.url, sqlite]) {
      const client = clientFor(REVISIONS[2], 'dense-feedback');
      await client.connect(
        new StdioClientTransport({
          command: process.execPath,
          args: [resolve(import.meta.dirname, '../../dist/src/cli/main.js'), 'mcp', '--db', db],
          cwd: home,
          env: { PATH: process.env['PATH'] ?? '', HOME: home, ...env },
          stderr: 'pipe',
        }),
      );
      try {
        for (const question of QUESTIONS) {
          const found = await client.callTool({
            name: 'search_docs',
            arguments: { query: question, collection: 'garden', rerank: false },
          });
          const results = (found.structuredContent as { results: Result[] }).results;
          const cli = ask(question, db).results;
          expect(results.map((r) => [r.source, r.lines, r.score])).toEqual(
            cli.map((r) => [r.source, r.lines, r.score]),
          );
        }
      } finally {
        await client.close();
      }
    }
  });

  /** Results of other files than the feedback chunks' with a dense score, by file. */
  const denseOfOthers = (answer: Answer) => {
    const fed = new Set(answer.fusion.denseFeedback!.from.map((place) => place.split(' > ')[0]));
    return new Map(
      answer.results.flatMap((r) =>
        fed.has(r.source) || r.explain.dense === undefined ? [] : [[r.source, r.explain.dense]],
      ),
    );
  };

  /** The moved dense scores: files in both answers whose dense score changed by more than float noise. */
  const moved = (before: Answer, after: Answer) => {
    const was = denseOfOthers(before);
    return [...denseOfOthers(after)].filter(
      ([source, score]) => Math.abs(score - (was.get(source) ?? score)) > 1e-4,
    );
  };

  const [question] = QUESTIONS;
  const place = (answer: Answer) => {
    const [source, ...headings] = answer.fusion.denseFeedback!.from[0]!.split(' > ');
    return { source: source!, headings: JSON.stringify(headings) };
  };

  it("reads the feedback chunk's pgvector row", async () => {
    const before = ask(question!, pgDb.url);
    const { source, headings } = place(before);
    const updated = await pgDb.query(
      `UPDATE batuta.chunks k SET embedding = (SELECT embedding FROM batuta.chunks o
         JOIN batuta.documents d ON d.collection_id = o.collection_id AND d.id = o.document_id
         WHERE d.source <> $1 ORDER BY o.id LIMIT 1)
       FROM batuta.documents d WHERE d.collection_id = k.collection_id AND d.id = k.document_id
         AND d.source = $1 AND k.headings = $2::jsonb`,
      [source, headings],
    );
    expect(updated.rowCount).toBe(1);
    expect(moved(before, ask(question!, pgDb.url)).length).toBeGreaterThan(0);
  });

  it("reads the feedback chunk's SQLite row", () => {
    const before = ask(question!, sqlite);
    const { source, headings } = place(before);
    const Sqlite = createRequire(import.meta.url)('better-sqlite3') as typeof Database;
    const db = new Sqlite(sqlite);
    try {
      const updated = db
        .prepare(
          `UPDATE chunks SET vector = (SELECT o.vector FROM chunks o JOIN documents d ON d.id = o.document_id
             WHERE d.source <> ? ORDER BY o.id LIMIT 1)
           WHERE headings = ? AND document_id = (SELECT id FROM documents WHERE source = ?)`,
        )
        .run(source, headings, source);
      expect(updated.changes).toBe(1);
    } finally {
      db.close();
    }
    expect(moved(before, ask(question!, sqlite)).length).toBeGreaterThan(0);
  });
});
