/**
 * stdio transport entry: `batuta mcp`. stdout carries only protocol frames; everything else (logs,
 * warnings) goes to the logger, which the CLI points at stderr. Resolves when the client closes stdin.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';

/** Connects one server to this process's stdin/stdout and waits until the client goes away. */
export async function serveStdio(server: McpServer): Promise<void> {
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((done) => {
    transport.onclose = () => done();
    process.stdin.once('end', () => done());
  });
  await server.connect(transport);
  await closed;
  await server.close();
}
