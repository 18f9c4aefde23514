/**
 * First-stage recall of one question set: where each order of a search puts the files that answer a
 * question (grade 2) before the reranker reads its head of 30 files (search/rerank-head.ts):
 *   node dist/bench/retrieval/first-stage-recall.js [--set S] [--split dev|test|all] [--corpus-root DIR]
 *        [--db FILE] [--rerank-depth N] [--missed] [--json]
 * The corpus is indexed the way `batuta index` indexes it into --db, which is kept and reused while it
 * holds the same folder (the index does not depend on the search side, so variants of it measure fast).
 * Orders: bm25 and dense (the question's own vector) alone, hybrid (the collection's fused order) and head
 * (the order the reranker reads: its own first stage). Per subset (all, low-overlap, other): the share of
 * grade-2 files within the first 30 and 50 files of each order, the share of questions with one within
 * 30, each order's nDCG@10, and the nDCG@10 of hybrid+rerank (the search itself, as eval.js scores it).
 * `--missed` lists the questions whose grade-2 files all miss the reranker's head; `--losses` splits each
 * question's loss under the reranker (loss-split.ts: outside the head, ungraded files above, graded order) and
 * names the files above its best grade-2 file.
 */
import { existsSync, realpathSync } from 'node:fs';
import { InvalidInputError } from '../../src/errors.js';
import { collectionFiles } from '../../src/retrieval/dense/vector-files.js';
import { indexCollection } from '../../src/retrieval/indexing/indexer.js';
import { createModelProvider } from '../../src/retrieval/models/provider.js';
import { bestPerFile, fuseLegs, type LegResults } from '../../src/retrieval/search/fused-pool.js';
import {
  FUSION_DEFAULTS,
  type FusionSettings,
  runLegs,
  type SearchLegs,
  searchLegs,
  settingsOf,
} from '../../src/retrieval/search/hybrid.js';
import { createStoredSource } from '../../src/retrieval/search/stored-source.js';
import type { Chunk, ModelProvider } from '../../src/retrieval/types.js';
import { IndexStore } from '../../src/store/index-store.js';
import { benchFlags, runBench } from '../lib/bench-flags.js';
import { mean, ndcgAt } from '../lib/metrics.js';
import { loadQuestionSet, type Question } from '../lib/question-set.js';
import { findRepoRoot } from '../lib/repo.js';
import { type LossSplit, splitLoss } from './loss-split.js';
import { corpusRootOf, setPath } from './set-location.js';

const COLLECTION = 'bench';
const ORDERS = ['bm25', 'dense', 'hybrid', 'head'] as const;
type Order = (typeof ORDERS)[number];
const DEPTHS = [30, 50] as const;
const USAGE =
  'usage: node dist/bench/retrieval/first-stage-recall.js [--set S] [--split dev|test|all] [--corpus-root DIR]\n' +
  '       [--db FILE] [--rerank-depth N] [--missed] [--losses] [--json]';

/** Whether two paths name one folder (the bench caches are reached through links). */
function sameFolder(a: string, b: string): boolean {
  return existsSync(a) && existsSync(b) && realpathSync(a) === realpathSync(b);
}

/** Indexes the corpus into `dbPath` unless it already holds it; a database of another folder is refused. */
async function ensureIndex(dbPath: string, root: string, models: ModelProvider): Promise<void> {
  const store = IndexStore.open(dbPath);
  try {
    const held = store.getCollection(COLLECTION);
    if (held !== null) {
      if (sameFolder(held.root, root)) return;
      throw new InvalidInputError(
        `first-stage-recall: ${dbPath} holds ${held.root}, not ${root} (give another --db or remove it)`,
      );
    }
    process.stderr.write(`first-stage-recall: indexing ${root} into ${dbPath}\n`);
    await indexCollection({ name: COLLECTION, root, store, models, ...collectionFiles(dbPath, COLLECTION) });
  } finally {
    store.close();
  }
}

/** The file orders of one question: each leg alone, the fused order, and the reranker's head. */
async function ordersOf(
  question: string,
  legs: SearchLegs,
  settings: FusionSettings,
): Promise<Record<Order, string[]>> {
  const hits = await runLegs({ question, mode: 'hybrid' }, legs, settings, true);
  const all = [...hits.bm25, ...hits.dense, ...hits.headings, ...(hits.unfed ?? [])];
  const chunks: Map<string, Chunk> = new Map(await legs.chunks([...new Set(all.map((hit) => hit.chunkId))]));
  const files = (of: LegResults, stage: FusionSettings) =>
    bestPerFile(fuseLegs(of, stage), chunks).map((item) => chunks.get(item.id)!.source);
  const alone = { ...settings, bm25Weight: 1, denseWeight: 1 };
  const unfed = hits.unfed ?? hits.dense;
  const own = legs.reranker?.firstStage;
  return {
    bm25: files({ bm25: hits.bm25, dense: [], headings: [] }, alone),
    dense: files({ bm25: [], dense: unfed, headings: [] }, alone),
    hybrid: files(hits, settings),
    head:
      own === undefined ? files(hits, settings) : files({ ...hits, dense: unfed }, { ...settings, ...own }),
  };
}

/** One question's grade-2 files, their 1-based rank in each order (0: not in the legs' pools), and nDCG@10. */
interface Row {
  readonly id: string;
  readonly lowOverlap: boolean;
  readonly question: string;
  readonly answers: readonly string[];
  readonly ranks: Record<Order, number[]>;
  /** nDCG@10 of each order's first ten files. */
  readonly orderNdcg: Record<Order, number>;
  /** nDCG@10 of the search with the reranker. */
  readonly ndcg: number;
  /** Where the search's loss lies, against the reranker's head of `depth` files. */
  readonly loss: LossSplit;
}

function rowOf(
  question: Question,
  orders: Record<Order, string[]>,
  reranked: readonly string[],
  depth: number,
): Row {
  const answers = Object.entries(question.relevant)
    .filter(([, grade]) => grade >= 2)
    .map(([file]) => file);
  const per = <T>(value: (order: Order) => T) =>
    Object.fromEntries(ORDERS.map((order) => [order, value(order)])) as Record<Order, T>;
  return {
    id: question.id,
    lowOverlap: question.low_overlap,
    question: question.question,
    answers,
    ranks: per((order) => answers.map((file) => orders[order].indexOf(file) + 1)),
    orderNdcg: per((order) => ndcgAt(orders[order].slice(0, 10), question.relevant)),
    ndcg: ndcgAt(reranked, question.relevant),
    loss: splitLoss(reranked, orders.head.slice(0, depth), question.relevant),
  };
}

const within = (rank: number, depth: number) => rank > 0 && rank <= depth;

/** Per order: recall of grade-2 files at 30 and 50, questions with one within 30, and nDCG@10. */
interface OrderSummary {
  readonly 'recall@30': number;
  readonly 'recall@50': number;
  readonly 'answered@30': number;
  readonly ndcg: number;
}

type SubsetSummary = { readonly questions: number; readonly ndcgRerank: number } & Record<
  Order,
  OrderSummary
>;

/** The summary of all questions, the low-overlap ones and the others. */
function summarize(rows: readonly Row[]): Record<'all' | 'low-overlap' | 'other', SubsetSummary> {
  const of = (members: readonly Row[]): SubsetSummary => {
    const order = (name: Order): OrderSummary => {
      const recall = (depth: number) =>
        mean(members.flatMap((row) => row.ranks[name].map((rank) => (within(rank, depth) ? 1 : 0))));
      return {
        'recall@30': recall(DEPTHS[0]),
        'recall@50': recall(DEPTHS[1]),
        'answered@30': mean(members.map((row) => (row.ranks[name].some((r) => within(r, 30)) ? 1 : 0))),
        ndcg: mean(members.map((row) => row.orderNdcg[name])),
      };
    };
    return {
      questions: members.length,
      ndcgRerank: mean(members.map((row) => row.ndcg)),
      bm25: order('bm25'),
      dense: order('dense'),
      hybrid: order('hybrid'),
      head: order('head'),
    };
  };
  return {
    all: of(rows),
    'low-overlap': of(rows.filter((row) => row.lowOverlap)),
    other: of(rows.filter((row) => !row.lowOverlap)),
  };
}

function formatSummary(table: ReturnType<typeof summarize>): string {
  const lines = ['subset         n  order    R@30  R@50  Q@30  nDCG@10   hybrid+rerank nDCG@10'];
  for (const [name, entry] of Object.entries(table)) {
    for (const order of ORDERS) {
      const v = entry[order];
      const cells = [v['recall@30'], v['recall@50'], v['answered@30'], v.ndcg].map((x) => x.toFixed(3));
      const tail = order === 'bm25' ? `   ${entry.ndcgRerank.toFixed(3)}` : '';
      lines.push(
        `${name.padEnd(12)} ${String(entry.questions).padStart(3)}  ${order.padEnd(6)}  ${cells.join(' ')}${tail}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

function formatMissed(rows: readonly Row[]): string {
  return rows
    .filter((row) => !row.ranks.head.some((rank) => within(rank, 30)))
    .map((row) => {
      const ranks = ORDERS.map((order) => `${order} ${row.ranks[order].map((r) => r || '-').join('/')}`);
      const low = row.lowOverlap ? ' (low overlap)' : '';
      return `${row.id}${low} nDCG ${row.ndcg.toFixed(2)}  ${ranks.join('  ')}\n  ${row.question}\n  ${row.answers.join(', ')}\n`;
    })
    .join('');
}

/** Per question with a loss, worst first: its split, the files above its best answer; then the sums. */
function formatLosses(rows: readonly Row[]): string {
  const cells = (l: LossSplit) => [l.loss, l.recall, l.ungraded, l.graded].map((x) => x.toFixed(3)).join(' ');
  const lines = ['question          loss  head  ungraded graded   files above the best grade-2 file'];
  for (const row of [...rows].sort((a, b) => b.loss.loss - a.loss.loss)) {
    if (row.loss.loss < 1e-9) continue;
    const above = row.loss.above.map(({ file, grade }) => `${file} (${grade})`).join(', ');
    lines.push(
      `${row.id.padEnd(8)}${row.lowOverlap ? ' low' : '    '}  ${cells(row.loss)}   ${above || '-'}`,
    );
  }
  const sum = (members: readonly Row[]): LossSplit => ({
    loss: members.reduce((s, row) => s + row.loss.loss, 0),
    recall: members.reduce((s, row) => s + row.loss.recall, 0),
    ungraded: members.reduce((s, row) => s + row.loss.ungraded, 0),
    graded: members.reduce((s, row) => s + row.loss.graded, 0),
    above: [],
  });
  lines.push(`sum, all         ${cells(sum(rows))}`);
  lines.push(`sum, low overlap ${cells(sum(rows.filter((row) => row.lowOverlap)))}`);
  return `${lines.join('\n')}\n`;
}

function parseSplit(text: string): 'dev' | 'test' | 'all' {
  if (text === 'dev' || text === 'test' || text === 'all') return text;
  throw new InvalidInputError(`first-stage-recall: --split "${text}" is not known (use dev, test or all)`);
}

function parseDepth(text: string | undefined): Partial<FusionSettings> {
  if (text === undefined) return {};
  const depth = Number(text);
  if (!Number.isInteger(depth) || depth < 1)
    throw new InvalidInputError(`first-stage-recall: --rerank-depth "${text}" must be a positive integer`);
  return { rerankDepth: depth };
}

async function main(argv: string[]): Promise<number> {
  const { values } = benchFlags(
    import.meta.filename,
    {
      args: argv,
      options: {
        set: { type: 'string', default: 'batuta-docs' },
        split: { type: 'string', default: 'dev' },
        'corpus-root': { type: 'string' },
        db: { type: 'string' },
        'rerank-depth': { type: 'string' },
        missed: { type: 'boolean', default: false },
        losses: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
      },
      strict: true,
    },
    USAGE,
  );
  const split = parseSplit(values.split);
  const depth = parseDepth(values['rerank-depth']);
  const repo = findRepoRoot(import.meta.dirname);
  const file = setPath(repo, values.set, 'first-stage-recall');
  const full = loadQuestionSet(file);
  const questions = full.questions.filter((q) => split === 'all' || q.split === split);
  const root = corpusRootOf(repo, full, file, values['corpus-root'], 'first-stage-recall');
  const dbPath = values.db ?? `first-stage-recall-${values.set.replace(/\W+/g, '-')}.db`;
  const models = createModelProvider();
  await ensureIndex(dbPath, root, models);
  const source = createStoredSource({ dbPath, models, noModels: 'no embedding model is installed' });
  const rows: Row[] = [];
  try {
    const reranker = await models.reranker();
    const legs = await source.legs(COLLECTION, 'hybrid', reranker);
    const stored =
      legs.fusion === undefined ? FUSION_DEFAULTS : settingsOf(legs.fusion, reranker?.id ?? null);
    const settings = { ...stored, ...depth };
    for (const question of questions) {
      const orders = await ordersOf(question.question, legs, settings);
      // k 30 as eval.js searches (its top 10 is this one's), and files past 10 for the loss split.
      const request = {
        question: question.question,
        k: 30,
        mode: 'hybrid' as const,
        rerank: true,
        explain: false,
      };
      const { results } = await searchLegs(request, legs, settings, 'collection');
      const reranked = [...new Set(results.map((result) => result.source))];
      rows.push(rowOf(question, orders, reranked, settings.rerankDepth));
    }
  } finally {
    await source.close();
  }
  const table = summarize(rows);
  const header = {
    set: values.set,
    split,
    corpusRoot: root,
    command: `node dist/bench/retrieval/first-stage-recall.js ${argv.join(' ')}`,
  };
  if (values.json) process.stdout.write(`${JSON.stringify({ ...header, summary: table, rows }, null, 2)}\n`);
  else {
    const extra = (values.missed ? formatMissed(rows) : '') + (values.losses ? formatLosses(rows) : '');
    process.stdout.write(formatSummary(table) + extra);
  }
  return 0;
}

await runBench(import.meta.filename, () => main(process.argv.slice(2)));
