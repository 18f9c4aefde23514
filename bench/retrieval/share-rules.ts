/**
 * Which rule should pick a collection's reranker share? An independent judge for the rules of
 * share-rules-lib.ts: each Debian training package (calibration-packages.ts's page folder, indexed as
 * `batuta index` does, the shipped embedder) is searched with the leave-package-out fold reranker that never
 * saw it (lpo.ts's `fold-N/shipped`). Calibration's share pass runs as indexing runs it (calibrate-legs.ts
 * rerankShares on the package's chosen first stage), giving each share's per-pseudo-question nDCG@10; the
 * package's written questions then run through the real search (searchLegs) at each share. Each rule's pick
 * is scored on the written questions, against the shipped rule R0, paired over questions:
 *   node dist/bench/retrieval/share-rules.js --lpo DIR [--packages dev|a,b] [--adapt] [--out DIR] [--limit N] [--json]
 * With --adapt the collection's embedder is adapted to the package as `batuta index` adapts it (minutes per
 * package), and calibration asks only the questions withheld from the adaptation. Cached per package under
 * --out (default bench/cache/share-rules/), in shipped/<package>/ or adapted/<package>/.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InvalidInputError } from '../../src/errors.js';
import { readManifest } from '../../src/retrieval/dense/model-files.js';
import { RERANK_SHARES } from '../../src/retrieval/fusion/calibrate.js';
import { parseFusionRecord } from '../../src/retrieval/fusion/record.js';
import { askAll } from '../../src/retrieval/indexing/calibrate-ask.js';
import { rerankShares } from '../../src/retrieval/indexing/calibrate-legs.js';
import { createModelProvider } from '../../src/retrieval/models/provider.js';
import { FUSION_DEFAULTS, type FusionSettings, searchLegs } from '../../src/retrieval/search/hybrid.js';
import { createStoredSource } from '../../src/retrieval/search/stored-source.js';
import type { ModelProvider } from '../../src/retrieval/types.js';
import { IndexStore } from '../../src/store/index-store.js';
import { benchFlags, runBench } from '../lib/bench-flags.js';
import { mean, ndcgAt } from '../lib/metrics.js';
import { findRepoRoot } from '../lib/repo.js';
import { indexOnce, packagePages, withCalibrationInput } from './calibration-packages.js';
import { checkFeatures, LPO_FOLDS } from './lpo-lib.js';
import { distinctFiles } from './rankers.js';
import { type PackageShares, SHARE_RULES, versus } from './share-rules-lib.js';
import { packagesOf } from './written-first-stage.js';

/** The fold model folder whose reranker never saw `name` (lpo.ts writes `fold-N/shipped`). */
export function foldModelDir(lpo: string, name: string): string {
  const fold = LPO_FOLDS.findIndex((packages) => packages.includes(name));
  if (fold < 0) throw new InvalidInputError(`share-rules: ${name} is in no LPO fold (lpo-lib.ts LPO_FOLDS)`);
  const dir = join(lpo, `fold-${fold + 1}`, 'shipped');
  const refit = 'run node dist/bench/retrieval/lpo.js';
  if (!existsSync(join(dir, 'manifest.json')))
    throw new InvalidInputError(`share-rules: ${dir} holds no fold model (${refit})`);
  checkFeatures(dir, readManifest(dir, refit).models?.['reranker']?.['features'], `fit it again: ${refit}`);
  return dir;
}

/** The share pass as indexing runs it, with the fold reranker: each share's pseudo-question scores. */
async function pseudoShares(name: string, dbPath: string, models: ModelProvider, settings: FusionSettings) {
  return withCalibrationInput('share-rules', name, dbPath, models, async (input) => {
    if (input.reranker === null)
      throw new InvalidInputError(`share-rules: ${name}: the fold reranker did not load`);
    const { asked, chunks } = await askAll(input);
    const context = { legs: input.legs, reranker: input.reranker, settings, chunks, own: 1, step: () => {} };
    return await rerankShares(asked, context);
  });
}

/** The written questions through the real search at every share (share 0: not reranked). */
async function writtenShares(
  name: string,
  dbPath: string,
  models: ModelProvider,
  questions: ReturnType<typeof packagePages>,
  settings: FusionSettings,
) {
  const source = createStoredSource({ dbPath, models, noModels: 'no models' });
  try {
    const reranker = await models.reranker();
    const legs = await source.legs(name, 'hybrid', reranker);
    const scores: Record<string, number[]> = Object.fromEntries(RERANK_SHARES.map((s) => [String(s), []]));
    for (const q of questions) {
      for (const share of RERANK_SHARES) {
        const request = {
          question: q.question,
          k: 30,
          mode: 'hybrid' as const,
          rerank: share > 0,
          explain: false,
        };
        const { results } = await searchLegs(request, legs, { ...settings, rerankShare: share });
        scores[String(share)]!.push(ndcgAt(distinctFiles(results.map((r) => r.source)), q.relevant));
      }
    }
    return scores;
  } finally {
    await source.close();
  }
}

/** One package's evidence, measured once and cached as JSON under `out`. */
async function packageShares(
  repo: string,
  where: { readonly lpo: string; readonly out: string; readonly adapt: boolean },
  name: string,
  limit?: number,
) {
  const dir = join(where.out, where.adapt ? 'adapted' : 'shipped', name);
  const cached = join(dir, `shares${limit === undefined ? '' : `-${limit}`}.json`);
  if (existsSync(cached))
    return JSON.parse(readFileSync(cached, 'utf8')) as PackageShares & { firstStage: object };
  const modelDir = foldModelDir(where.lpo, name);
  const pages = join(dir, 'pages');
  mkdirSync(pages, { recursive: true });
  const all = packagePages(repo, name, pages);
  const questions =
    limit === undefined || limit >= all.length
      ? all
      : Array.from({ length: limit }, (_, i) => all[Math.floor((i * all.length) / limit)]!);
  const folded = createModelProvider({ dir: modelDir });
  // The first stage is chosen before the reranker is read, so indexing leaves it out.
  const indexModels: ModelProvider = {
    embedder: (d, w) => folded.embedder(d, w),
    reranker: async () => null,
    ...(where.adapt && folded.adapt ? { adapt: folded.adapt.bind(folded) } : {}),
  };
  const dbPath = join(dir, 'index.db');
  await indexOnce(name, pages, dbPath, indexModels);
  const store = IndexStore.open(dbPath, { readOnly: true });
  const record = parseFusionRecord(store.fusionRecord(store.getCollection(name)!.id));
  store.close();
  if (record === null) throw new InvalidInputError(`share-rules: ${name} has no fusion record`);
  const settings: FusionSettings = { ...FUSION_DEFAULTS, ...record.firstStage };
  const pseudo = await pseudoShares(name, dbPath, folded, settings);
  const written = await writtenShares(name, dbPath, folded, questions, settings);
  const result = { name, firstStage: record.firstStage, pseudo, written };
  writeFileSync(cached, `${JSON.stringify(result)}\n`);
  return result;
}

const f3 = (v: number) => v.toFixed(3);

function report(packages: readonly PackageShares[]) {
  process.stdout.write(
    '| package | n | pseudo nDCG 0 / .5 / .75 / 1 | written 0 / .5 / .75 / 1 | picks R0..R4 |\n',
  );
  process.stdout.write('|---|---|---|---|---|\n');
  for (const pkg of packages) {
    const picks = Object.values(SHARE_RULES).map((rule) => rule.pick(pkg.pseudo));
    const written = RERANK_SHARES.map((s) => f3(mean(pkg.written[String(s)]!))).join(' / ');
    const pseudo = pkg.pseudo.map((s) => f3(s.ndcg)).join(' / ');
    const n = pkg.written['0']!.length;
    process.stdout.write(`| ${pkg.name} | ${n} | ${pseudo} | ${written} | ${picks.join(', ')} |\n`);
  }
  const base = SHARE_RULES.R0!.pick;
  for (const [name, rule] of Object.entries(SHARE_RULES)) {
    if (name === 'R0') continue;
    const v = versus(packages, base, rule.pick);
    const d = `${v.difference >= 0 ? '+' : ''}${v.difference.toFixed(4)}`;
    process.stdout.write(
      `${name} − R0: ${d} pooled (p ${v.p.toFixed(4)}), packages lower ${v.lower}, higher ${v.higher}\n`,
    );
  }
}

async function main(argv: readonly string[]): Promise<void> {
  const { values } = benchFlags(import.meta.filename, {
    args: [...argv],
    options: {
      packages: { type: 'string', default: 'dev' },
      lpo: { type: 'string' },
      out: { type: 'string', default: 'bench/cache/share-rules' },
      limit: { type: 'string' },
      adapt: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
  if (values.lpo === undefined)
    throw new InvalidInputError(
      'share-rules: --lpo DIR is required (the folder node dist/bench/retrieval/lpo.js wrote)',
    );
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  const repo = findRepoRoot(import.meta.dirname);
  const packages = [];
  for (const name of packagesOf(values.packages)) {
    const started = Date.now();
    const where = { lpo: resolve(values.lpo), out: resolve(values.out), adapt: values.adapt };
    packages.push(await packageShares(repo, where, name, limit));
    process.stderr.write(`share-rules: ${name} (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
  }
  if (values.json) process.stdout.write(`${JSON.stringify(packages)}\n`);
  else report(packages);
}

if (import.meta.url === `file://${process.argv[1]}`)
  await runBench(import.meta.filename, () => main(process.argv.slice(2)));
