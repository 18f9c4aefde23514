/**
 * The sessions of 2025-era HTTP clients (revisions 2025-06-18 and 2025-11-25 open with `initialize` and
 * then send `Mcp-Session-Id`): one SDK transport and server per session, in a map owned by the running
 * HTTP server. A full map refuses new sessions (503) instead of closing a session someone is using; idle
 * sessions are swept, so a client that never says goodbye cannot hold a place for ever. Each session keeps
 * a bounded log of what it sent (event-store.ts), so a dropped stream can be resumed.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { NodeStreamableHTTPServerTransport } from '@modelcontextprotocol/node';
import { isInitializeRequest, type McpServer } from '@modelcontextprotocol/server';
import { createEventStore } from './event-store.js';
import type { Refusal } from './http-guard.js';

export interface SessionOptions {
  readonly maxSessions: number;
  /** A session unused this long is closed. */
  readonly sessionIdleMs: number;
  readonly createServer: () => McpServer;
}

/** How long a client whose stream closed waits before it reconnects (the SSE `retry` field). */
const RETRY_MS = 2_000;

interface Session {
  readonly transport: NodeStreamableHTTPServerTransport;
  readonly server: McpServer;
  lastUsed: number;
  /** Requests of this session being served now (an open stream counts); a busy session is never idle. */
  inFlight: number;
}

/** The 2025-era leg of the endpoint: routes a request to its session or opens one. */
export interface LegacySessions {
  readonly size: number;
  /** Whether `id` names a live session. */
  has(id: string): boolean;
  /** Serves one request; returns a refusal when no session can serve it. */
  handle(req: IncomingMessage, res: ServerResponse, body?: unknown): Promise<Refusal | null>;
  closeAll(): Promise<void>;
}

/** Creates the session map and its idle sweep. */
export function createLegacySessions(options: SessionOptions): LegacySessions {
  const sessions = new Map<string, Session>();
  const sweep = setInterval(() => closeIdle(sessions, options.sessionIdleMs), options.sessionIdleMs / 2);
  sweep.unref();
  return {
    get size() {
      return sessions.size;
    },
    has: (id) => sessions.has(id),
    async handle(req, res, body) {
      const header = req.headers['mcp-session-id'];
      const id = typeof header === 'string' ? header : undefined;
      const session = id === undefined ? undefined : sessions.get(id);
      if (session !== undefined) {
        await serveInSession(session, req, res, body);
        return null;
      }
      if (id !== undefined) {
        return { status: 404, message: 'session not found (send a new initialize request)' };
      }
      if (req.method !== 'POST' || !isInitializeRequest(body)) {
        return {
          status: 400,
          message: 'no session (start with an initialize request, then send its mcp-session-id)',
        };
      }
      closeIdle(sessions, options.sessionIdleMs);
      if (sessions.size >= options.maxSessions) {
        return {
          status: 503,
          message: `all ${options.maxSessions} sessions are in use (retry later, or close an unused client)`,
          headers: { 'Retry-After': '30' },
        };
      }
      const opened = await openSession(sessions, options.createServer);
      await serveInSession(opened, req, res, body);
      return null;
    },
    async closeAll() {
      clearInterval(sweep);
      const open = [...sessions.values()];
      sessions.clear();
      await Promise.all(open.map((session) => session.server.close()));
    },
  };
}

async function openSession(sessions: Map<string, Session>, createServer: () => McpServer): Promise<Session> {
  const server = createServer();
  const transport: NodeStreamableHTTPServerTransport = new NodeStreamableHTTPServerTransport({
    sessionIdGenerator: () => randomUUID(),
    eventStore: createEventStore(),
    retryInterval: RETRY_MS,
    onsessioninitialized: (id) => {
      sessions.set(id, session);
    },
  });
  const session: Session = { transport, server, lastUsed: Date.now(), inFlight: 0 };
  transport.onclose = () => {
    if (transport.sessionId !== undefined) sessions.delete(transport.sessionId);
  };
  await server.connect(transport);
  return session;
}

async function serveInSession(
  session: Session,
  req: IncomingMessage,
  res: ServerResponse,
  body: unknown,
): Promise<void> {
  session.inFlight += 1;
  session.lastUsed = Date.now();
  res.once('close', () => {
    session.inFlight -= 1;
    session.lastUsed = Date.now();
  });
  await session.transport.handleRequest(req, res, body);
}

function closeIdle(sessions: Map<string, Session>, idleMs: number): void {
  const cutoff = Date.now() - idleMs;
  for (const [id, session] of sessions) {
    if (session.inFlight > 0 || session.lastUsed >= cutoff) continue;
    sessions.delete(id);
    session.server.close().catch(() => {});
  }
}
