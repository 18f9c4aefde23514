/**
 * A built `batuta mcp --http --port 0` started in a project folder with its own HOME and index database, for
 * end-to-end tests over Streamable HTTP; `stop` kills it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { BIN } from './stdio-project.js';

export interface HttpProject {
  /** The server's MCP endpoint, http://127.0.0.1:PORT/mcp. */
  readonly url: string;
  /** A client connected to the endpoint. */
  connect(name: string): Promise<Client>;
  stop(): void;
}

/** Starts `cli` (default the checkout's build) over HTTP in `project`; resolves once it listens. */
export async function startHttpProject(project: string, cli = BIN): Promise<HttpProject> {
  const child: ChildProcess = spawn(process.execPath, [cli, 'mcp', '--http', '--port', '0'], {
    cwd: project,
    env: { PATH: process.env['PATH'] ?? '', HOME: project, BATUTA_DB: join(project, 'index.db') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  const url = await new Promise<string>((done, fail) => {
    child.stderr?.on('data', (data: Buffer) => {
      stderr += data.toString();
      const match = /listening on (http:\/\/\S+\/mcp)/.exec(stderr);
      if (match) done(match[1]!);
    });
    child.once('exit', (code) => fail(new Error(`exited ${code}: ${stderr}`)));
  });
  return {
    url,
    async connect(name) {
      const client = new Client({ name, version: '1.0.0' });
      await client.connect(new StreamableHTTPClientTransport(new URL(url)));
      return client;
    },
    stop() {
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
