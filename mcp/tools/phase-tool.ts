/**
 * The shape every migration phase tool shares: a project folder checked against the allowed roots, the
 * request's progress and cancellation handed to the phase, and its PhaseResult as structured content.
 * Each tool file states only what differs (name, wording, annotations, extra inputs).
 */
import type { McpServer, ToolAnnotations } from '@modelcontextprotocol/server';
import { type ZodRawShape, z } from 'zod';
import { describePhase } from '../../src/migration/index.js';
import type { MigrationDeps, PhaseRunOptions } from '../deps.js';
import { toolText } from '../fixes.js';
import { ICONS } from '../icons.js';
import { type LongRunControl, longRunControl } from '../progress.js';
import type { AllowedRoots } from '../roots.js';
import { type MigrationPhase, type PhaseResult, PhaseResultSchema } from '../schemas.js';
import { registerLongTool } from '../tasks/long-tools.js';
import { type Logger, runTool } from '../tool-result.js';

/** The project folder argument every migration tool takes. */
export const PATH_INPUT = z
  .string()
  .min(1)
  .max(4096)
  .default('.')
  .describe('Project folder, relative to the server root (default ".") or absolute inside an allowed root');

export interface PhaseToolSpec {
  readonly name: string;
  readonly phase: MigrationPhase;
  readonly title: string;
  readonly description: string;
  readonly annotations: ToolAnnotations;
  /** Inputs besides `path`. */
  readonly extraInput?: ZodRawShape;
  /** A phase that can take minutes: it can run as a task. */
  readonly long?: boolean;
  /** Picks the phase options out of the parsed arguments. */
  readonly options?: (args: Record<string, unknown>) => PhaseRunOptions;
  /** The summary the phase returns (described field by field for the model); else an open record. */
  readonly summary?: z.ZodType;
}

/**
 * The tool's output schema: a PhaseResult whose summary is `summary` when the phase says what it holds,
 * or the error code and details of a gate that stopped it before there was one.
 */
function outputSchemaOf(summary: z.ZodType | undefined): z.ZodType {
  if (summary === undefined) return PhaseResultSchema;
  return PhaseResultSchema.extend({
    summary: z
      .union([summary, z.record(z.string(), z.unknown())])
      .describe("The phase's result; the error code and details instead when a gate stopped it early"),
  });
}

/** What the registering tool needs from the server. */
export interface PhaseToolContext {
  readonly migration: MigrationDeps;
  readonly roots: AllowedRoots;
  readonly log: Logger;
}

/** Registers one phase tool; a long phase (`spec.long`) can also run as a task. */
export function registerPhaseTool(server: McpServer, spec: PhaseToolSpec, ctx: PhaseToolContext): void {
  const inputSchema = { path: PATH_INPUT, ...spec.extraInput };
  const outputSchema = outputSchemaOf(spec.summary);
  const config = {
    title: spec.title,
    description: spec.description,
    inputSchema,
    outputSchema,
    icons: ICONS.migration,
    annotations: spec.annotations,
  };
  const work = (args: Record<string, unknown>, control: LongRunControl) =>
    runTool(spec.name, ctx.log, outputSchema, async () => {
      const root = ctx.roots.resolve(String(args['path'] ?? '.'), 'path');
      const { said, ...run } = await ctx.migration.runPhase(
        spec.phase,
        root,
        control,
        spec.options?.(args) ?? {},
      );
      // The reason's fixes in tool words (the CLI's words are what the state database keeps).
      const result = said === undefined ? run : { ...run, reason: toolText(said) };
      return { structured: result, text: describePhaseResult(result) };
    });
  if (spec.long === true) {
    registerLongTool(server, spec.name, config, work);
    return;
  }
  server.registerTool(spec.name, config, (args: Record<string, unknown>, extra) =>
    work(args, longRunControl(extra)),
  );
}

/** Readable text for the model: outcome, reason, the phase's findings one per line, files written. */
export function describePhaseResult(r: PhaseResult): string {
  const head =
    r.status === 'passed'
      ? `${r.phase}: passed in ${r.seconds.toFixed(1)} s.`
      : `${r.phase}: FAILED its gate: ${r.reason ?? 'no reason recorded'}.`;
  const numbers = Object.entries(r.summary)
    .filter(([, value]) => typeof value === 'number' || typeof value === 'boolean')
    .map(([key, value]) => `${key} ${String(value)}`);
  const lines = [head];
  if (numbers.length > 0) lines.push(`Summary: ${numbers.join(', ')}.`);
  lines.push(...describePhase(r).map((line) => `- ${line}`));
  if (r.artifacts.length > 0)
    lines.push(`Wrote: ${r.artifacts.slice(0, 20).join(', ')}${r.artifacts.length > 20 ? ' …' : ''}`);
  if (r.pending !== undefined && r.pending.length > 0) {
    lines.push(
      'Next: for each waiting file, read its brief (prompt translate_file with the source) and call ' +
        'migration_submit_translation; when none is waiting, call migration_transpile again.',
    );
  }
  return lines.join('\n');
}
