/**
 * Scores another leave-package-out run's fold models on this run's held-out heads. A change that alters the
 * recorded heads (the first stage, a feature) is judged by two lpo.ts runs, one per build; its base recipe is
 * the base run's fold models — fitted on the heads the base build recorded — reading the heads the candidate
 * build records, as the shipped file does once the change lands. The results file this writes pairs with the
 * candidate run's in lpo-compare.ts, question by question on the same heads (bench/RESULTS.md, s16-retrain
 * and s18-retrain). Fold models are read from their ONNX files, as searches score with them.
 *   node dist/bench/retrieval/lpo-rescore.js HEADS_RUN MODELS_RUN [--variant shipped] [--folds 1,2,3] --out FILE.json
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InvalidInputError } from '../../src/errors.js';
import { sha256, writeAtomic } from '../../src/retrieval/dense/model-files.js';
import type { FileRerankerModel } from '../../src/retrieval/rerank/file-model.js';
import { FILE_RERANKER_FILE, weightsOf } from '../../src/retrieval/rerank/file-reranker.js';
import { benchFlags, requireFlags, runBench } from '../lib/bench-flags.js';
import { checkFeatures, type EvalHead, LPO_FOLDS, scoreHead, selectFolds } from './lpo-lib.js';

const USAGE =
  'usage: node dist/bench/retrieval/lpo-rescore.js HEADS_RUN MODELS_RUN [--variant shipped] [--folds 1,2,3] --out FILE.json\n' +
  "  scores MODELS_RUN's fold models (MODELS_RUN/fold-N/VARIANT/) on HEADS_RUN's held-out heads (both lpo.js --out folders)";

/** A fold model folder's reranker as numbers (the graph's weights; its manifest's feature columns checked when it lists them). */
function foldModel(dir: string): { model: FileRerankerModel; sha: string } {
  const manifest = join(dir, 'manifest.json');
  const features = existsSync(manifest)
    ? (JSON.parse(readFileSync(manifest, 'utf8')) as { models?: { reranker?: { features?: unknown } } })
        .models?.reranker?.features
    : undefined;
  if (features !== undefined) checkFeatures(manifest, features, 'score it with a build of its columns');
  const bytes = readFileSync(join(dir, FILE_RERANKER_FILE));
  const w = weightsOf(dir, bytes);
  const linear = (weights: Float32Array, bias: Float32Array) => ({ weights: [...weights], bias: bias[0]! });
  return {
    model: {
      section: linear(w.ws, w.bs),
      page: linear(w.wp, w.bp),
      gate: { a: w.ga[0]!, b: w.gb[0]! },
      natural: linear(w.wn, w.bn),
    },
    sha: sha256(bytes),
  };
}

/** A fold's held-out heads as lpo-heads.ts cached them (their key is another build's: not checked). */
function heldOutHeads(run: string, index: number): EvalHead[] {
  return LPO_FOLDS[index]!.flatMap((pkg) => {
    const path = join(run, `fold-${index + 1}`, `eval-${pkg}.json`);
    if (!existsSync(path))
      throw new InvalidInputError(
        `lpo-rescore: ${path} does not exist (record the fold's held-out heads: node dist/bench/retrieval/lpo.js --folds ${index + 1} --out ${run})`,
      );
    const stored = JSON.parse(readFileSync(path, 'utf8')) as { features?: unknown; data: EvalHead[] };
    if (stored.features !== undefined)
      checkFeatures(path, stored.features, 'rescore with the build that recorded them');
    return stored.data;
  });
}

function main(argv: string[]): void {
  const { values, positionals } = benchFlags(
    import.meta.filename,
    {
      args: argv,
      allowPositionals: true,
      options: {
        variant: { type: 'string', default: 'shipped' },
        folds: { type: 'string', default: '' },
        out: { type: 'string' },
      },
    },
    USAGE,
  );
  requireFlags(import.meta.filename, values, ['out']);
  if (positionals.length !== 2)
    throw new InvalidInputError(`lpo-rescore: give two lpo.js --out folders (${USAGE.split('\n')[0]})`);
  const [headsRun, modelsRun] = positionals.map((p) => resolve(p));
  const scores = [];
  const shas = [];
  for (const index of selectFolds(values.folds)) {
    const heads = heldOutHeads(headsRun!, index);
    const { model, sha } = foldModel(join(modelsRun!, `fold-${index + 1}`, values.variant));
    scores.push(...heads.map((head) => scoreHead(head, model)));
    shas.push(sha);
    process.stderr.write(`lpo-rescore: fold-${index + 1}: ${heads.length} heads, model ${sha.slice(0, 8)}\n`);
  }
  const result = {
    variants: [values.variant],
    modelSha256: { [values.variant]: shas },
    scores: { [values.variant]: scores },
  };
  writeAtomic(resolve(values.out), `${JSON.stringify(result)}\n`);
}

await runBench(import.meta.filename, () => main(process.argv.slice(2)));
