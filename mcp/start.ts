/**
 * The entry `batuta mcp` hands off to: builds the domain dependencies once, then serves them over stdio
 * or Streamable HTTP until the client leaves (stdio) or the process is interrupted (HTTP).
 */
import type { ModelLoader } from './docs-deps.js';
import { createDomainDeps } from './domain-deps.js';
import { HTTP_DEFAULTS, serveHttp } from './http.js';
import { createAllowedRoots } from './roots.js';
import { createServer } from './server.js';
import { serveStdio } from './stdio.js';
import type { Logger } from './tool-result.js';

export interface StartOptions {
  readonly http: boolean;
  readonly host: string;
  readonly port: number;
  readonly token: string | null;
  readonly maxBodyBytes: number;
  readonly roots: readonly string[];
  /** Absolute path of the index database. */
  readonly db: string;
  readonly loadModels: ModelLoader;
  readonly cwd: string;
  readonly log: Logger;
  /** Where migration phases look up programs named without a path (the entry's PATH). */
  readonly searchPath?: string;
}

/** Serves until done; throws (before serving) when the roots or the domain cannot be set up. */
export async function startMcp(options: StartOptions): Promise<void> {
  const roots = createAllowedRoots(options.roots, options.cwd);
  const deps = await createDomainDeps({
    roots,
    db: options.db,
    loadModels: options.loadModels,
    log: options.log,
    ...(options.searchPath === undefined ? {} : { searchPath: options.searchPath }),
  });
  if (!options.http) {
    keepStdoutForProtocol();
    return serveStdio(createServer(deps));
  }
  const running = await serveHttp({
    ...HTTP_DEFAULTS,
    host: options.host,
    port: options.port,
    token: options.token,
    maxBodyBytes: options.maxBodyBytes,
    createServer: () => createServer(deps),
    log: options.log,
  });
  options.log(`listening on ${running.url}${options.token === null ? '' : ' (bearer token required)'}`);
  await new Promise<void>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  await running.close();
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
