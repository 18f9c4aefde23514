/**
 * The checks every HTTP request passes before it reaches the MCP transport: Host and Origin against DNS
 * rebinding (a web page in the user's browser must not be able to talk to a server on loopback), the
 * bearer token when one is configured, and a cap on the request body. Each check returns the refusal to
 * send, or null when the request may go on, so the order and the responses stay in one place.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** A refusal: HTTP status, a one-line reason, and extra response headers. */
export interface Refusal {
  readonly status: number;
  readonly message: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface GuardOptions {
  /** Accepted Host header values, e.g. "127.0.0.1:8808", "localhost:8808". */
  readonly allowedHosts: readonly string[];
  /** Accepted Origin header values; requests without an Origin (non-browser clients) pass. */
  readonly allowedOrigins: readonly string[];
  /** Bearer token every request must carry, or null for none. */
  readonly token: string | null;
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];
const WILDCARDS = ['0.0.0.0', '::', '[::]'];

/** Host values accepted beyond the bound address and the loopback names. */
export interface ExtraHosts {
  /** Names or addresses given by `--allow-host` (a load balancer's or a DNS name), with or without a port. */
  readonly names: readonly string[];
  /** This machine's own interface addresses, accepted when the server is bound to all of them. */
  readonly localAddresses: readonly string[];
}

/**
 * The Host and Origin values to accept for a server bound to `host:port`. A name given without a port is
 * accepted bare (as clients send it for the scheme's default port, and as a proxy forwards it) and on the
 * bound port. An IP literal of this machine cannot be a DNS rebinding, so a wildcard bind accepts them.
 */
export function allowedAddresses(
  host: string,
  port: number,
  extra: ExtraHosts = { names: [], localAddresses: [] },
): Pick<GuardOptions, 'allowedHosts' | 'allowedOrigins'> {
  const bracketed = (name: string) => (name.includes(':') && !name.startsWith('[') ? `[${name}]` : name);
  const bound = WILDCARDS.includes(host)
    ? [...LOOPBACK_NAMES, ...extra.localAddresses.map(bracketed)]
    : [bracketed(host), ...LOOPBACK_NAMES];
  const named = extra.names.flatMap((name) => {
    const lower = name.toLowerCase();
    return /(^[^:[\]]+|\]):\d+$/.test(lower) ? [lower] : [lower, `${lower}:${port}`];
  });
  const hosts = [...new Set([...bound.map((name) => `${name.toLowerCase()}:${port}`), ...named])];
  return { allowedHosts: hosts, allowedOrigins: hosts.flatMap((h) => [`http://${h}`, `https://${h}`]) };
}

/** Host, then Origin, then token; null when the request may proceed. */
export function checkRequest(req: IncomingMessage, options: GuardOptions): Refusal | null {
  const host = req.headers.host?.toLowerCase();
  if (host === undefined || !options.allowedHosts.includes(host)) {
    return {
      status: 403,
      message: `Host "${host ?? ''}" is not allowed (connect to ${options.allowedHosts[0]})`,
    };
  }
  const origin = req.headers.origin?.toLowerCase();
  if (origin !== undefined && origin !== 'null' && !options.allowedOrigins.includes(origin)) {
    return {
      status: 403,
      message: `Origin "${origin}" is not allowed (only pages of this server's own address, ${options.allowedOrigins[0]}, may call it)`,
    };
  }
  if (origin === 'null') return { status: 403, message: 'Origin "null" is not allowed' };
  if (options.token !== null && !hasToken(req.headers.authorization, options.token)) {
    return {
      status: 401,
      message: 'missing or wrong bearer token (send "Authorization: Bearer <token>")',
      headers: { 'WWW-Authenticate': 'Bearer realm="batuta"' },
    };
  }
  return null;
}

function hasToken(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (match === null) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(match[1]!), digest(token));
}

/** The outcome of reading a request body: the parsed JSON, or the refusal to send. */
export type BodyResult =
  | { readonly ok: true; readonly body: unknown }
  | { readonly ok: false; readonly refusal: Refusal };

/** Reads a JSON body of at most `limit` bytes; refuses with 413 when larger and 400 when not JSON. */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  const tooLarge = {
    ok: false,
    refusal: { status: 413, message: `request body is larger than ${limit} bytes` },
  } as const;
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) return tooLarge;
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of req) {
    const buffer = part as Buffer;
    size += buffer.length;
    if (size > limit) return tooLarge;
    parts.push(buffer);
  }
  const text = Buffer.concat(parts).toString('utf8');
  try {
    return { ok: true, body: JSON.parse(text) as unknown };
  } catch {
    return {
      ok: false,
      refusal: { status: 400, message: 'request body is not valid JSON (send a JSON-RPC message)' },
    };
  }
}
