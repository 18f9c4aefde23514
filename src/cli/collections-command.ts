/**
 * `batuta collections [--json] [--db PATH]`, `batuta collections remove NAME` and
 * `batuta collections rename OLD NEW`: list and manage the collections of the index database.
 */
import { existsSync } from 'node:fs';
import { InvalidInputError, NotFoundError } from '../errors.js';
import type { CollectionListing } from '../retrieval/index.js';
import { type DbLocation, describeLocation, resolveDbLocation } from './db-location.js';
import { formatBytes } from './index-dry-run.js';
import { type CliIo, EXIT, NAMING_USAGE, parseFlags, printJson, reportError } from './io.js';

export const COLLECTIONS_USAGE = `Usage: batuta collections [--json] [--db PATH|URL]
       batuta collections remove NAME [--db PATH|URL]
       batuta collections rename OLD NEW [--db PATH|URL]

List the collections of the index database (name, folder, files, chunks, content bytes as read and
bytes on disk, embedder, last indexed, files left out), remove one, or rename one. Their vector files and adapted model move or go
with them; nothing else is touched. The shipped "specs" collection is not listed and cannot be changed.

  --db PATH|URL   index database (default $BATUTA_DB, else ~/.cache/batuta/index.db), or a
                  postgres:// URL of a PostgreSQL index
  --json          print JSON
`;

const OPTIONS = {
  db: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function run(argv: string[], io: CliIo): Promise<number> {
  try {
    const parsed = parseFlags('collections', {
      args: argv,
      options: OPTIONS,
      allowPositionals: true,
      strict: true,
    });
    const { values, positionals } = parsed;
    if (values.help) {
      io.stdout(COLLECTIONS_USAGE);
      return EXIT.ok;
    }
    const location = resolveDbLocation({ db: values.db }, io.env, io.cwd);
    const [action, ...names] = positionals;
    checkArguments(action, names);
    if (location.kind === 'postgres') return await managePg(location, action, names, values.json, io);
    const dbPath = location.path;
    if (!existsSync(dbPath)) {
      if (action === undefined) return listNothing(dbPath, values.json === true, io);
      throw new NotFoundError(
        `collections: no index at "${dbPath}" (run "batuta index DIR --db ${dbPath}" first)`,
      );
    }
    const manage = await import('../retrieval/index.js');
    if (action === 'remove') {
      manage.removeCollection(dbPath, names[0]!);
      io.stdout(`removed collection "${names[0]}" from ${dbPath}\n`);
    } else if (action === 'rename') {
      manage.renameCollection(dbPath, names[0]!, names[1]!);
      io.stdout(`renamed collection "${names[0]}" to "${names[1]}" in ${dbPath}\n`);
    } else {
      const collections = manage.listDatabaseCollections(dbPath);
      if (values.json) printJson(io, { db: dbPath, collections });
      else io.stdout(describeListing(dbPath, collections));
    }
    return EXIT.ok;
  } catch (error) {
    return reportError(io, 'collections', error, NAMING_USAGE);
  }
}

/** The same actions on a PostgreSQL index; messages name the server, never the user or password. */
async function managePg(
  location: DbLocation & { kind: 'postgres' },
  action: string | undefined,
  names: readonly string[],
  json: boolean | undefined,
  io: CliIo,
): Promise<number> {
  const manage = await import('../retrieval/index.js');
  const where = describeLocation(location);
  if (action === 'remove') {
    await manage.removePgCollection(location, names[0]!);
    io.stdout(`removed collection "${names[0]}" from ${where}\n`);
  } else if (action === 'rename') {
    await manage.renamePgCollection(location, names[0]!, names[1]!);
    io.stdout(`renamed collection "${names[0]}" to "${names[1]}" in ${where}\n`);
  } else {
    const collections = await manage.listPgCollections(location);
    if (json) printJson(io, { db: where, collections });
    else io.stdout(describeListing(where, collections));
  }
  return EXIT.ok;
}

function checkArguments(action: string | undefined, names: readonly string[]): void {
  const wanted = { remove: 1, rename: 2 } as Record<string, number>;
  if (action === undefined) return;
  if (!(action in wanted)) {
    throw new InvalidInputError(
      `collections: unknown action "${action}" (use "batuta collections", "collections remove NAME" or "collections rename OLD NEW")`,
    );
  }
  if (names.length !== wanted[action]) {
    const usage = action === 'remove' ? 'remove NAME' : 'rename OLD NEW';
    throw new InvalidInputError(`collections ${action}: give ${usage} (e.g. batuta collections ${usage})`);
  }
  if (names.includes('specs')) {
    throw new InvalidInputError('collections: "specs" is the shipped collection and cannot be changed');
  }
  if (action === 'rename' && names[0] === names[1]) {
    throw new InvalidInputError(
      `collections rename: OLD and NEW are the same name "${names[0]}" (give a different NEW name)`,
    );
  }
}

function listNothing(dbPath: string, json: boolean, io: CliIo): number {
  if (json) printJson(io, { db: dbPath, collections: [] });
  else
    io.stdout(
      `no index at ${dbPath} yet: only "specs" is searchable (add a folder with "batuta index DIR")\n`,
    );
  return EXIT.ok;
}

function describeListing(dbPath: string, collections: readonly CollectionListing[]): string {
  if (collections.length === 0) return `${dbPath}: no collections (add one with "batuta index DIR")\n`;
  const rows = collections.map((c) => [
    c.name,
    String(c.files),
    String(c.chunks),
    formatBytes(c.contentBytes),
    formatBytes(c.diskBytes),
    c.embedder ?? 'BM25 only',
    c.lastIndexed.slice(0, 19).replace('T', ' '),
    String(c.skipped),
    c.folder,
  ]);
  const header = [
    'NAME',
    'FILES',
    'CHUNKS',
    'CONTENT',
    'ON DISK',
    'EMBEDDER',
    'LAST INDEXED (UTC)',
    'LEFT OUT',
    'FOLDER',
  ];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  );
  const line = (cells: readonly string[]) =>
    `${cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  ')}\n`;
  const fusion = collections.map((c) => `fusion of ${c.name}: ${describeFusion(c.fusion)}\n`);
  return `${dbPath}\n${line(header)}${rows.map(line).join('')}${fusion.join('')}`;
}

/** The collection's fusion choice in one phrase. */
function describeFusion(record: CollectionListing['fusion']): string {
  if (record === null) return 'plain RRF k60 (the default; "batuta index" on its folder chooses its own)';
  const { chosen, questions } = record.explain;
  return `${chosen} (chosen from ${questions} of its own headings and questions)`;
}
