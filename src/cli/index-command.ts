/**
 * `batuta index DIR... [--name NAME] [--db PATH] [--json]`: adds or refreshes document collections in the
 * index database, incrementally. Progress and notes go to stderr; the summary to stdout.
 */
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { describeError, InvalidInputError } from '../errors.js';
import type { IndexProgress, IndexSummary, ModelProvider } from '../retrieval/index.js';
import { resolveDbLocation, sqlitePathOf } from './db-location.js';
import { type CliIo, EXIT, printJson, reportError } from './io.js';

export const INDEX_USAGE = `Usage: batuta index DIR... [--name NAME] [--db PATH] [--json]

Index folders of documents (markdown, text, reStructuredText, HTML, source code) for
"batuta oracle --rag". Re-running is incremental: unchanged files are skipped.

  --name NAME   collection name (default: the folder name; only with one DIR)
  --db PATH     index database (default $BATUTA_DB, else ~/.cache/batuta/index.db)
  --no-dense    index for BM25 only (skip the embedding model)
  --json        print the summary as JSON
`;

/**
 * The index database path: --db, else $BATUTA_DB, else under the user cache folder (db-location.ts);
 * `dbRead` is --db-read, checked with it.
 */
export function resolveDbPath(
  flag: string | null | undefined,
  env: CliIo['env'],
  cwd: string,
  dbRead?: string | null,
): string {
  return sqlitePathOf(resolveDbLocation({ db: flag, dbRead }, env, cwd));
}

/**
 * The installed embedding/reranking models, or null with the reason when the model code cannot load.
 * Model files are read lazily; a missing or broken file becomes a one-line note where it is needed.
 */
export async function loadModels(): Promise<{ models: ModelProvider | null; note: string }> {
  try {
    const { createModelProvider } = await import('../retrieval/index.js');
    return { models: createModelProvider(), note: '' };
  } catch (error) {
    return { models: null, note: `no embedding model could be loaded: ${describeError(error)}` };
  }
}

const OPTIONS = {
  name: { type: 'string' },
  db: { type: 'string' },
  json: { type: 'boolean' },
  'no-dense': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function run(argv: string[], io: CliIo): Promise<number> {
  try {
    let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;
    try {
      parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
    } catch (error) {
      const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
      throw new InvalidInputError(`${message} (run "batuta index --help" for the flags)`);
    }
    const { values, positionals } = parsed;
    if (values.help) {
      io.stdout(INDEX_USAGE);
      return EXIT.ok;
    }
    if (positionals.length === 0)
      throw new InvalidInputError('give at least one folder to index (e.g. batuta index ./docs)');
    if (values.name !== undefined && positionals.length > 1) {
      throw new InvalidInputError('--name names one collection: give one DIR with it, or drop --name');
    }
    const summaries = await indexAll(positionals, values, io);
    if (values.json) printJson(io, { db: resolveDbPath(values.db, io.env, io.cwd), collections: summaries });
    else for (const summary of summaries) io.stdout(describeSummary(summary));
    return EXIT.ok;
  } catch (error) {
    return reportError(io, 'index', error);
  }
}

async function indexAll(
  dirs: readonly string[],
  values: { name?: string | undefined; db?: string | undefined; 'no-dense'?: boolean | undefined },
  io: CliIo,
): Promise<IndexSummary[]> {
  const dbPath = resolveDbPath(values.db, io.env, io.cwd);
  const { indexFolder } = await import('../retrieval/index.js');
  const { models, note } = values['no-dense']
    ? { models: null, note: 'dense leg skipped (--no-dense)' }
    : await loadModels();
  if (models === null) io.stderr(`batuta index: ${note}; indexing for BM25 search only\n`);
  const summaries: IndexSummary[] = [];
  for (const dir of dirs) {
    const root = resolve(io.cwd, dir);
    const name = values.name ?? basename(root);
    const summary = await indexFolder({
      dbPath,
      root,
      name,
      models,
      onProgress: throttledProgress(io, name),
    });
    for (const skip of summary.skipped)
      io.stderr(`batuta index: skipped ${name}/${skip.source}: ${skip.reason}\n`);
    summaries.push(models === null ? { ...summary, notes: [] } : summary);
    if (models !== null) for (const line of summary.notes) io.stderr(`batuta index: ${line}\n`);
  }
  return summaries;
}

function throttledProgress(io: CliIo, name: string): (progress: IndexProgress) => void {
  let last = Date.now();
  return (progress) => {
    const now = Date.now();
    if (now - last < 1000 && progress.done !== progress.total) return;
    if (now - last < 1000 && progress.phase === 'read') return;
    last = now;
    const unit = { read: 'files', adapt: '%', embed: 'chunks', vectors: 'vectors' }[progress.phase];
    io.stderr(`batuta index: ${name}: ${progress.phase} ${progress.done}/${progress.total} ${unit}\n`);
  };
}

function describeSummary(summary: IndexSummary): string {
  const skipped = summary.skipped.length > 0 ? `, ${summary.skipped.length} skipped` : '';
  const dense =
    summary.embedder === null ? 'BM25 only' : `vectors from ${summary.embedder} (${summary.embedded} new)`;
  return (
    `${summary.collection}: ${summary.files} files from ${summary.root} — ${summary.added} added, ` +
    `${summary.updated} updated, ${summary.removed} removed, ${summary.unchanged} unchanged${skipped}; ` +
    `${summary.chunks} chunks${summary.rechunked ? ' (re-chunked)' : ''}; ${dense}\n`
  );
}
