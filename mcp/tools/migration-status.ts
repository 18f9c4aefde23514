/**
 * migration_status: where a project's migration stands and which phase comes next.
 */
import type { McpServer } from '@modelcontextprotocol/server';
import { ICONS } from '../icons.js';
import { type MigrationStatus, MigrationStatusSchema } from '../schemas.js';
import { runTool } from '../tool-result.js';
import { PATH_INPUT, type PhaseToolContext } from './phase-tool.js';

const outputSchema = MigrationStatusSchema;

/** Registers migration_status. */
export function registerMigrationStatusTool(server: McpServer, ctx: PhaseToolContext): void {
  server.registerTool(
    'migration_status',
    {
      title: 'Migration status',
      description:
        'Show the state of every migration phase of a project (pending, running, passed, failed, with the ' +
        'reason of a failure and the files written) and the next phase to run.',
      inputSchema: { path: PATH_INPUT },
      outputSchema,
      icons: ICONS.migration,
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    (args) =>
      runTool('migration_status', ctx.log, outputSchema, async () => {
        const status = await ctx.migration.status(ctx.roots.resolve(args.path, 'path'));
        return { structured: status, text: describeStatus(status) };
      }),
  );
}

/** The phases as a checklist, then where each planned file stands; shared with the batuta://migrations resource. */
export function describeStatus(s: MigrationStatus & { readonly files?: readonly string[] }): string {
  const lines = s.phases.map((p) => `- ${p.phase}: ${p.status}${p.reason ? ` (${p.reason})` : ''}`);
  const next = s.next === null ? 'Every phase passed.' : `Next: migration_${s.next}.`;
  return [`Migration of ${s.root}`, ...lines, next, ...(s.files ?? [])].join('\n');
}
