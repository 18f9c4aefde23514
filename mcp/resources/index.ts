/**
 * Registers the resource templates whose domain group is present in `deps`.
 */
import type { McpServer } from '@modelcontextprotocol/server';
import type { ServerDeps } from '../deps.js';
import { registerComponentResources } from './components.js';
import { registerDocResources } from './docs.js';
import { registerMigrationResources } from './migrations.js';
import { registerPictureResources } from './pictures.js';

/** Adds the resources to `server`. */
export function registerResources(server: McpServer, deps: ServerDeps): void {
  if (deps.graph !== undefined) registerComponentResources(server, deps.graph);
  if (deps.docs !== undefined) registerDocResources(server, deps.docs);
  if (deps.migration !== undefined) registerMigrationResources(server, deps.migration, deps.roots);
  if (deps.picture !== undefined) registerPictureResources(server, deps.picture);
}
