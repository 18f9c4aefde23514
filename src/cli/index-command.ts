/**
 * `batuta index DIR... [--name NAME] [--db PATH] [--include GLOB] [--exclude GLOB] [--dry-run] [--json]`:
 * adds or refreshes document collections in the index database, incrementally. Progress and notes go to
 * stderr; the summary to stdout.
 */
import { resolve } from 'node:path';
import { BatutaError, InvalidInputError } from '../errors.js';
import type {
  HeldFolder,
  IndexFolderOptions,
  IndexProgress,
  IndexSummary,
  SelectOptions,
} from '../retrieval/index.js';
import { type DbLocation, describeLocation, resolveDbLocation, sqlitePathOf } from './db-location.js';
import { warnUnmatched } from './index-warnings.js';
import { type CliIo, EXIT, NAMING_USAGE, parseFlags, printJson, reportError } from './io.js';
import { loadModels } from './load-models.js';

export const INDEX_USAGE = `Usage: batuta index DIR... [--name NAME] [--db PATH] [--include GLOB] [--exclude GLOB]
                     [--dry-run] [--no-dense] [--json]
       batuta index --check [--db PATH] [--json]

Index folders of documents (markdown, text, reStructuredText, HTML, source code, and the
same gzipped: guide.md.gz is read as markdown) for "batuta oracle --rag". Re-running is
incremental: unchanged files are skipped, and whatever is damaged (the database, a vector
file, an adapted model) is rebuilt.
What documentation builders generate (Sphinx, rustdoc, MkDocs, Doxygen, Javadoc search indexes,
index pages, source copies, assets), build-system helper scripts (install-sh, config.guess, ltmain.sh,
a README-like file that starts with #!), minified scripts, files listed in .gitignore or .batutaignore,
copies of another page, change logs, and gzipped files that are damaged or inflate past 4 MB are
left out; --dry-run shows each one and the rule. A "!pattern" line in .gitignore or .batutaignore only
undoes an earlier ignore line; to bring back what another rule left out, use --include.

  --name NAME      collection name (default: the folder's meaningful name, e.g. python-flask-doc for
                   /usr/share/doc/python-flask-doc/html; only with one DIR)
  --db PATH|URL    index database (default $BATUTA_DB, else ~/.cache/batuta/index.db), or a
                   postgres://USER:PASSWORD@HOST:PORT/DATABASE URL: the index then lives in PostgreSQL
                   with pgvector (vectors and adapted model included), for many servers to share
  --include GLOB   index only files matching GLOB (repeatable; a GLOB without "/" matches file names,
                   one with "/" the path from DIR). A GLOB that picks out files a rule left out brings
                   them back over that rule: generated pages, change logs, minified files, copies, unknown
                   types read as text, .gitignore/.batutaignore entries, hidden and vendored folders
                   (e.g. 'changelog.gz', '_sources/**', '*.cfg'); one that also matches files the rule
                   keeps ('*.html', 'docs/**') only narrows. Links out of DIR, binary, damaged, unreadable
                   and too-large files (gzip bombs included), FIFOs, sockets and devices never come back.
                   A GLOB matching no file is a warning on stderr
  --exclude GLOB   leave out files and folders matching GLOB (repeatable); it wins over --include
  --dry-run        list what would be indexed and what is left out by which rule; write nothing
  --no-dense       index for BM25 only (skip the embedding model; run again without it to add vectors)
  --check          verify the index and report what a run would repair, changing nothing
                   (exit 1 when something is damaged)
  --json           print the summary as JSON
`;

const OPTIONS = {
  name: { type: 'string' },
  db: { type: 'string' },
  json: { type: 'boolean' },
  'no-dense': { type: 'boolean' },
  check: { type: 'boolean' },
  include: { type: 'string', multiple: true },
  exclude: { type: 'string', multiple: true },
  'dry-run': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function run(argv: string[], io: CliIo): Promise<number> {
  try {
    const parsed = parseFlags('index', {
      args: argv,
      options: OPTIONS,
      allowPositionals: true,
      strict: true,
    });
    const { values, positionals } = parsed;
    if (values.help) {
      io.stdout(INDEX_USAGE);
      return EXIT.ok;
    }
    if (values.check) return await check(positionals, values, io);
    if (positionals.length === 0)
      throw new InvalidInputError('give at least one folder to index (e.g. batuta index ./docs)');
    if (values.name !== undefined && positionals.length > 1) {
      throw new InvalidInputError('--name names one collection: give one DIR with it, or drop --name');
    }
    const folders = positionals.map((dir) => resolve(io.cwd, dir));
    const { checkFolder, countByRule } = await import('../retrieval/index.js');
    for (const folder of folders) checkFolder(folder);
    const select = { include: values.include ?? [], exclude: values.exclude ?? [] };
    const location = resolveDbLocation({ db: values.db }, io.env, io.cwd);
    if (values['dry-run']) {
      const { dryRun } = await import('./index-dry-run.js');
      // A dry run reads the embedded index's names only: it opens no connection to a server.
      const existing = async () => (location.kind === 'sqlite' ? embeddedCollections(location.path) : []);
      const names = await collectionNames(folders, values.name, existing);
      const { storedJudgement } = await import('../retrieval/index.js');
      const previous = (root: string, name: string) =>
        location.kind === 'sqlite' ? storedJudgement(location.path, name, root) : undefined;
      return dryRun(folders, names, select, values.json === true, io, previous);
    }
    const summaries = await indexAll(folders, { ...values, select }, location, io);
    if (values.json) printJson(io, { db: describeLocation(location), collections: summaries });
    else for (const summary of summaries) io.stdout(describeSummary(summary, countByRule(summary.excluded)));
    return EXIT.ok;
  } catch (error) {
    return reportError(io, 'index', error, NAMING_USAGE);
  }
}

/** `--check`: reports what a run would repair or add; exit 1 when something is damaged. */
async function check(
  positionals: readonly string[],
  values: { db?: string | undefined; json?: boolean | undefined },
  io: CliIo,
): Promise<number> {
  if (positionals.length > 0) throw new InvalidInputError('--check takes no folder (drop the DIR arguments)');
  const { checkIndex } = await import('../retrieval/index.js');
  const report = checkIndex(sqlitePathOf(resolveDbLocation({ db: values.db }, io.env, io.cwd), '--check'));
  if (values.json) printJson(io, report);
  else {
    const database = report.database;
    io.stdout(`${report.db}: ${database.ok ? 'database ok' : `${database.problem}`}\n`);
    for (const c of report.collections) {
      const problems = [c.vectors, c.model].flatMap((part) => (part.ok ? [] : [part.problem]));
      const n = c.withoutVectors;
      const missing = n === 0 ? '' : `${n} chunk${n === 1 ? '' : 's'} without vectors`;
      const fix = problems.length > 0 ? `run "${c.repair}"` : `run "${c.repair}" to add them`;
      const said = [...problems, ...(missing === '' ? [] : [missing])];
      io.stdout(`${c.name}: ${said.length === 0 ? 'ok' : `${said.join('; ')} (${fix})`}\n`);
    }
  }
  return report.ok ? EXIT.ok : EXIT.none;
}

/**
 * The collection each folder goes to: `--name`, else the collection of the index already holding the
 * folder (so a re-run refreshes it), else the folder's default name.
 */
async function collectionNames(
  folders: readonly string[],
  name: string | undefined,
  existing: () => Promise<HeldFolder[]>,
): Promise<string[]> {
  if (name !== undefined) return folders.map(() => name);
  const { collectionNameFor } = await import('../retrieval/index.js');
  const held = await existing();
  return folders.map((folder) => collectionNameFor(folder, held));
}

/**
 * The collections of the embedded index at `path`; none when the file is damaged (the run moves it aside
 * and rebuilds it from the folders, so its names cannot be read and need not be).
 */
async function embeddedCollections(path: string): Promise<HeldFolder[]> {
  const { listDatabaseCollections } = await import('../retrieval/index.js');
  try {
    return listDatabaseCollections(path);
  } catch (error) {
    if (error instanceof BatutaError && error.details['damaged'] === true) return [];
    throw error;
  }
}

async function indexAll(
  folders: readonly string[],
  values: {
    name?: string | undefined;
    'no-dense'?: boolean | undefined;
    select: SelectOptions;
  },
  location: DbLocation,
  io: CliIo,
): Promise<IndexSummary[]> {
  const target = await openTarget(location, io);
  const summaries: IndexSummary[] = [];
  try {
    const names = await collectionNames(folders, values.name, () => target.existing());
    const { models, note } = values['no-dense'] ? { models: null, note: NO_DENSE_NOTE } : await loadModels();
    if (models === null) io.stderr(`batuta index: ${bm25OnlyNote(note)}\n`);
    for (const [index, root] of folders.entries()) {
      const name = names[index]!;
      const summary = await target.index({
        root,
        name,
        models,
        select: values.select,
        onProgress: throttledProgress(io, name),
      });
      report(summary, models !== null, io);
      summaries.push(models === null ? { ...summary, notes: [bm25OnlyNote(note)] } : summary);
    }
  } finally {
    await target.close();
  }
  return summaries;
}

/** Why a `--no-dense` run has no vectors, and how to add them later (the vectors are the only thing missing). */
const NO_DENSE_NOTE =
  'dense leg skipped (--no-dense; to add vectors later, run the same command again without --no-dense)';

/** The one note of a run without models: why, and that its collections are searched with BM25 only. */
function bm25OnlyNote(why: string): string {
  return `${why}; indexing for BM25 search only`;
}

type IndexOne = (options: Omit<IndexFolderOptions, 'dbPath'>) => Promise<IndexSummary>;

/** Where the folders go: the embedded index file, or one PostgreSQL connection for the whole run. */
async function openTarget(
  location: DbLocation,
  io: CliIo,
): Promise<{ index: IndexOne; existing(): Promise<HeldFolder[]>; close(): Promise<void> }> {
  const retrieval = await import('../retrieval/index.js');
  if (location.kind === 'sqlite') {
    return {
      index: (options) => retrieval.indexFolder({ ...options, dbPath: location.path }),
      existing: () => embeddedCollections(location.path),
      close: async () => {},
    };
  }
  const indexer = await retrieval.openPgIndexer(location.url);
  return {
    existing: () => indexer.folders(),
    index: (options) =>
      indexer.index({
        ...options,
        onWait: (holder) =>
          io.stderr(`batuta index: ${options.name}: waiting for ${holder}, which is indexing it\n`),
      }),
    close: () => indexer.close(),
  };
}

function report(summary: IndexSummary, withModels: boolean, io: CliIo): void {
  const name = summary.collection;
  warnUnmatched(summary.root, summary.unmatchedInclude, io);
  for (const skip of summary.skipped)
    io.stderr(`batuta index: skipped ${name}/${skip.source}: ${skip.reason}\n`);
  if (withModels) for (const line of summary.notes) io.stderr(`batuta index: ${line}\n`);
}

function throttledProgress(io: CliIo, name: string): (progress: IndexProgress) => void {
  let last = Date.now();
  return (progress) => {
    const now = Date.now();
    if (now - last < 1000 && progress.done !== progress.total) return;
    if (now - last < 1000 && progress.phase === 'read') return;
    last = now;
    const unit = {
      read: 'files',
      adapt: '%',
      embed: 'chunks',
      vectors: 'vectors',
      calibrate: 'questions',
    }[progress.phase];
    io.stderr(`batuta index: ${name}: ${progress.phase} ${progress.done}/${progress.total} ${unit}\n`);
  };
}

function fusionOf(summary: IndexSummary): string {
  if (summary.fusion === null) return '';
  return `; fusion ${summary.fusion.chosen} (${summary.fusion.fresh ? 'chosen now' : 'kept'})`;
}

/** The summary line of one collection; `byRule` counts the files each rule left out. */
function describeSummary(summary: IndexSummary, byRule: Record<string, number>): string {
  const rules = Object.entries(byRule).map(([rule, count]) => `${rule} ${count}`);
  const ruled =
    summary.excluded.length > 0 ? `, ${summary.excluded.length} left out by rule (${rules.join(', ')})` : '';
  const skipped = (summary.skipped.length > 0 ? `, ${summary.skipped.length} skipped` : '') + ruled;
  const dense =
    summary.embedder === null ? 'BM25 only' : `vectors from ${summary.embedder} (${summary.embedded} new)`;
  return (
    `${summary.collection}: ${summary.files} files from ${summary.root} — ${summary.added} added, ` +
    `${summary.updated} updated, ${summary.removed} removed, ${summary.unchanged} unchanged${skipped}; ` +
    `${summary.chunks} chunks${summary.rechunked ? ' (re-chunked)' : ''}; ${dense}${fusionOf(summary)}\n`
  );
}
