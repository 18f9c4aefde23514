/**
 * Reranker round 2 experiment: trains the KNRM + lexical MLP on self-supervised pairs from the evaluated
 * collection itself (heading or first sentence → its chunk; hard negatives from the hybrid candidates of
 * that pseudo-question, other files only), with kernels over the collection-adapted vectors, then fuses
 * the reranker's order with the hybrid order by RRF and scores file-level nDCG@10 on one split.
 *   node dist/bench/models/rerank-round2.js --set batuta-docs|specs --split dev|test --reuse-adapted DIR
 *     [--keeps 0.5,1,2] [--questions 1500] [--with-rank] [--base-vectors] [--file-evidence | --same-file] [--hidden 16] [--seed 3]
 * --file-evidence replaces the model by a training-free score: the summed RRF of the candidate's file.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { describeError } from '../../src/errors.js';
import { readWordVectors } from '../../src/retrieval/embed-files.js';
import { createModelProvider, currentAdaptedDir } from '../../src/retrieval/models.js';
import {
  FEATURE_COUNT,
  featureVocabulary,
  pairFeatures,
  questionTerms,
} from '../../src/retrieval/rerank-features.js';
import { MLP_DEFAULTS, scoreRow, type TrainingGroup, trainMlp } from '../../src/retrieval/train/mlp.js';
import { createRng } from '../../src/retrieval/train/rng.js';
import { groupMrr } from '../../src/retrieval/train/train-reranker.js';
import type { Chunk } from '../../src/retrieval/types.js';
import { listDocuments } from '../lib/corpus.js';
import { mean, ndcgAt, pairedPermutationTest } from '../lib/metrics.js';
import { loadQuestionSet, type Question } from '../lib/question-set.js';
import { findRepoRoot } from '../lib/repo.js';
import { PIPELINE_DEFAULTS, type Prepared, prepareCorpus, searchHybrid, toFiles } from './pipeline.js';

const SETS: Record<string, { file: string; corpus: string }> = {
  'batuta-docs': {
    file: 'bench/retrieval/batuta-docs-questions.yaml',
    corpus: '../shared/corpora/batuta-docs',
  },
  specs: { file: 'bench/retrieval/specs-questions.yaml', corpus: 'specs' },
};
const SENTENCE = /^(.{20,200}?[.?!])\s/s;

/** Pseudo-question of a chunk: its own heading (hidden from the candidate) or first sentence (cut). */
function pseudo(chunk: Chunk, useSentence: boolean) {
  const own = chunk.headings.at(-1) ?? '';
  if (!useSentence) {
    const words = own.split(/\s+/).filter(Boolean).length;
    if (words < 2 || words > 12) return null;
    return {
      question: own,
      positive: { text: chunk.text, headings: chunk.headings.slice(0, -1), source: chunk.source },
    };
  }
  const match = SENTENCE.exec(chunk.text.replace(/^#+ .*\n/, ''));
  if (match === null) return null;
  const sentence = match[1]!.replace(/\s+/g, ' ');
  const words = sentence.split(' ').length;
  if (words < 5 || words > 25) return null;
  const rest = chunk.text.replace(match[1]!, '');
  return rest.length < 100 ? null : { question: sentence, positive: { ...chunk, text: rest } };
}

async function groupsFor(
  p: Prepared,
  vocab: ReturnType<typeof featureVocabulary>,
  n: number,
  withRank: boolean,
) {
  const rng = createRng(7);
  const groups: TrainingGroup[] = [];
  for (let t = 0; t < n * 4 && groups.length < n; t++) {
    const chunk = p.chunks[rng.int(p.chunks.length)]!;
    const made = pseudo(chunk, rng.next() < 0.5);
    if (made === null) continue;
    const terms = questionTerms(made.question, vocab);
    if (terms.length === 0) continue;
    const fused = (await searchHybrid(p, made.question, PIPELINE_DEFAULTS)).slice(0, 50);
    const negatives = fused
      .map((id, rank) => [p.byId.get(id)!, rank] as const)
      .filter(([c]) => c.source !== chunk.source)
      .slice(0, 15);
    if (negatives.length < 3) continue;
    const ownRank = Math.max(0, fused.indexOf(chunk.id));
    const extra = (rank: number) => (withRank ? [Math.log1p(rank)] : []);
    groups.push({
      rows: [
        [...pairFeatures(terms, made.positive, vocab), ...extra(ownRank)],
        ...negatives.map(([c, rank]) => [...pairFeatures(terms, c, vocab), ...extra(rank)]),
      ],
    });
  }
  return groups;
}

/** Candidate-list features of each head position: log rank and log summed RRF of its file in the head. */
function listFeatures(p: Prepared, head: readonly string[]): number[][] {
  const sources = head.map((id) => p.byId.get(id)!.source);
  const fileSum = new Map<string, number>();
  for (const [r, s] of sources.entries()) fileSum.set(s, (fileSum.get(s) ?? 0) + 1 / (61 + r));
  return sources.map((s, r) => [Math.log1p(r), Math.log(61 * fileSum.get(s)!)]);
}

/**
 * Same-file groups: the pseudo-question's own chunk is removed from the candidates (it contains the
 * question's words verbatim); the best-ranked other chunk of its file is the positive, other files'
 * chunks are negatives. Matches file-level relevance and leaves rank features unleaked.
 */
async function sameFileGroups(p: Prepared, vocab: ReturnType<typeof featureVocabulary>, n: number) {
  const rng = createRng(7);
  const groups: TrainingGroup[] = [];
  for (let t = 0; t < n * 6 && groups.length < n; t++) {
    const chunk = p.chunks[rng.int(p.chunks.length)]!;
    const made = pseudo(chunk, rng.next() < 0.5);
    if (made === null) continue;
    const terms = questionTerms(made.question, vocab);
    if (terms.length === 0) continue;
    const fused = await searchHybrid(p, made.question, PIPELINE_DEFAULTS);
    const head = fused.filter((id) => id !== chunk.id).slice(0, 50);
    const list = listFeatures(p, head);
    const row = (r: number) => [...pairFeatures(terms, p.byId.get(head[r]!)!, vocab), ...list[r]!];
    const pos = head.findIndex((id) => p.byId.get(id)!.source === chunk.source);
    const negs = head.flatMap((id, r) => (p.byId.get(id)!.source !== chunk.source ? [r] : [])).slice(0, 15);
    if (pos < 0 || negs.length < 3) continue;
    groups.push({ rows: [row(pos), ...negs.map(row)] });
  }
  return groups;
}

/** The MLP over KNRM + lexical + candidate-list features trained on same-file groups. */
async function sameFileScorer(
  p: Prepared,
  vdir: string,
  questions: number,
  hidden: number,
  seed: number,
): Promise<HeadScorer> {
  const vocab = loadVocab(vdir);
  const groups = await sameFileGroups(p, vocab, questions);
  process.stderr.write(`round2: ${groups.length} same-file training groups\n`);
  const cut = Math.floor(groups.length * 0.9);
  const weights = trainMlp(groups.slice(0, cut), FEATURE_COUNT + 2, { ...MLP_DEFAULTS, hidden, seed });
  const mrr = (f: (row: readonly number[]) => number) => groupMrr(groups.slice(cut), f).toFixed(3);
  process.stderr.write(
    `round2: held-out pseudo MRR model ${mrr((row) => scoreRow(weights, row))}, rank ${mrr((row) => -row[FEATURE_COUNT]!)}\n`,
  );
  return (_p, question, head) => {
    const terms = questionTerms(question, vocab);
    const list = listFeatures(p, head);
    return head.map((id, r) =>
      scoreRow(weights, [...pairFeatures(terms, p.byId.get(id)!, vocab), ...list[r]!]),
    );
  };
}

function loadVocab(vdir: string) {
  const v = readWordVectors(
    readFileSync(join(vdir, 'word-embedder.vocab.txt'), 'utf8'),
    readFileSync(join(vdir, 'word-embedder.vectors.bin')),
    vdir,
  );
  return featureVocabulary(v.words, v.counts, v.dim, v.input);
}

type HeadScorer = (p: Prepared, question: string, head: readonly string[]) => number[];

/** File-level evidence: each candidate scores the summed fusion RRF of all head candidates from its file. */
const fileEvidence: HeadScorer = (p, _question, head) => {
  const sources = head.map((id) => p.byId.get(id)!.source);
  const fileSum = new Map<string, number>();
  for (const [r, s] of sources.entries()) fileSum.set(s, (fileSum.get(s) ?? 0) + 1 / (61 + r));
  return sources.map((s) => fileSum.get(s)!);
};

/** The KNRM + lexical MLP trained on in-domain pseudo-questions. */
async function mlpScorer(
  p: Prepared,
  vdir: string,
  questions: number,
  withRank: boolean,
  hidden: number,
  seed: number,
): Promise<HeadScorer> {
  const vocab = loadVocab(vdir);
  const groups = await groupsFor(p, vocab, questions, withRank);
  process.stderr.write(`round2: ${groups.length} training groups\n`);
  const weights = trainMlp(groups, FEATURE_COUNT + (withRank ? 1 : 0), { ...MLP_DEFAULTS, hidden, seed });
  return (_p, question, head) => {
    const terms = questionTerms(question, vocab);
    return head.map((id, rank) =>
      scoreRow(weights, [
        ...pairFeatures(terms, p.byId.get(id)!, vocab),
        ...(withRank ? [Math.log1p(rank)] : []),
      ]),
    );
  };
}

/** nDCG@10 of hybrid and of each RRF(reranker order, keep × hybrid order), plus scoring times. */
async function scoreSplit(
  p: Prepared,
  questions: readonly Question[],
  keeps: readonly number[],
  scorer: HeadScorer,
) {
  const hybrid: number[] = [];
  const fusedBy = keeps.map(() => [] as number[]);
  const timings: number[] = [];
  for (const q of questions) {
    const fused = await searchHybrid(p, q.question, PIPELINE_DEFAULTS);
    hybrid.push(ndcgAt(toFiles(p, fused).slice(0, 10), q.relevant));
    const head = fused.slice(0, 50);
    const started = performance.now();
    const scores = scorer(p, q.question, head);
    timings.push(performance.now() - started);
    const byScore = head.map((id, rank) => [id, scores[rank]!, rank] as const).sort((a, b) => b[1] - a[1]);
    for (const [k, keep] of keeps.entries()) {
      const order = byScore
        .map(([id, , r], rr) => [id, 1 / (61 + rr) + keep / (61 + r)] as const)
        .sort((a, b) => b[1] - a[1])
        .map(([id]) => id);
      fusedBy[k]!.push(ndcgAt(toFiles(p, [...order, ...fused.slice(50)]).slice(0, 10), q.relevant));
    }
  }
  return { hybrid, fusedBy, timings: timings.sort((a, b) => a - b) };
}

async function main(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      set: { type: 'string', default: 'batuta-docs' },
      split: { type: 'string', default: 'dev' },
      'reuse-adapted': { type: 'string' },
      keeps: { type: 'string', default: '0.5,1,2,4,8' },
      questions: { type: 'string', default: '1500' },
      'with-rank': { type: 'boolean', default: false },
      'base-vectors': { type: 'boolean', default: false },
      'file-evidence': { type: 'boolean', default: false },
      'same-file': { type: 'boolean', default: false },
      hidden: { type: 'string', default: '16' },
      seed: { type: 'string', default: '3' },
    },
  });
  const repo = findRepoRoot(import.meta.dirname);
  const named = SETS[values.set]!;
  const set = loadQuestionSet(resolve(repo, named.file));
  const root = resolve(repo, named.corpus);
  const log = (line: string) => process.stderr.write(`round2: ${line}\n`);
  const reuse = resolve(values['reuse-adapted'] ?? 'bench/cache/models/adapted-r2');
  const p = await prepareCorpus(createModelProvider(), root, listDocuments(root), true, log, reuse);
  const vdir = values['base-vectors'] ? resolve(repo, 'embeddings') : currentAdaptedDir(reuse)!;
  const scorer = values['file-evidence']
    ? fileEvidence
    : values['same-file']
      ? await sameFileScorer(p, vdir, Number(values.questions), Number(values.hidden), Number(values.seed))
      : await mlpScorer(
          p,
          vdir,
          Number(values.questions),
          values['with-rank'],
          Number(values.hidden),
          Number(values.seed),
        );
  const keeps = values.keeps.split(',').map(Number);
  const questions = set.questions.filter((q) => q.split === values.split);
  const { hybrid, fusedBy, timings } = await scoreSplit(p, questions, keeps, scorer);
  const out = [`${values.set} ${values.split} (${questions.length}) hybrid ${mean(hybrid).toFixed(3)}`];
  for (const [k, keep] of keeps.entries()) {
    const t = pairedPermutationTest(fusedBy[k]!, hybrid);
    out.push(
      `  rerank keep=${keep}: ${mean(fusedBy[k]!).toFixed(3)} (diff ${t.difference.toFixed(3)}, p=${t.p.toFixed(3)})`,
    );
  }
  out.push(`  scoring 50 candidates, median ${timings[timings.length >> 1]!.toFixed(2)} ms`);
  process.stdout.write(`${out.join('\n')}\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`round2: ${describeError(error)}\n`);
  process.exitCode = 1;
});
