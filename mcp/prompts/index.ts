/**
 * Registers the prompts whose domain group is present in `deps`.
 */
import type { McpServer } from '@modelcontextprotocol/server';
import type { ServerDeps } from '../deps.js';
import { registerChooseComponentsPrompt } from './choose-components.js';
import { registerPlanMigrationPrompt } from './plan-migration.js';
import { registerTranslateFilePrompt } from './translate-file.js';

/** Adds the prompts to `server`. */
export function registerPrompts(server: McpServer, deps: ServerDeps): void {
  if (deps.graph !== undefined) registerChooseComponentsPrompt(server, deps.graph);
  if (deps.migration !== undefined) {
    registerPlanMigrationPrompt(server, deps.migration, deps.roots);
    registerTranslateFilePrompt(server, deps.migration, deps.roots);
  }
}
