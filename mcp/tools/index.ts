/**
 * Registers every tool whose domain group is present in `deps`, one file per tool.
 */
import type { McpServer } from '@modelcontextprotocol/server';
import type { ServerDeps } from '../deps.js';
import { registerFindComponentsTool } from './find-components.js';
import { registerFindIntegrationsTool } from './find-integrations.js';
import { registerGetComponentTool } from './get-component.js';
import { registerIndexCollectionTool } from './index-collection.js';
import { registerListCollectionsTool } from './list-collections.js';
import { registerListComponentsTool } from './list-components.js';
import { registerMigrationAnalyzeTool } from './migration-analyze.js';
import { registerMigrationDeployTool } from './migration-deploy.js';
import { registerMigrationOptimizeTool } from './migration-optimize.js';
import { registerMigrationPlanTool } from './migration-plan.js';
import { registerMigrationResetTool } from './migration-reset.js';
import { registerMigrationStatusTool } from './migration-status.js';
import { registerMigrationSubmitTranslationTool } from './migration-submit-translation.js';
import { registerMigrationTranspileTool } from './migration-transpile.js';
import { registerMigrationValidateTool } from './migration-validate.js';
import { registerOracleQueryTool } from './oracle-query.js';
import { registerSearchDocsTool } from './search-docs.js';
import { registerSearchRecipesTool } from './search-recipes.js';

/** Adds the tools to `server`. */
export function registerTools(server: McpServer, deps: ServerDeps): void {
  const { graph, oracle, docs, migration, log } = deps;
  if (oracle !== undefined) registerOracleQueryTool(server, oracle, log, deps.picture !== undefined);
  if (docs !== undefined) {
    registerSearchDocsTool(server, docs, log);
    if (docs.indexFolder !== undefined)
      registerIndexCollectionTool(server, { ...docs, indexFolder: docs.indexFolder }, deps.roots, log);
    if (docs.listCollections !== undefined) registerListCollectionsTool(server, docs.listCollections, log);
  }
  if (graph !== undefined) {
    registerListComponentsTool(server, graph, log);
    registerGetComponentTool(server, graph, log);
    registerFindComponentsTool(server, graph, log);
    registerFindIntegrationsTool(server, graph, log);
    registerSearchRecipesTool(server, graph, log);
  }
  if (migration !== undefined) {
    const ctx = { migration, roots: deps.roots, log };
    registerMigrationAnalyzeTool(server, ctx);
    registerMigrationPlanTool(server, ctx);
    registerMigrationTranspileTool(server, ctx);
    registerMigrationSubmitTranslationTool(server, ctx);
    registerMigrationOptimizeTool(server, ctx);
    registerMigrationValidateTool(server, ctx);
    registerMigrationDeployTool(server, ctx);
    registerMigrationStatusTool(server, ctx);
    registerMigrationResetTool(server, ctx);
  }
}
