/**
 * migration_analyze: phase 1, reads the project (languages, lines, imports, ML libraries mapped to stack
 * components, complexity, technical-debt grade). Every migration starts here.
 */
import type { McpServer } from '@modelcontextprotocol/server';
import { type PhaseToolContext, registerPhaseTool } from './phase-tool.js';

/** Registers migration_analyze. */
export function registerMigrationAnalyzeTool(server: McpServer, ctx: PhaseToolContext): void {
  registerPhaseTool(
    server,
    {
      name: 'migration_analyze',
      phase: 'analyze',
      title: 'Analyze a project for migration',
      description:
        'Phase 1 of a migration to Rust: parse the Python, C/C++ and shell sources of a project and report ' +
        'languages, lines, functions and complexity, imported ML/data libraries with the stack components ' +
        'that replace them, dependency manifests and a technical-debt grade. Run it first; then migration_plan.',
      annotations: {
        readOnlyHint: false,
        destructiveHint: false,
        idempotentHint: true,
        openWorldHint: false,
      },
    },
    ctx,
  );
}
