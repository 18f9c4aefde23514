/**
 * Item 3 of issue 11 over several draws of each index. A collection's embedder is adapted by stochastic
 * training, so the same corpus indexed with another adaptation seed (eval.js `--adapt-seed N`), or with one
 * unjudged page less, is another draw: on the dev halves one draw moved a set's dense leg by up to .038 and
 * its hybrid+rerank − hybrid by up to .03. A verdict read off one draw says as much about the draw as about
 * the search; this reads the same sets' eval.js `--json` outputs from several folders (one folder per draw,
 * `SET.json` in each) and reports each set's rankers per draw, their mean, and item 3 on the means:
 * hybrid ≥ the better leg, hybrid+rerank ≥ hybrid, each within `--tolerance` (default .005).
 * `--subset` reads another subset of the outputs' summaries (test, dev, low-overlap) than the split they scored.
 *   node dist/bench/retrieval/draws.js DIR... [--sets a,b] [--subset S] [--tolerance 0.005] [--json]
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { InvalidDataError, InvalidInputError, NotFoundError } from '../../src/errors.js';
import { benchFlags, runBench } from '../lib/bench-flags.js';

const RANKERS = ['bm25', 'dense', 'hybrid', 'hybrid+rerank'] as const;
type RankerName = (typeof RANKERS)[number];

/** One draw of one set: the split it scored, its adaptation seed and each ranker's nDCG@10. */
interface Draw {
  readonly folder: string;
  readonly split: string;
  readonly adaptSeed: number | null;
  readonly ndcg: Record<RankerName, number>;
}

/** One set over its draws: the draws, each ranker's mean and item 3's two margins on the means and per draw. */
export interface SetDraws {
  readonly set: string;
  readonly draws: readonly Draw[];
  readonly mean: Record<RankerName, number>;
  /** hybrid − max(bm25, dense), on the means. */
  readonly hybridMargin: number;
  /** hybrid+rerank − hybrid, on the means. */
  readonly rerankMargin: number;
  /** Draws whose own hybrid (hybrid+rerank) margin is below −tolerance. */
  readonly hybridBelow: number;
  readonly rerankBelow: number;
}

/** Reads one eval.js `--json` output; refuses a file without the four rankers' scores of `subset` (default its split). */
function readDraw(file: string, folder: string, subset: string | undefined): Draw {
  let report: {
    split?: string;
    adaptSeed?: number;
    summary?: Record<string, Record<string, { ndcg?: number }>>;
  };
  try {
    report = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new InvalidDataError(`draws: ${file} is not an eval.js --json output (rerun eval.js with --json)`);
  }
  const split = subset ?? report.split ?? 'all';
  const scores = report.summary?.[split];
  const ndcg = Object.fromEntries(RANKERS.map((ranker) => [ranker, scores?.[ranker]?.ndcg]));
  const missing = RANKERS.filter((ranker) => typeof ndcg[ranker] !== 'number');
  if (missing.length > 0)
    throw new InvalidDataError(
      `draws: ${file} has no ${split} scores of ${missing.join(', ')} (run eval.js with --rankers ${RANKERS.join(',')} and a split holding ${split})`,
    );
  return { folder, split, adaptSeed: report.adaptSeed ?? null, ndcg: ndcg as Record<RankerName, number> };
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** Item 3 of one set over its draws (`draws` non-empty, all of one split). */
export function setDraws(set: string, draws: readonly Draw[], tolerance: number): SetDraws {
  const splits = new Set(draws.map((draw) => draw.split));
  if (splits.size > 1)
    throw new InvalidDataError(
      `draws: the outputs of ${set} score different splits (${[...splits].join(', ')}); give draws of one split`,
    );
  const m = Object.fromEntries(RANKERS.map((r) => [r, mean(draws.map((d) => d.ndcg[r]))])) as Record<
    RankerName,
    number
  >;
  const hybridOf = (n: Record<RankerName, number>) => n.hybrid - Math.max(n.bm25, n.dense);
  const rerankOf = (n: Record<RankerName, number>) => n['hybrid+rerank'] - n.hybrid;
  return {
    set,
    draws,
    mean: m,
    hybridMargin: hybridOf(m),
    rerankMargin: rerankOf(m),
    hybridBelow: draws.filter((d) => hybridOf(d.ndcg) < -tolerance).length,
    rerankBelow: draws.filter((d) => rerankOf(d.ndcg) < -tolerance).length,
  };
}

/** The sets to read: those named, else every `SET.json` the first folder holds. */
function setsOf(folders: readonly string[], named: string | undefined): string[] {
  if (named !== undefined) return named.split(',').filter((name) => name !== '');
  return readdirSync(folders[0]!)
    .filter((name) => name.endsWith('.json'))
    .map((name) => basename(name, '.json'))
    .sort();
}

function main(argv: string[]): void {
  const { values, positionals } = benchFlags(import.meta.filename, {
    args: argv,
    allowPositionals: true,
    options: {
      sets: { type: 'string' },
      subset: { type: 'string' },
      tolerance: { type: 'string', default: '0.005' },
      json: { type: 'boolean', default: false },
    },
  });
  if (positionals.length === 0)
    throw new InvalidInputError('draws: give one folder of eval.js --json outputs (SET.json) per draw');
  for (const folder of positionals)
    if (!existsSync(folder)) throw new NotFoundError(`draws: folder ${folder} does not exist`);
  const tolerance = Number(values.tolerance);
  if (!Number.isFinite(tolerance) || tolerance < 0)
    throw new InvalidInputError(`draws: --tolerance "${values.tolerance}" must be a number ≥ 0`);
  const rows = setsOf(positionals, values.sets).map((set) => {
    const draws = positionals.flatMap((folder) => {
      const file = join(folder, `${set}.json`);
      return existsSync(file) ? [readDraw(file, folder, values.subset)] : [];
    });
    if (draws.length === 0) throw new NotFoundError(`draws: no folder holds ${set}.json`);
    return setDraws(set, draws, tolerance);
  });
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ tolerance, folders: positionals, sets: rows }, null, 2)}\n`);
    return;
  }
  const f = (v: number) => v.toFixed(3);
  const signed = (v: number) => `${v >= 0 ? '+' : ''}${v.toFixed(3)}`;
  const lines = [
    `draws: ${positionals.join(' ')} (${values.subset ?? 'the split each scored'}; tolerance ${tolerance})`,
    '',
    '| set | draws | bm25 | dense | hybrid | hybrid+rerank | hybrid − better leg (draws below) | hybrid+rerank − hybrid (draws below) |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const row of rows) {
    const spread = (r: RankerName) => {
      const v = row.draws.map((d) => d.ndcg[r]);
      return `${f(row.mean[r])} (${f(Math.min(...v))}–${f(Math.max(...v))})`;
    };
    const mark = (margin: number) => (margin < -tolerance ? ' ✗' : '');
    lines.push(
      `| ${row.set} | ${row.draws.length} | ${RANKERS.map(spread).join(' | ')} | ${signed(row.hybridMargin)}${mark(row.hybridMargin)} (${row.hybridBelow}) | ${signed(row.rerankMargin)}${mark(row.rerankMargin)} (${row.rerankBelow}) |`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

await runBench(import.meta.filename, () => main(process.argv.slice(2)));
