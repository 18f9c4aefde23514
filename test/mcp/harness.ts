/**
 * Test harness: a server built by createServer(deps) connected to an SDK client over the in-memory
 * transport, and a temporary project folder for the allowed roots.
 */
import { rmSync } from 'node:fs';
import type { CallToolResult } from '@modelcontextprotocol/client';
import { Client } from '@modelcontextprotocol/client';
import { InMemoryTransport } from '@modelcontextprotocol/server';
import type { ServerDeps } from '../../mcp/deps.js';
import { createServer } from '../../mcp/server.js';
import { ERROR_CODE_META } from '../../mcp/tool-result.js';
import { tempDir as scratchDir } from '../temp-dirs.js';

export interface Connected {
  readonly client: Client;
  readonly logs: string[];
  close(): Promise<void>;
}

/** The protocol revisions every transport suite runs against: two with sessions, one stateless. */
export const REVISIONS = ['2025-06-18', '2025-11-25', '2026-07-28'] as const;
export type Revision = (typeof REVISIONS)[number];

/** An SDK client that speaks exactly `revision`: pinned for 2026-07-28, offering only it otherwise. */
export function clientFor(revision: Revision, name = 'test'): Client {
  const options =
    revision === '2026-07-28'
      ? { versionNegotiation: { mode: { pin: revision } } }
      : { supportedProtocolVersions: [revision] };
  return new Client({ name, version: '1.0.0' }, options);
}

/** Connects a client to a fresh server over linked in-memory transports (2025-era: the SDK has no in-memory 2026 entry). */
export async function connect(
  deps: Omit<ServerDeps, 'log'> & { log?: ServerDeps['log'] },
): Promise<Connected> {
  const logs: string[] = [];
  const server = createServer({ log: (line) => logs.push(line), ...deps });
  const client = new Client({ name: 'test', version: '1.0.0' });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
  return {
    client,
    logs,
    close: async () => {
      await client.close();
      await server.close();
    },
  };
}

/** A temporary folder removed by the returned function. */
export function tempDir(prefix = 'batuta-mcp-'): { path: string; remove(): void } {
  const path = scratchDir(prefix);
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** The text of a tool result's first content block. */
export function textOf(result: unknown): string {
  const content = (result as CallToolResult).content;
  const first = content[0];
  return first !== undefined && first.type === 'text' ? first.text : '';
}

/** The error code a failed tool result carries, or undefined on success. */
export function errorCodeOf(result: unknown): unknown {
  const r = result as CallToolResult;
  return r.isError ? r._meta?.[ERROR_CODE_META] : undefined;
}
