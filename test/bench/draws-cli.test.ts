/**
 * node dist/bench/retrieval/draws.js: item 3 read over several draws of each index (one folder of eval.js
 * --json outputs per draw), the verdict on the means.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';

const ROOT = resolve(import.meta.dirname, '../..');
const DRAWS = join(ROOT, 'dist/bench/retrieval/draws.js');

type Scores = [bm25: number, dense: number, hybrid: number, rerank: number];

/** A folder per draw holding one eval.js-shaped output per set. */
function drawFolders(draws: ReadonlyArray<Record<string, Scores>>, split = 'dev'): string[] {
  const home = tempDir('draws-cli-');
  return draws.map((sets, i) => {
    const folder = join(home, `draw${i + 1}`);
    mkdirSync(folder);
    for (const [set, [bm25, dense, hybrid, rerank]] of Object.entries(sets)) {
      const scores = { bm25: { ndcg: bm25 }, dense: { ndcg: dense }, hybrid: { ndcg: hybrid } };
      const lower = (v: number) => ({ ndcg: v - 0.1 });
      // a test subset 0.1 under the split's own scores, for --subset
      const test = {
        bm25: lower(bm25),
        dense: lower(dense),
        hybrid: lower(hybrid),
        'hybrid+rerank': lower(rerank),
      };
      const summary = { test, [split]: { ...scores, 'hybrid+rerank': { ndcg: rerank } } };
      writeFileSync(join(folder, `${set}.json`), JSON.stringify({ set, split, adaptSeed: 7 + i, summary }));
    }
    return folder;
  });
}

function run(args: string[]) {
  const result = spawnSync(process.execPath, [DRAWS, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('node dist/bench/retrieval/draws.js', () => {
  it('judges item 3 on the means of the draws and counts the draws below', () => {
    const folders = drawFolders([
      // one lucky draw of the dense leg puts tornado's hybrid under it; the mean does not
      { tornado: [0.7, 0.77, 0.76, 0.76], flask: [0.72, 0.73, 0.74, 0.745] },
      { tornado: [0.7, 0.73, 0.79, 0.79], flask: [0.72, 0.72, 0.745, 0.715] },
      { tornado: [0.7, 0.73, 0.77, 0.77], flask: [0.73, 0.72, 0.74, 0.72] },
    ]);
    const out = run([...folders, '--json']);
    expect(out.code).toBe(0);
    const report = JSON.parse(out.stdout);
    const [flask, tornado] = report.sets;
    expect(tornado.set).toBe('tornado');
    expect(tornado.mean.dense).toBeCloseTo(0.7433, 4);
    expect(tornado.hybridMargin).toBeCloseTo(0.7733 - 0.7433, 4);
    expect(tornado.hybridBelow).toBe(1);
    expect(flask.rerankMargin).toBeCloseTo((0.745 + 0.715 + 0.72 - 0.74 - 0.745 - 0.74) / 3, 4);
    expect(flask.rerankBelow).toBe(2);
    expect(flask.draws.map((d: { adaptSeed: number }) => d.adaptSeed)).toEqual([7, 8, 9]);

    const table = run([...folders, '--sets', 'flask']);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('| flask | 3 | 0.723 (0.720–0.730) |');
    expect(table.stdout).toMatch(/\| -0\.015 ✗ \(2\) \|$/m);
    expect(table.stdout).not.toContain('tornado');
    expect(table.stdout).toContain('(the split each scored; tolerance 0.005)');

    const test = JSON.parse(run([...folders, '--subset', 'test', '--json']).stdout);
    expect(test.sets[0].mean.bm25).toBeCloseTo(0.7233 - 0.1, 4);
    expect(test.sets[0].rerankMargin).toBeCloseTo(flask.rerankMargin, 6);
  });

  it('answers bad input with one line naming the fix', () => {
    const [folder] = drawFolders([{ tornado: [0.7, 0.77, 0.76, 0.76] }]);
    const other = drawFolders([{ tornado: [0.7, 0.77, 0.76, 0.76] }], 'test')[0]!;
    const partial = tempDir('draws-cli-partial-');
    writeFileSync(join(partial, 'tornado.json'), JSON.stringify({ split: 'dev', summary: { dev: {} } }));
    const broken = tempDir('draws-cli-broken-');
    writeFileSync(join(broken, 'tornado.json'), '{ not json');
    const cases: Array<[string[], number, RegExp]> = [
      [[], 2, /give one folder/],
      [[join(folder!, 'nowhere')], 1, /does not exist/],
      [[folder!, '--tolerance', 'x'], 2, /--tolerance "x"/],
      [[folder!, '--sets', 'flask'], 1, /no folder holds flask\.json/],
      [
        [folder!, partial],
        1,
        /no dev scores of bm25, dense, hybrid, hybrid\+rerank \(run eval\.js with --rankers/,
      ],
      [[folder!, '--subset', 'low-overlap'], 1, /no low-overlap scores of bm25/],
      [[folder!, broken], 1, /not an eval\.js --json output/],
      [[folder!, other], 1, /different splits \(dev, test\)/],
      [[folder!, '--bogus'], 2, /--bogus/],
    ];
    for (const [args, code, message] of cases) {
      const out = run(args);
      expect(out.code, args.join(' ')).toBe(code);
      const lines = out.stderr.trim().split('\n');
      expect(lines, args.join(' ')).toHaveLength(1);
      expect(lines[0]).toMatch(message);
      expect(out.stdout).toBe('');
    }
  });
});
