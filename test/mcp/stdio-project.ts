/**
 * The built `batuta mcp` over stdio for end-to-end tests, run in a project folder with its own HOME and
 * index database, so a test sees nothing of the machine's cache.
 */
import { join, resolve } from 'node:path';
import type { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { expect } from 'vitest';
import { clientFor, type Revision, tempDir } from './harness.js';

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

/** A temporary project folder with a client of the built `batuta mcp` running in it. */
export interface StdioProject {
  readonly path: string;
  readonly client: Client;
  /** Stops the server and removes the folder. */
  close(): Promise<void>;
}

/**
 * Makes a temporary project folder, lets `fill` put the test's files in it, and connects a client
 * (speaking `revision`) to `batuta mcp` started there. The folder is removed if the server fails to start.
 */
export async function openStdioProject(
  name: string,
  fill: (path: string) => void,
  revision: Revision = '2026-07-28',
): Promise<StdioProject> {
  const project = tempDir(`batuta-e2e-${name}-`);
  try {
    fill(project.path);
    const client = clientFor(revision, `e2e-${name}`);
    await client.connect(projectServer(project.path));
    return {
      path: project.path,
      client,
      close: async () => {
        await client.close();
        project.remove();
      },
    };
  } catch (error) {
    project.remove();
    throw error;
  }
}

/** A tool call of an end-to-end test: the tool's name and its arguments. */
export type ToolCall = (name: string, args?: Record<string, unknown>) => Promise<{ isError?: unknown }>;

/** Starts a migration for an agent over `call`: analysis, the plan, then transpilation by the agent, each passing. */
export async function startAgentMigration(call: ToolCall): Promise<void> {
  for (const [tool, args] of [
    ['migration_analyze', {}],
    ['migration_plan', {}],
    ['migration_transpile', { by: 'agent' }],
  ] as const) {
    expect((await call(tool, args)).isError, tool).toBeFalsy();
  }
}
