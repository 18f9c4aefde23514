/**
 * migration_validate: phase 5, runs the original and the converted programs on the same inputs and
 * compares them, plus cargo test.
 */
import type { McpServer } from '@modelcontextprotocol/server';
import { type PhaseToolContext, registerPhaseTool } from './phase-tool.js';

/** Registers migration_validate. */
export function registerMigrationValidateTool(server: McpServer, ctx: PhaseToolContext): void {
  registerPhaseTool(
    server,
    {
      name: 'migration_validate',
      phase: 'validate',
      long: true,
      title: 'Validate the migration',
      description:
        'Phase 5: run the original and the converted programs on the same inputs and compare exit codes, ' +
        "output and system-call traces, then run cargo test. This executes the project's own programs. " +
        'Needs a passed migration_optimize; while migration_transpile still waits for translations, it compares ' +
        'the files translated so far instead (summary partial, scope, skipped) and its gate stays shut. ' +
        'Sends progress; can be cancelled.',
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
    },
    ctx,
  );
}
