/**
 * migration_transpile: phase 3, runs the external transpilers (depyler, decy, bashrs/ruchy) file by file,
 * incrementally, with progress and cancellation.
 */
import type { McpServer } from '@modelcontextprotocol/server';
import { type PhaseToolContext, registerPhaseTool } from './phase-tool.js';

/** Registers migration_transpile. */
export function registerMigrationTranspileTool(server: McpServer, ctx: PhaseToolContext): void {
  registerPhaseTool(
    server,
    {
      name: 'migration_transpile',
      phase: 'transpile',
      title: 'Transpile to Rust',
      description:
        'Phase 3: convert every planned file to Rust with its transpiler (depyler for Python, decy for C/C++, ' +
        'bashrs for shell), skipping files whose content has not changed. Replaces previously generated Rust. ' +
        'Fails with TOOL_MISSING when a transpiler is not installed. Sends progress; can be cancelled.',
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
    },
    ctx,
  );
}
