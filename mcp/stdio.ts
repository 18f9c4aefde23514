/**
 * stdio transport entry: `batuta mcp`. The SDK's stdio entry pins the connection to the revision of the
 * client's opening message: a 2026-07-28 client is served statelessly per request, a 2025 client through
 * the `initialize` handshake. stdout carries only protocol frames; everything else (logs, warnings) goes
 * to the logger, which the CLI points at stderr. Resolves when the client closes stdin.
 */
import type { McpServer } from '@modelcontextprotocol/server';
import { serveStdio as serveStdioEntry } from '@modelcontextprotocol/server/stdio';
import type { Logger } from './tool-result.js';

/** Serves this process's stdin/stdout with servers from `createServer` until the client goes away. */
export async function serveStdio(createServer: () => McpServer, log: Logger): Promise<void> {
  const closed = new Promise<void>((done) => {
    process.stdin.once('end', () => done());
    process.stdin.once('close', () => done());
  });
  const handle = serveStdioEntry(() => createServer(), {
    onerror: (error) => log(`stdio: ${error.message}`),
  });
  await closed;
  await handle.close();
}
