/**
 * The section bench through its built script: on the section-choice fixture, indexed by the built CLI, a
 * question whose answer file ranks first is graded by the section its result shows; a missing database is
 * one line naming the fix, exit 2.
 */

import { spawnSync } from 'node:child_process';
import { cpSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBatuta } from '../cli/run-batuta.js';
import { tempDir } from '../temp-dirs.js';

const ROOT = resolve(import.meta.dirname, '../..');
const SCRIPT = join(ROOT, 'dist/bench/retrieval/sections.js');
const home = tempDir('bench-sections-');

const SET = `questions:
  - id: q1
    corpus: section-choice
    question: "how do I add my own filter?"
    split: dev
    low_overlap: true
    answers:
      api.md: [Custom Filters]
  - id: q2
    corpus: section-choice
    question: "how do I add my own filter?"
    split: dev
    low_overlap: true
    answers:
      api.md: [Notes on Identifiers]
`;

function sections(args: readonly string[]) {
  const result = spawnSync(process.execPath, [SCRIPT, ...args], { cwd: home, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('bench/retrieval/sections.js', () => {
  it('grades the section a result shows', () => {
    cpSync(resolve(ROOT, 'test/fixtures/section-choice'), join(home, 'section-choice'), { recursive: true });
    const indexed = runBatuta(
      ['index', join(home, 'section-choice'), '--db', join(home, 'dbs', 'section-choice.db')],
      home,
    );
    expect(indexed.code, indexed.stderr).toBe(0);
    writeFileSync(join(home, 'set.yaml'), SET);
    const result = sections(['--set', join(home, 'set.yaml'), '--dbs', join(home, 'dbs'), '--json']);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.summary).toMatchObject({ questions: 2, found: 2, sectionHits: 1, snippetHits: 1 });
    expect(report.graded.map((g: { id: string; section: boolean }) => [g.id, g.section])).toEqual([
      ['q1', true],
      ['q2', false],
    ]);
  });

  it('refuses a folder without the corpus database in one line, exit 2', () => {
    const result = sections(['--set', join(home, 'set.yaml'), '--dbs', join(home, 'nowhere')]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(
      /^sections: .*section-choice\.db does not exist \(index the section-choice folder/,
    );
  });
});
