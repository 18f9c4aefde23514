/**
 * `batuta oracle --rag "QUESTION"`: hybrid search over the built-in specs or an indexed collection,
 * printed as text, markdown or the JSON of DESIGN.md §3 (plus `reranked`). Notes (a missing dense leg) go
 * to stderr; that no reranker is installed, the default, is noted only with --explain. Without --collection the
 * specs are searched, and the collections the index holds are named on stderr.
 */
import { existsSync } from 'node:fs';
import type { FusionInUse, SearchResult } from '../retrieval/index.js';
import { namedCopies } from '../retrieval/search/named-copies.js';
import { contentStems } from '../text/index.js';
import { type DbLocation, resolveDbLocation } from './db-location.js';
import { type CliIo, EXIT, printJson, reportError } from './io.js';
import { loadModels } from './load-models.js';
import type { OracleFlags } from './oracle-command.js';
import { createFileStamps } from './stamp-cache.js';

/** Runs a document search with flags already parsed by oracle-command.ts; errors become one stderr line. */
export async function runRag(flags: OracleFlags, io: CliIo): Promise<number> {
  try {
    return await search(flags, io);
  } catch (error) {
    return reportError(io, 'oracle', error);
  }
}

async function search(flags: OracleFlags, io: CliIo): Promise<number> {
  const collection = flags.collection ?? 'specs';
  const location = resolveDbLocation({ db: flags.db, dbRead: flags.dbRead }, io.env, io.cwd);
  const query = flags.question ?? '';
  if (contentStems(query).length === 0) {
    print(flags, io, { query, collection, reranked: false, results: [] });
    io.stderr(
      `batuta oracle: "${query}" has only common words, nothing to search for (name the topic, e.g. batuta oracle --rag "GPU training")\n`,
    );
    return EXIT.none;
  }
  const { createSearcher } = await import('../retrieval/searching.js');
  const stamps = createFileStamps(io.env);
  const { models, note } = flags.mode === 'bm25' ? { models: null, note: '' } : await loadModels({ stamps });
  const searcher = createSearcher({
    dbPath: collection === 'specs' || location.kind !== 'sqlite' ? null : location.path,
    postgres: location.kind === 'postgres' ? location : null,
    models,
    modelsNote: note,
    stamps,
  });
  try {
    const outcome = await searcher.search(collection, {
      question: flags.question ?? '',
      k: flags.k,
      mode: flags.mode,
      rerank: flags.rerank,
      explain: flags.explain,
    });
    for (const line of outcome.notes) io.stderr(`batuta oracle: ${line}\n`);
    await noteUnsearched(flags, io, location);
    print(flags, io, {
      query,
      collection,
      reranked: outcome.reranked,
      results: outcome.results,
      ...(outcome.fusion === undefined ? {} : { fusion: outcome.fusion }),
    });
    if (outcome.results.length === 0) {
      io.stderr(
        'batuta oracle: no document matches the question (try other words or another --collection)\n',
      );
      return EXIT.none;
    }
    return EXIT.ok;
  } finally {
    await searcher.close();
  }
}

/**
 * No --collection while the index (--db, BATUTA_DB or the default one) holds collections most likely means a
 * forgotten --collection: the shipped specs were searched, so say which collections that index holds. A missing
 * or foreign index says nothing.
 */
async function noteUnsearched(flags: OracleFlags, io: CliIo, location: DbLocation): Promise<void> {
  if (flags.collection !== null) return;
  if (location.kind === 'sqlite' && !existsSync(location.path)) return;
  const { createSearcher } = await import('../retrieval/searching.js');
  const lister = createSearcher({
    dbPath: location.kind === 'sqlite' ? location.path : null,
    postgres: location.kind === 'postgres' ? location : null,
    models: null,
  });
  try {
    const names = (await lister.collections()).map((info) => info.name).filter((name) => name !== 'specs');
    if (names.length === 0) return;
    io.stderr(
      `batuta oracle: searched the shipped specs; this index also holds ${names.join(', ')} (add --collection NAME to search one)\n`,
    );
  } catch {
    // Not an index we can read: the search itself already answered, and `batuta collections` explains why.
  } finally {
    await lister.close();
  }
}

function where(result: Pick<SearchResult, 'source' | 'lines'>): string {
  return `${result.source}:${result.lines[0]}-${result.lines[1]}`;
}

/** The files folded into a result as copies of its text (with --explain, how alike), one line. */
function copies(result: SearchResult): string {
  if (result.copies === undefined) return '';
  const places = result.copies.map(
    (copy) => `${where(copy)}${copy.resemblance === undefined ? '' : ` (resemblance ${copy.resemblance})`}`,
  );
  return `   also in: ${namedCopies(places)}\n`;
}

function ranks(result: SearchResult): string {
  if (result.explain === undefined) return '';
  const parts = Object.entries(result.explain.ranks).map(([leg, rank]) => `${leg} #${rank}`);
  const history = result.explain.history;
  return `   ranks: ${parts.join(', ')}${history === undefined ? '' : `; release history (by its ${history})`}\n`;
}

function toText(query: string, collection: string, results: readonly SearchResult[]): string {
  const lines = [
    `Search "${query}" in ${collection}: ${results.length} result${results.length === 1 ? '' : 's'}\n`,
  ];
  results.forEach((result, i) => {
    const tag = result.component === null ? '' : ` [${result.component}]`;
    lines.push(
      `${i + 1}. ${where(result)}${tag}  score ${result.score.toFixed(4)}\n` +
        (result.heading === '' ? '' : `   ${result.heading}\n`) +
        `   ${result.snippet}\n` +
        copies(result) +
        ranks(result),
    );
  });
  return lines.join('');
}

function print(
  flags: OracleFlags,
  io: CliIo,
  found: {
    query: string;
    collection: string;
    reranked: boolean;
    results: readonly SearchResult[];
    fusion?: FusionInUse;
  },
): void {
  const { query, collection, reranked, results, fusion } = found;
  if (flags.format === 'json')
    printJson(io, { query, collection, mode: flags.mode, reranked, results, ...(fusion ? { fusion } : {}) });
  else if (flags.format === 'markdown') io.stdout(toMarkdown(query, results));
  else io.stdout(toText(query, collection, results) + (fusion ? fusionLine(fusion) : ''));
}

/** How the search fused its legs, for --explain. */
function fusionLine(fusion: FusionInUse): string {
  const where = { collection: "the collection's own choice", default: 'the default', caller: 'given' }[
    fusion.source
  ];
  const rerank =
    fusion.rerankShare === null
      ? 'not reranked'
      : fusion.rerankShare === 0
        ? 'no reranking'
        : `reranker share ${fusion.rerankShare}`;
  const read = fusion.bm25Read;
  const moved =
    read === undefined || read >= 1
      ? ''
      : `, moved toward the dense leg: BM25's best hit holds ${read} of the question's weight`;
  const line = `fusion: ${fusion.firstStage}; ${rerank} (${where}${moved})\n${historyLine(fusion)}${foldedLine(fusion)}`;
  const fed = fusion.denseFeedback;
  if (fed === undefined) return line;
  return `${line}dense feedback: the question vector moved ${fed.weight} toward ${fed.from.join('; ')}\n`;
}

/** How many files were folded into results above them, for --explain. */
function foldedLine(fusion: FusionInUse): string {
  const n = fusion.folded;
  if (n === undefined) return '';
  const files = n === 1 ? '1 file' : `${n} files`;
  return `copies: ${files} folded into the results above them (the same text or a near copy; listed under "also in")\n`;
}

/** What the search did with release-history files (changelogs, release notes), for --explain. */
function historyLine(fusion: FusionInUse): string {
  const placed = fusion.releaseHistory;
  if (placed === undefined) return '';
  if (placed.changeCue !== null && placed.promoted > 0)
    return `release history: ${placed.promoted} of the version asked shown first (the question asks about a change: "${placed.changeCue}")\n`;
  if (placed.changeCue !== null)
    return `release history: left in place, the question asks about a change ("${placed.changeCue}")\n`;
  if (placed.demoted === 0) return '';
  const files = placed.demoted === 1 ? '1 file' : `${placed.demoted} files`;
  return `release history: ${files} shown after the other files (the question asks about no change)\n`;
}

function toMarkdown(query: string, results: readonly SearchResult[]): string {
  const lines = [`## Search: ${query}\n\n`];
  results.forEach((result, i) => {
    const heading = result.heading === '' ? '' : ` — ${result.heading}`;
    lines.push(
      `${i + 1}. **${where(result)}**${heading} (score ${result.score.toFixed(4)})\n   > ${result.snippet}\n${copies(result)}`,
    );
  });
  return lines.join('');
}
