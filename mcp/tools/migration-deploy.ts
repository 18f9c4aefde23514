/**
 * migration_deploy: phase 6, builds the release artifact and records its size and hash.
 */
import type { McpServer } from '@modelcontextprotocol/server';
import { type PhaseToolContext, registerPhaseTool } from './phase-tool.js';

/** Registers migration_deploy. */
export function registerMigrationDeployTool(server: McpServer, ctx: PhaseToolContext): void {
  registerPhaseTool(
    server,
    {
      name: 'migration_deploy',
      phase: 'deploy',
      long: true,
      title: 'Build the release artifact',
      description:
        'Phase 6: build the converted project in release mode with cargo and record the artifact path, size ' +
        'and SHA-256. Needs a passed migration_validate. Sends progress; can be cancelled.',
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    },
    ctx,
  );
}
