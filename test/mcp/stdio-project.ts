/**
 * The built `batuta mcp` over stdio for end-to-end tests, run in a project folder with its own HOME and
 * index database, so a test sees nothing of the machine's cache.
 */
import { join, resolve } from 'node:path';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';

/** The built CLI the end-to-end tests start. */
export const BIN = resolve(import.meta.dirname, '../../dist/src/cli/main.js');

/**
 * A transport that starts `batuta mcp` (of `cli`, default this checkout's build) in `project`, with
 * `project/index.db` as its index and `env` added to its environment.
 */
export function projectServer(
  project: string,
  env: Record<string, string> = {},
  cli = BIN,
): StdioClientTransport {
  return new StdioClientTransport({
    command: process.execPath,
    args: [cli, 'mcp'],
    cwd: project,
    env: { PATH: process.env['PATH'] ?? '', HOME: project, BATUTA_DB: join(project, 'index.db'), ...env },
    stderr: 'pipe',
  });
}
