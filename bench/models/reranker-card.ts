/**
 * The weights of the reranker's model card (embeddings/reranker.md), generated from the shipped
 * reranker-file.onnx as searches load it (verified against manifest.json, read by rerank/file-reranker.ts
 * `weightsOf`) and written between the card's two marker comments, so the card cannot drift from the file
 * a retraining ships; test/bench/reranker-card-cli.test.ts fails when they differ.
 *   node dist/bench/models/reranker-card.js [--check] [--models DIR] [--card FILE]
 * --check writes nothing and exits 1 when the card's weights are not the file's.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InvalidDataError } from '../../src/errors.js';
import { readManifest, readVerified } from '../../src/retrieval/dense/model-files.js';
import { FILE_FEATURE_NAMES } from '../../src/retrieval/rerank/file-features.js';
import {
  FILE_RERANKER_FILE,
  type GraphWeights,
  weightsOf,
} from '../../src/retrieval/rerank/file-reranker.js';
import { benchFlags, runBench } from '../lib/bench-flags.js';
import { findRepoRoot } from '../lib/repo.js';

/** The command that regenerates the card's weights, as the card and the errors name it. */
export const CARD_COMMAND = 'node dist/bench/models/reranker-card.js';

/** The line the generated weights start after, and the one they end before. */
export const CARD_START = `<!-- generated from ${FILE_RERANKER_FILE} by \`${CARD_COMMAND}\` (after npm run build): do not edit by hand -->`;
export const CARD_END = '<!-- end of the generated weights -->';

const REBUILD = 'run npm run train:models';

/** Three decimals, a true minus sign, and an exact zero (a column the expert ignores) as 0. */
const shown = (w: number) => (w === 0 ? '0' : w.toFixed(3).replace('-', '−'));

/** The card's weights block: a row per feature (raw feature scale), the biases, and the gate. */
export function weightsBlock(w: GraphWeights): string {
  const row = (name: string, section: number, page: number, natural: number) =>
    `| ${name} | ${shown(section)} | ${shown(page)} | ${shown(natural)} |`;
  const a = w.ga[0]!.toFixed(2);
  const b = w.gb[0]!;
  return [
    '| feature | section expert | page expert | natural-question expert |',
    '|---|---|---|---|',
    ...FILE_FEATURE_NAMES.map((name, k) => row(name, w.ws[k]!, w.wp[k]!, w.wn[k]!)),
    row('(bias)', w.bs[0]!, w.bp[0]!, w.bn[0]!),
    '',
    `Gate of the keyword experts (x: the head's log mean pooled chunks per file; the page expert's share):`,
    `sigmoid(${a} · x ${b < 0 ? '−' : '+'} ${Math.abs(b).toFixed(2)}).`,
  ].join('\n');
}

/** `card` with `block` between its markers; an error naming `file` when the markers are not there once each. */
export function withBlock(card: string, block: string, file: string): string {
  const start = card.indexOf(`${CARD_START}\n`);
  const end = card.indexOf(`\n${CARD_END}`);
  if (start < 0 || end < start || card.indexOf(CARD_START, start + 1) >= 0)
    throw new InvalidDataError(
      `reranker-card: ${file} lacks the marker lines around its weights (put "${CARD_START}" and "${CARD_END}" around them)`,
      { file },
    );
  return `${card.slice(0, start + CARD_START.length + 1)}${block}${card.slice(end)}`;
}

function main(argv: string[]): void {
  const root = findRepoRoot(import.meta.dirname);
  const { values } = benchFlags(import.meta.filename, {
    args: argv,
    options: {
      check: { type: 'boolean', default: false },
      models: { type: 'string', default: join(root, 'embeddings') },
      card: { type: 'string' },
    },
  });
  const models = resolve(values.models);
  const card = resolve(values.card ?? join(models, 'reranker.md'));
  const manifest = readManifest(models, REBUILD);
  const onnx = readVerified(models, FILE_RERANKER_FILE, manifest, REBUILD);
  const text = readFileSync(card, 'utf8');
  const generated = withBlock(text, weightsBlock(weightsOf(FILE_RERANKER_FILE, onnx)), card);
  if (generated === text) return;
  if (values.check)
    throw new InvalidDataError(
      `reranker-card: the weights in ${card} are not those of ${join(models, FILE_RERANKER_FILE)} (run ${CARD_COMMAND})`,
      { card },
    );
  writeFileSync(card, generated);
  process.stderr.write(`reranker-card: ${card} now shows the weights of ${FILE_RERANKER_FILE}\n`);
}

await runBench(import.meta.filename, () => main(process.argv.slice(2)));
