/**
 * plan_migration: a prompt that walks a model through migrating one project with the phase tools, starting
 * from where the project's migration currently stands.
 */
import type { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import type { MigrationDeps } from '../deps.js';
import type { AllowedRoots } from '../roots.js';
import { describeStatus } from '../tools/migration-status.js';

const argsSchema = {
  path: z
    .string()
    .min(1)
    .describe('Project folder to migrate, relative to the server root, e.g. "." or "services/etl"'),
  goal: z
    .string()
    .optional()
    .describe(
      'What matters most, e.g. "keep numerical results identical" or "smallest binary for edge devices"',
    ),
};

/** Registers plan_migration. */
export function registerPlanMigrationPrompt(
  server: McpServer,
  migration: MigrationDeps,
  roots: AllowedRoots,
): void {
  server.registerPrompt(
    'plan_migration',
    {
      title: 'Plan a migration to Rust',
      description:
        'Plan (and optionally run) the migration of a Python, C/C++ or shell project to Rust on the stack',
      argsSchema,
    },
    async (args) => {
      const state = await currentState(migration, roots, args.path);
      const goal = args.goal ? `\nGoal: ${args.goal}` : '';
      const text = `Plan the migration of the project at "${args.path}" to Rust on the Sovereign AI Stack.${goal}

${state}

Steps: call migration_analyze with path "${args.path}" and read its languages, ML library findings and \
debt grade; call migration_plan for the conversion order, crates and transpilers; for each ML finding \
check the replacing component with get_component and oracle_query. Then present the plan: files in \
order with their transpiler, the stack crates to add, the risks that need manual work, and the gates \
(transpile, optimize, validate, deploy) with what each will check. Ask before running \
migration_transpile or later phases, since they write files and run the project's programs. If a \
transpiler is missing, migration_transpile with by "agent" lets you write the Rust yourself (prompt translate_file, \
then migration_submit_translation).`;
      return {
        description: `Migration plan for ${args.path}`,
        messages: [{ role: 'user', content: { type: 'text', text } }],
      };
    },
  );
}

async function currentState(migration: MigrationDeps, roots: AllowedRoots, path: string): Promise<string> {
  try {
    return `Current state:\n${describeStatus(await migration.status(roots.resolve(path, 'path')))}`;
  } catch (error) {
    return `Current state: unknown (${error instanceof Error ? error.message : String(error)}).`;
  }
}
