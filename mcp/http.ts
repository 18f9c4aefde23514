/**
 * Streamable HTTP transport entry: `batuta mcp --http`. One endpoint, /mcp, serves both protocol eras,
 * decided per request by the SDK's own classifier: a request carrying the 2026-07-28 `_meta` envelope goes
 * to the SDK's stateless handler (a fresh server per request, no session), anything else to the 2025-era
 * sessions (http-sessions.ts). Every request is screened by http-guard first, except `GET /health`, the
 * open liveness probe; `GET /ready` reports what loaded, behind the token.
 */
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { toNodeHandler } from '@modelcontextprotocol/node';
import { createMcpHandler, isLegacyRequest, type McpServer } from '@modelcontextprotocol/server';
import {
  allowedAddresses,
  checkRequest,
  type GuardOptions,
  type Refusal,
  readJsonBody,
} from './http-guard.js';
import { createLegacySessions, type LegacySessions } from './http-sessions.js';
import type { Readiness } from './readiness.js';
import type { Logger } from './tool-result.js';

export interface HttpOptions {
  readonly host: string;
  /** 0 picks a free port (tests); the chosen one is in the result. */
  readonly port: number;
  readonly token: string | null;
  /** Host values to accept besides the bound address and loopback (`--allow-host`): a proxy's or a DNS name. */
  readonly allowHosts: readonly string[];
  /** Largest accepted request body in bytes. */
  readonly maxBodyBytes: number;
  /** Most 2025-era sessions open at once; more are refused with 503. */
  readonly maxSessions: number;
  /** A session unused this long is closed. */
  readonly sessionIdleMs: number;
  /** Builds the MCP server of one session or one stateless request; heavy dependencies are shared. */
  readonly createServer: () => McpServer;
  /** What `/ready` reports; absent, `/ready` says only that the server is up. */
  readonly readiness?: () => Promise<Readiness>;
  readonly log: Logger;
}

/** Defaults of the HTTP entry, overridable per option. */
export const HTTP_DEFAULTS = {
  host: '127.0.0.1',
  port: 8808,
  allowHosts: [],
  maxBodyBytes: 1_048_576,
  maxSessions: 256,
  sessionIdleMs: 30 * 60_000,
} as const;

export interface RunningHttpServer {
  /** The MCP endpoint to connect to, e.g. http://127.0.0.1:8808/mcp. */
  readonly url: string;
  /** The address and port actually bound, e.g. "0.0.0.0:8808" or "[::1]:8808". */
  readonly bound: string;
  readonly port: number;
  close(): Promise<void>;
}

interface Endpoint {
  guard: GuardOptions;
  readonly sessions: LegacySessions;
  readonly modern: ReturnType<typeof toNodeHandler>;
  readonly options: HttpOptions;
}

/** Starts listening and resolves once the port is bound. */
export async function serveHttp(options: HttpOptions): Promise<RunningHttpServer> {
  const onerror = (error: Error) => options.log(`http: ${error.message}`);
  const modernHandler = createMcpHandler(() => options.createServer(), {
    legacy: 'reject',
    onerror,
    maxRequestBodySize: options.maxBodyBytes,
  });
  const endpoint: Endpoint = {
    guard: { allowedHosts: [], allowedOrigins: [], token: options.token },
    sessions: createLegacySessions(options),
    modern: toNodeHandler(modernHandler, { onerror, maxRequestBodySize: options.maxBodyBytes }),
    options,
  };
  const http = createHttpServer((req, res) => {
    handle(req, res, endpoint).catch((error: unknown) => reportFailure(req, res, error, options.log));
  });
  await new Promise<void>((done, fail) => {
    http.once('error', fail);
    http.listen(options.port, options.host, () => done());
  });
  const address = http.address() as AddressInfo;
  const extra = { names: options.allowHosts, localAddresses: interfaceAddresses() };
  endpoint.guard = { ...allowedAddresses(options.host, address.port, extra), token: options.token };
  return {
    url: `http://${endpoint.guard.allowedHosts[0]!}/mcp`,
    bound: `${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`,
    port: address.port,
    close: async () => {
      await endpoint.sessions.closeAll();
      await modernHandler.close();
      http.closeAllConnections();
      await new Promise<void>((done) => http.close(() => done()));
    },
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, endpoint: Endpoint): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (path === '/health' && (req.method === 'GET' || req.method === 'HEAD')) {
    return sendJson(res, 200, { status: 'ok' });
  }
  const refusal = checkRequest(req, endpoint.guard);
  if (refusal !== null) return refuse(res, refusal);
  if (path === '/ready' && req.method === 'GET') return sendReady(res, endpoint.options);
  if (path !== '/mcp') return refuse(res, { status: 404, message: `no endpoint at ${path} (use /mcp)` });
  if (req.method === 'POST') return handlePost(req, res, endpoint);
  if (req.method !== 'GET' && req.method !== 'DELETE') {
    return refuse(res, { status: 405, message: `${req.method} is not supported (use POST, GET or DELETE)` });
  }
  if (req.headers['mcp-session-id'] === undefined) {
    return refuse(res, {
      status: 405,
      message: `${req.method} needs a session (2025 revisions: send the mcp-session-id of an initialize)`,
      headers: { Allow: 'POST' },
    });
  }
  const sessionRefusal = await endpoint.sessions.handle(req, res);
  if (sessionRefusal !== null) refuse(res, sessionRefusal);
}

async function handlePost(req: IncomingMessage, res: ServerResponse, endpoint: Endpoint): Promise<void> {
  const read = await readJsonBody(req, endpoint.options.maxBodyBytes);
  if (!read.ok) return refuse(res, read.refusal);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(name, value);
  }
  const probe = new Request('http://localhost/mcp', { method: 'POST', headers });
  if (!(await isLegacyRequest(probe, read.body, { maxRequestBodySize: endpoint.options.maxBodyBytes }))) {
    return endpoint.modern(req, res, read.body);
  }
  const refusal = await endpoint.sessions.handle(req, res, read.body);
  if (refusal !== null) refuse(res, refusal);
}

async function sendReady(res: ServerResponse, options: HttpOptions): Promise<void> {
  if (options.readiness === undefined) return sendJson(res, 200, { status: 'ready' });
  const report = await options.readiness();
  sendJson(res, report.status === 'not_ready' ? 503 : 200, report);
}

/**
 * A client that goes away mid-request is routine (a closed tab, a killed script): one line, no stack.
 * Anything else is a bug worth its stack trace.
 */
function reportFailure(req: IncomingMessage, res: ServerResponse, error: unknown, log: Logger): void {
  const aborted =
    req.destroyed ||
    res.destroyed ||
    (error instanceof Error && (error.message === 'aborted' || hasCode(error, 'ECONNRESET')));
  if (aborted) {
    log(`http: ${req.method ?? '?'} ${req.url ?? ''}: the client closed the connection before the answer`);
  } else {
    log(`http: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
  if (res.destroyed) return;
  if (!res.headersSent) refuse(res, { status: 500, message: 'internal error (see the server log)' });
  else res.end();
}

function hasCode(error: Error, code: string): boolean {
  return (error as Error & { code?: unknown }).code === code;
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

/** This machine's own addresses, which clients of a server bound to all interfaces connect to. */
function interfaceAddresses(): string[] {
  return Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((entry) => entry.address));
}
