/**
 * Streamable HTTP transport entry: `batuta mcp --http`. One MCP session per client (the SDK transport
 * keeps its state), every request screened by http-guard first, `/health` for probes. Sessions live in a
 * map owned by the running server; the least recently used one is closed when the cap is reached and idle
 * ones are swept, so a client that never says goodbye cannot grow memory without bound.
 */
import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import {
  allowedAddresses,
  checkRequest,
  type GuardOptions,
  type Refusal,
  readJsonBody,
} from './http-guard.js';
import type { Logger } from './tool-result.js';

export interface HttpOptions {
  readonly host: string;
  /** 0 picks a free port (tests); the chosen one is in the result. */
  readonly port: number;
  readonly token: string | null;
  /** Largest accepted request body in bytes. */
  readonly maxBodyBytes: number;
  readonly maxSessions: number;
  /** A session unused this long is closed. */
  readonly sessionIdleMs: number;
  /** Builds the MCP server of one session; heavy dependencies are shared by the caller. */
  readonly createServer: () => McpServer;
  readonly log: Logger;
}

/** Defaults of the HTTP entry, overridable per option. */
export const HTTP_DEFAULTS = {
  host: '127.0.0.1',
  port: 8808,
  maxBodyBytes: 1_048_576,
  maxSessions: 256,
  sessionIdleMs: 30 * 60_000,
} as const;

export interface RunningHttpServer {
  /** The MCP endpoint, e.g. http://127.0.0.1:8808/mcp. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

interface Session {
  readonly transport: StreamableHTTPServerTransport;
  readonly server: McpServer;
  lastUsed: number;
}

/** Starts listening and resolves once the port is bound. */
export async function serveHttp(options: HttpOptions): Promise<RunningHttpServer> {
  const sessions = new Map<string, Session>();
  let guard: GuardOptions = { allowedHosts: [], allowedOrigins: [], token: options.token };
  const http = createHttpServer((req, res) => {
    handle(req, res, guard, sessions, options).catch((error: unknown) => {
      options.log(`http: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (!res.headersSent) refuse(res, { status: 500, message: 'internal error (see the server log)' });
      else res.end();
    });
  });
  await new Promise<void>((done, fail) => {
    http.once('error', fail);
    http.listen(options.port, options.host, () => done());
  });
  const port = (http.address() as AddressInfo).port;
  guard = { ...allowedAddresses(options.host, port), token: options.token };
  const sweep = setInterval(() => closeIdle(sessions, options.sessionIdleMs), options.sessionIdleMs / 2);
  sweep.unref();
  const shown = guard.allowedHosts[0]!;
  return {
    url: `http://${shown}/mcp`,
    port,
    close: async () => {
      clearInterval(sweep);
      await Promise.all([...sessions.values()].map((session) => closeSession(session)));
      sessions.clear();
      http.closeAllConnections();
      await new Promise<void>((done) => http.close(() => done()));
    },
  };
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  guard: GuardOptions,
  sessions: Map<string, Session>,
  options: HttpOptions,
): Promise<void> {
  const refusal = checkRequest(req, guard);
  if (refusal !== null) return refuse(res, refusal);
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (path === '/health') return sendJson(res, 200, { status: 'ok', sessions: sessions.size });
  if (path !== '/mcp') return refuse(res, { status: 404, message: `no endpoint at ${path} (use /mcp)` });
  const sessionId = req.headers['mcp-session-id'];
  const session = typeof sessionId === 'string' ? sessions.get(sessionId) : undefined;
  if (req.method === 'POST') {
    const read = await readJsonBody(req, options.maxBodyBytes);
    if (!read.ok) return refuse(res, read.refusal);
    if (session !== undefined) {
      session.lastUsed = Date.now();
      return session.transport.handleRequest(req, res, read.body);
    }
    if (sessionId === undefined && isInitializeRequest(read.body)) {
      const created = await openSession(sessions, options);
      return created.transport.handleRequest(req, res, read.body);
    }
  } else if (req.method === 'GET' || req.method === 'DELETE') {
    if (session !== undefined) {
      session.lastUsed = Date.now();
      return session.transport.handleRequest(req, res);
    }
  } else {
    return refuse(res, { status: 405, message: `${req.method} is not supported (use POST, GET or DELETE)` });
  }
  if (sessionId !== undefined) {
    return refuse(res, { status: 404, message: 'session not found (send a new initialize request)' });
  }
  refuse(res, {
    status: 400,
    message: 'no session (start with an initialize request, then send its mcp-session-id)',
  });
}

async function openSession(sessions: Map<string, Session>, options: HttpOptions): Promise<Session> {
  if (sessions.size >= options.maxSessions) {
    const oldest = [...sessions.entries()].sort((a, b) => a[1].lastUsed - b[1].lastUsed)[0];
    if (oldest !== undefined) {
      sessions.delete(oldest[0]);
      await closeSession(oldest[1]);
    }
  }
  const server = options.createServer();
  const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
    sessionIdGenerator: () => randomUUID(),
    onsessioninitialized: (id) => {
      sessions.set(id, session);
    },
  });
  const session: Session = { transport, server, lastUsed: Date.now() };
  transport.onclose = () => {
    if (transport.sessionId !== undefined) sessions.delete(transport.sessionId);
  };
  await server.connect(transport);
  return session;
}

function closeIdle(sessions: Map<string, Session>, idleMs: number): void {
  const cutoff = Date.now() - idleMs;
  for (const [id, session] of sessions) {
    if (session.lastUsed >= cutoff) continue;
    sessions.delete(id);
    closeSession(session).catch(() => {});
  }
}

async function closeSession(session: Session): Promise<void> {
  await session.server.close();
}

function refuse(res: ServerResponse, refusal: Refusal): void {
  const body = { jsonrpc: '2.0', error: { code: -32000, message: refusal.message }, id: null };
  sendJson(res, refusal.status, body, refusal.headers);
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
