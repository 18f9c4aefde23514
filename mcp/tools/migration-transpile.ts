/**
 * migration_transpile: phase 3, runs the external transpilers (depyler, decy, bashrs/ruchy) file by file,
 * incrementally, with progress and cancellation.
 */
import type { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { type PhaseToolContext, registerPhaseTool } from './phase-tool.js';

/** Registers migration_transpile. */
export function registerMigrationTranspileTool(server: McpServer, ctx: PhaseToolContext): void {
  registerPhaseTool(
    server,
    {
      name: 'migration_transpile',
      phase: 'transpile',
      long: true,
      title: 'Transpile to Rust',
      description:
        'Phase 3: convert every planned file to Rust with its transpiler (depyler for Python, decy for C/C++, ' +
        'bashrs for shell), skipping files whose content has not changed. Replaces previously generated Rust. ' +
        'Fails with TOOL_MISSING when a transpiler is not installed. With by "agent" you write the Rust: the ' +
        "phase prepares each file's crate and brief and lists them in pending; submit each with " +
        'migration_submit_translation, then call this tool again to accept them. Sends progress; can be cancelled.',
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
      extraInput: {
        by: z
          .enum(['agent', 'transpiler'])
          .optional()
          .describe(
            'Who writes the Rust: "agent" (you, file by file, checked by cargo) or "transpiler"; omitted, batuta.toml ' +
              'decides per language and each file keeps the way it was done last time',
          ),
      },
      options: (args) => (args['by'] === undefined ? {} : { by: args['by'] as 'agent' | 'transpiler' }),
    },
    ctx,
  );
}
