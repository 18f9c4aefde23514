/**
 * migration_submit_translation: an agent hands in the Rust for one source file of a project whose
 * transpile phase runs by agent, and may declare the crate's dependencies with it (an MCP agent writes no
 * other file). batuta writes the code into that file's crate only, the dependencies into its Cargo.toml and
 * build.rs, builds the crate (cargo build, which links) and returns rustc's diagnostics; migration_transpile then accepts the file.
 */
import type { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { countOf, describeDependency } from '../../src/migration/index.js';
import { ICONS } from '../icons.js';
import { longRunControl } from '../progress.js';
import { DeclaredDependencySchema, type Submission, SubmissionSchema } from '../schemas.js';
import { runTool } from '../tool-result.js';
import { PATH_INPUT, type PhaseToolContext } from './phase-tool.js';

const outputSchema = SubmissionSchema;

const inputSchema = {
  path: PATH_INPUT,
  source: z
    .string()
    .min(1)
    .max(4096)
    .describe(
      'Source file the Rust translates, relative to the project, as migration_transpile lists it in pending',
    ),
  code: z
    .string()
    .min(1)
    .max(1024 * 1024)
    .describe(
      "The complete Rust file (src/main.rs or src/lib.rs of the file's crate), without the pending-marker first line",
    ),
  dependencies: z
    .array(DeclaredDependencySchema)
    .max(32)
    .optional()
    .describe(
      "The crate's dependencies beyond the standard library and the project crates the plan gives it: they replace those declared with an earlier submission ([] removes them); leave out to keep them",
    ),
};

/** Registers migration_submit_translation. */
export function registerMigrationSubmitTranslationTool(server: McpServer, ctx: PhaseToolContext): void {
  server.registerTool(
    'migration_submit_translation',
    {
      title: 'Submit a Rust translation',
      description:
        'Write the Rust translation of one source file that migration_transpile (by "agent") left pending: the ' +
        "code replaces the file's placeholder in its crate (nowhere else), with the dependencies it declares " +
        '(a project crate, a system library to link, a crates.io crate: written to Cargo.toml and build.rs), ' +
        'then cargo build --offline compiles and links the crate and its errors and warnings come back with file, line ' +
        'and column. Read the brief first ' +
        '(prompt translate_file). When no file is waiting, call migration_transpile again, then migration_validate.',
      inputSchema,
      outputSchema,
      icons: ICONS.migration,
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
    },
    (args, extra) =>
      runTool('migration_submit_translation', ctx.log, outputSchema, async () => {
        const root = ctx.roots.resolve(args.path, 'path');
        const result = await ctx.migration.submitTranslation(
          root,
          args.source,
          args.code,
          longRunControl(extra),
          args.dependencies,
        );
        return { structured: result, text: describeSubmission(result) };
      }),
  );
}

/** The check's verdict with each diagnostic on a line, and what to do next. */
export function describeSubmission(s: Submission): string {
  const head = s.passed
    ? `${s.source}: written to ${s.file}; cargo build passed.`
    : `${s.source}: written to ${s.file}; cargo build FAILED (${countOf(s.diagnostics.filter((d) => d.level === 'error').length, 'error')}).`;
  const lines = s.diagnostics.map((d) => {
    const where = d.file === null ? '' : `${d.file}:${d.line ?? '?'}:${d.column ?? '?'}: `;
    return `- ${where}${d.level}${d.code ? `[${d.code}]` : ''}: ${d.message}`;
  });
  const next = !s.passed
    ? 'Fix the code and submit it again.'
    : s.waiting.length > 0
      ? `Still waiting: ${s.waiting.join(', ')}.`
      : 'No file is waiting: call migration_transpile on the project, then migration_optimize and migration_validate.';
  const declared =
    s.dependencies.length === 0
      ? []
      : [`Dependencies: ${s.dependencies.map(describeDependency).join('; ')}.`];
  return [head, ...lines, ...declared, `Log: ${s.log}.`, next].join('\n');
}
