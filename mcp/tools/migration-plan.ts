/**
 * migration_plan: phase 2, turns the analysis into a conversion order, crates and transpilers.
 */
import type { McpServer } from '@modelcontextprotocol/server';
import { PlanSchema } from '../../src/migration/index.js';
import { type PhaseToolContext, registerPhaseTool } from './phase-tool.js';

/** Registers migration_plan. */
export function registerMigrationPlanTool(server: McpServer, ctx: PhaseToolContext): void {
  registerPhaseTool(
    server,
    {
      name: 'migration_plan',
      phase: 'plan',
      title: 'Plan a migration',
      description:
        'Phase 2: from the analysis, plan the conversion: the order of files (dependencies first), the crate ' +
        'each becomes, the transpiler per language and how to install it, the stack crates needed and the ' +
        'risks that need manual work, and the stack components recommended by the API mapping table and the ' +
        'oracle (notes say when the oracle could not be asked). Needs a passed migration_analyze.',
      annotations: {
        readOnlyHint: false,
        destructiveHint: false,
        idempotentHint: true,
        openWorldHint: false,
      },
      summary: PlanSchema,
    },
    ctx,
  );
}
