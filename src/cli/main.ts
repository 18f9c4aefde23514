#!/usr/bin/env node
/**
 * `batuta`: the composition root. Each subcommand lives in its own module, loaded only when used, so
 * `batuta --help` and graph-only questions never pay for the retrieval models or the MCP SDK.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type CliIo, createProcessIo, EXIT } from './io.js';
import { settleThreads } from './settle-threads.js';

type CommandModule = { run(argv: string[], io: CliIo): Promise<number> };

const COMMANDS: Record<string, () => Promise<CommandModule>> = {
  oracle: () => import('./oracle-command.js'),
  index: () => import('./index-command.js'),
  collections: () => import('./collections-command.js'),
  mcp: () => import('./mcp-command.js'),
  analyze: () => import('./migration-command.js'),
  plan: () => import('./migration-command.js'),
  transpile: () => import('./migration-command.js'),
  optimize: () => import('./migration-command.js'),
  validate: () => import('./migration-command.js'),
  deploy: () => import('./migration-command.js'),
  status: () => import('./migration-command.js'),
  report: () => import('./migration-command.js'),
  reset: () => import('./migration-command.js'),
};

export const USAGE = `batuta: the Sovereign AI Stack oracle and migration tool

Usage:
  batuta oracle "QUESTION" [--json | --format text|json|markdown]   recommend components
  batuta oracle --list | --show NAME | --list-capabilities NAME | --capability CAP
  batuta oracle --integrations "FROM -> TO" | --replaces TOOL
  batuta oracle --rag "QUESTION" [-k N] [--collection NAME] [--mode hybrid|bm25|dense] [--no-rerank] [--explain]
  batuta index DIR... [--name NAME] [--db PATH] [--dry-run]          add or refresh a document collection
  batuta collections [remove NAME | rename OLD NEW] [--db PATH]     list or manage the collections
  batuta mcp [--http] [--port 8808] [--host 127.0.0.1]              serve the MCP tools
  batuta analyze|plan|transpile|optimize|validate|deploy|status|report|reset PATH [--json]

Run "batuta COMMAND --help" for the flags of one command.
`;

/** Runs one `batuta` invocation and returns its exit code. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.stdout(USAGE);
    return command === undefined ? EXIT.usage : EXIT.ok;
  }
  if (command === '--version' || command === '-V') {
    io.stdout('batuta 0.1.0\n');
    return EXIT.ok;
  }
  const load = COMMANDS[command];
  if (load === undefined) {
    io.stderr(`batuta: unknown command "${command}" (run "batuta --help" for the list of commands)\n`);
    return EXIT.usage;
  }
  await configureSchemas(command, rest);
  const module = await load();
  return module.run(command in MIGRATION_COMMANDS ? argv : rest, io);
}

/**
 * zod compiles a parser for each object schema on its first use, which pays off over many parses; a
 * one-shot command parses each schema a few times, so only the long-running server (`batuta mcp`) has
 * them compiled. Set before the command's modules build their schemas. A document search (`oracle --rag`)
 * reads its index with hand-written checks and never loads zod, so it skips this (loading zod would cost it
 * about 17 ms); a search of a PostgreSQL index, which does parse with zod, then compiles its few parsers.
 */
async function configureSchemas(command: string, rest: readonly string[]): Promise<void> {
  if (command === 'mcp' || (command === 'oracle' && rest.includes('--rag'))) return;
  const { z } = await import('zod');
  z.config({ jitless: true });
}

const MIGRATION_COMMANDS = {
  analyze: 1,
  plan: 1,
  transpile: 1,
  optimize: 1,
  validate: 1,
  deploy: 1,
  status: 1,
  report: 1,
  reset: 1,
};

function isEntryPoint(): boolean {
  const entry = process.argv[1];
  if (entry === undefined) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  // onnxruntime-node (the server's reranker, Hugging Face models) starts Microsoft's telemetry client, which
  // can upload usage events over HTTPS and leaves a log file per process in the temporary folder; batuta
  // opts out unless the user set the variable.
  process.env['ORT_DISABLE_TELEMETRY'] ??= '1';
  // A reader that goes away (`batuta … | head`) is not an error of ours: stop quietly, as other CLIs do.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok);
  });
  const io = createProcessIo();
  main(process.argv.slice(2), io)
    .then(
      (code) => {
        process.exitCode = code;
      },
      (error: unknown) => {
        io.stderr(`batuta: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exitCode = EXIT.none;
      },
    )
    // Node 20 can hang at exit while an optimising compilation waits for a collection (settle-threads.ts).
    .then(() => settleThreads());
}
