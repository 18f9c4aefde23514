/**
 * The entry `batuta mcp` hands off to: builds the domain dependencies once, then serves them over stdio
 * or Streamable HTTP until the client leaves (stdio) or the process is interrupted (HTTP).
 */
import { isIP } from 'node:net';
import { InvalidInputError } from '../src/errors.js';
import type { IndexLocation } from '../src/retrieval/index.js';
import type { ModelLoader } from './docs-deps.js';
import { createDomainDeps } from './domain-deps.js';
import { HTTP_DEFAULTS, serveHttp } from './http.js';
import { createAllowedRoots } from './roots.js';
import { createServer } from './server.js';
import { serveStdio } from './stdio.js';
import { createTaskStore } from './tasks/store.js';
import type { Logger } from './tool-result.js';

export interface StartOptions {
  readonly http: boolean;
  readonly host: string;
  readonly port: number;
  readonly token: string | null;
  /** Serve a non-loopback address without a token (the caller has said so explicitly). */
  readonly allowUnauthenticated: boolean;
  /** Host values to accept besides the bound address and loopback: what a proxy or clients send. */
  readonly allowHosts: readonly string[];
  readonly maxBodyBytes: number;
  readonly roots: readonly string[];
  /** Absolute path of the index database, or a PostgreSQL index. */
  readonly db: IndexLocation;
  readonly loadModels: ModelLoader;
  readonly cwd: string;
  readonly log: Logger;
  /** Where migration phases look up programs named without a path (the entry's PATH). */
  readonly searchPath?: string;
  /** The knowledge folder to serve ($BATUTA_KNOWLEDGE_DIR), else the shipped one. */
  readonly knowledgeDir?: string;
}

/** Serves until done; throws (before serving) when the roots, the exposure or the domain are wrong. */
export async function startMcp(options: StartOptions): Promise<void> {
  if (options.http) checkExposure(options);
  const roots = createAllowedRoots(options.roots, options.cwd);
  const domain = await createDomainDeps({
    roots,
    db: options.db,
    loadModels: options.loadModels,
    log: options.log,
    ...(options.searchPath === undefined ? {} : { searchPath: options.searchPath }),
    ...(options.knowledgeDir === undefined ? {} : { knowledgeDir: options.knowledgeDir }),
  });
  const tasks = createTaskStore();
  const deps = { ...domain.deps, tasks };
  if (!options.http) {
    keepStdoutForProtocol();
    await serveStdio(() => createServer(deps), options.log);
    return tasks.close();
  }
  const running = await serveHttp({
    ...HTTP_DEFAULTS,
    host: options.host,
    port: options.port,
    token: options.token,
    allowHosts: options.allowHosts,
    maxBodyBytes: options.maxBodyBytes,
    createServer: () => createServer(deps),
    readiness: domain.readiness,
    log: options.log,
  });
  const access = options.token === null ? 'no token required' : 'bearer token required';
  options.log(`listening on ${running.url} (bound to ${running.bound}; ${access})`);
  await new Promise<void>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  tasks.close();
  await running.close();
}

/** Loopback addresses and names: only this machine can reach a server bound to them. */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (bare === 'localhost') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  return bare === '::1';
}

/**
 * A server reachable from other machines runs the migration tools on this one, so it needs a token
 * unless the caller opts out by name.
 */
function checkExposure(options: StartOptions): void {
  if (options.token !== null || options.allowUnauthenticated || isLoopback(options.host)) return;
  throw new InvalidInputError(
    `--host ${options.host} would let other machines call this server without a token ` +
      '(set BATUTA_MCP_TOKEN or --token, or pass --allow-unauthenticated to accept that)',
    { host: options.host },
  );
}

/**
 * In stdio mode a stray console.log from any library would corrupt the protocol stream, so console
 * output is sent to stderr for the life of the process (which serves nothing else).
 */
function keepStdoutForProtocol(): void {
  console.log = console.error;
  console.info = console.error;
  console.debug = console.error;
}
