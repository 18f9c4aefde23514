/**
 * `batuta mcp`: parses the flags and environment of the MCP entry, then hands off to mcp/start.ts,
 * loaded only here so no other command pays for the MCP SDK. stdout is the protocol channel in stdio
 * mode, so every note this command writes goes to stderr.
 */

import type { StartOptions } from '../../mcp/start.js';
import { InvalidInputError } from '../errors.js';
import { resolveDbLocation } from './db-location.js';
import { type CliIo, EXIT, parseFlags, reportError } from './io.js';
import { loadModels } from './load-models.js';

export const MCP_USAGE = `Usage: batuta mcp [--http [--port 8808] [--host 127.0.0.1] [--token TOKEN]] [--root DIR]...

Serve the Batuta Oracle tools over the Model Context Protocol: stdio by default (for Claude Desktop,
Claude Code and other clients that start the server), or Streamable HTTP at http://HOST:PORT/mcp.

  --http                 serve Streamable HTTP instead of stdio
  --port N               HTTP port (default 8808; 0 picks a free one)
  --host ADDRESS         HTTP address to bind (default 127.0.0.1, loopback only)
  --token TOKEN          require "Authorization: Bearer TOKEN" on every HTTP request
                         (default $BATUTA_MCP_TOKEN; none when unset; required with a --host
                         other than loopback)
  --allow-unauthenticated  serve a non-loopback --host without a token (anyone who can reach it
                         may run the tools)
  --allow-host NAME[:PORT] accept this Host header too (repeatable): the name clients or a load
                         balancer use, e.g. batuta.example.com; loopback, the bound address and, with
                         --host 0.0.0.0 or ::, this machine's own addresses are always accepted
  --max-body BYTES       largest HTTP request body accepted (default 1048576)
  --root DIR             a folder file-system tools may use (repeatable; replaces the default, the
                         current folder; relative tool paths start at the first one)
  --db PATH|URL          index database for document search (default $BATUTA_DB or the user cache dir);
                         a postgres:// URL serves a PostgreSQL index, which any number of servers can share
  --db-read URL          PostgreSQL replica for searches (default $BATUTA_DB_READ)
`;

/** The checked flags of one `batuta mcp` call: the server's start options that come from the command line. */
export type McpFlags = Pick<
  StartOptions,
  'http' | 'host' | 'port' | 'token' | 'allowUnauthenticated' | 'allowHosts' | 'maxBodyBytes' | 'roots' | 'db'
>;

const OPTIONS = {
  http: { type: 'boolean' },
  port: { type: 'string' },
  host: { type: 'string' },
  token: { type: 'string' },
  'allow-unauthenticated': { type: 'boolean' },
  'allow-host': { type: 'string', multiple: true },
  'max-body': { type: 'string' },
  root: { type: 'string', multiple: true },
  db: { type: 'string' },
  'db-read': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Parses `batuta mcp` arguments; throws InvalidInputError with a one-line fix on bad usage. */
export function parseMcpFlags(argv: string[], io: Pick<CliIo, 'env' | 'cwd'>): McpFlags | 'help' {
  const args = joinNegativeNumbers(argv);
  const parsed = parseFlags('mcp', { args, options: OPTIONS, allowPositionals: false, strict: true });
  const v = parsed.values;
  if (v.help) return 'help';
  const http = v.http ?? false;
  const httpOnly = [v.port, v.host, v.token, v['allow-unauthenticated'], v['allow-host']];
  if (!http && httpOnly.some((value) => value !== undefined)) {
    throw new InvalidInputError(
      '--port, --host, --token, --allow-unauthenticated and --allow-host apply to HTTP only (add --http)',
    );
  }
  const token = v.token ?? io.env['BATUTA_MCP_TOKEN'] ?? null;
  if (token !== null && !/^[\x21-\x7e]{8,}$/.test(token)) {
    throw new InvalidInputError(
      'the token must be at least 8 printable characters without spaces (choose a longer one)',
    );
  }
  return {
    http,
    host: v.host ?? '127.0.0.1',
    port: wholeNumber('--port', v.port, 8808, 0, 65_535),
    token,
    allowUnauthenticated: v['allow-unauthenticated'] ?? false,
    allowHosts: (v['allow-host'] ?? []).map(hostName),
    maxBodyBytes: wholeNumber('--max-body', v['max-body'], 1_048_576, 1_024, 104_857_600),
    roots: v.root ?? [io.cwd],
    db: indexLocation(v.db, v['db-read'], io),
  };
}

/** A name or address as clients send it in Host, with an optional port; IPv6 in brackets. */
const HOST_HEADER = /^(?:[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?|\[[0-9a-f:.]+\])(?::(\d{1,5}))?$/;

/** Checks one `--allow-host` value and lowercases it, as the guard compares Host headers. */
function hostName(value: string): string {
  const name = value.toLowerCase();
  const match = HOST_HEADER.exec(name);
  if (match === null || Number(match[1] ?? 0) > 65_535) {
    throw new InvalidInputError(
      `--allow-host "${value}" is not a host name (give the name or address clients send as Host, ` +
        'e.g. batuta.example.com or 10.0.0.5:8808, without a scheme or path)',
    );
  }
  return name;
}

/** The index the server searches: an embedded index file, or a PostgreSQL index (and its replica). */
function indexLocation(
  db: string | undefined,
  dbRead: string | undefined,
  io: Pick<CliIo, 'env' | 'cwd'>,
): McpFlags['db'] {
  const location = resolveDbLocation({ db, dbRead: dbRead ?? io.env['BATUTA_DB_READ'] }, io.env, io.cwd);
  return location.kind === 'sqlite' ? location.path : { url: location.url, readUrl: location.readUrl };
}

/** Flags whose value is a number. */
const NUMBER_FLAGS = new Set(['--port', '--max-body']);

/**
 * parseArgs takes "--port -1" for a flag without its value ("ambiguous"); joined as "--port=-1" the value
 * reaches the range check, which names the flag and the range.
 */
function joinNegativeNumbers(argv: readonly string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    const next = argv[i + 1];
    if (NUMBER_FLAGS.has(arg) && next !== undefined && /^-\d/.test(next)) {
      joined.push(`${arg}=${next}`);
      i += 1;
    } else {
      joined.push(arg);
    }
  }
  return joined;
}

function wholeNumber(
  flag: string,
  value: string | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) {
    throw new InvalidInputError(
      `${flag} "${value}" is out of range (give a whole number from ${min} to ${max})`,
    );
  }
  return n;
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  try {
    const flags = parseMcpFlags(argv, io);
    if (flags === 'help') {
      io.stdout(MCP_USAGE);
      return EXIT.ok;
    }
    const { startMcp } = await import('../../mcp/start.js');
    const searchPath = io.env['PATH'];
    const knowledgeDir = io.env['BATUTA_KNOWLEDGE_DIR'] || undefined;
    await startMcp({
      ...flags,
      cwd: io.cwd,
      loadModels: () => loadModels({ serving: true }),
      log: (line) => io.stderr(`batuta mcp: ${line}\n`),
      ...(searchPath === undefined ? {} : { searchPath }),
      ...(knowledgeDir === undefined ? {} : { knowledgeDir }),
    });
    return EXIT.ok;
  } catch (error) {
    return reportError(io, 'mcp', error);
  }
}
