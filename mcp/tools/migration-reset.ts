/**
 * migration_reset: starts a project's migration over, as `batuta reset PATH` does — the repair a damaged
 * state database asks for. Like every migration tool it works only inside the server's roots, and it
 * removes only what batuta wrote under the project's `.batuta/` folder (src/migration/reset.ts).
 */
import type { McpServer } from '@modelcontextprotocol/server';
import { describeReset } from '../../src/migration/index.js';
import { ICONS } from '../icons.js';
import { MigrationResetSchema } from '../schemas.js';
import { runTool } from '../tool-result.js';
import { PATH_INPUT, type PhaseToolContext } from './phase-tool.js';

const outputSchema = MigrationResetSchema;

/** Registers migration_reset. */
export function registerMigrationResetTool(server: McpServer, ctx: PhaseToolContext): void {
  server.registerTool(
    'migration_reset',
    {
      title: 'Reset a migration',
      description:
        "Start a project's migration over: remove what batuta wrote under its .batuta folder (state " +
        'database, analysis, plan, workspace with any submitted translations, logs), for example when the ' +
        'migration state is damaged. Files batuta did not write are kept and listed; the project itself is ' +
        'never touched. Refused while a phase is running on the project.',
      inputSchema: { path: PATH_INPUT },
      outputSchema,
      icons: ICONS.migration,
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
    },
    (args) =>
      runTool('migration_reset', ctx.log, outputSchema, async () => {
        const done = await ctx.migration.reset(ctx.roots.resolve(args.path, 'path'));
        return { structured: done, text: describeReset(done) };
      }),
  );
}
