/**
 * migration_optimize: phase 4, picks scalar/SIMD/GPU per hot spot and sets the Cargo release profile.
 */
import type { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { type PhaseToolContext, registerPhaseTool } from './phase-tool.js';

/** Registers migration_optimize. */
export function registerMigrationOptimizeTool(server: McpServer, ctx: PhaseToolContext): void {
  registerPhaseTool(
    server,
    {
      name: 'migration_optimize',
      phase: 'optimize',
      title: 'Optimize the Rust output',
      description:
        'Phase 4: recommend a compute backend (scalar, SIMD, GPU) for each hot spot with the stack cost model ' +
        'and write the Cargo release profile of the generated crate. Needs a passed migration_transpile.',
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
      extraInput: {
        profile: z
          .enum(['fast', 'balanced', 'aggressive'])
          .optional()
          .describe(
            'Cargo release profile: fast (quick builds), balanced or aggressive (LTO, 1 codegen unit); omitted, batuta.toml [optimization] profile, else balanced',
          ),
        data_elements: z
          .number()
          .int()
          .positive()
          .max(Number.MAX_SAFE_INTEGER)
          .optional()
          .describe(
            'Elements of data the program processes (e.g. 50000000); without it the phase uses batuta.toml [optimization] data_elements, else the sizes it can see in the inputs and the source, and advises no GPU without a size',
          ),
      },
      options: (args) => ({
        ...(args['profile'] === undefined
          ? {}
          : { profile: args['profile'] as 'fast' | 'balanced' | 'aggressive' }),
        ...(args['data_elements'] === undefined ? {} : { dataElements: args['data_elements'] as number }),
      }),
    },
    ctx,
  );
}
