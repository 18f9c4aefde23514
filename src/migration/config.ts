/**
 * `batuta.toml`, the project's migration settings: which transpiler runs for each language, which
 * inputs validation replays, the data size the optimizer plans for, and extra deployment targets.
 */
import { parse as parseToml } from 'smol-toml';
import { z } from 'zod';
import { BatutaError, InvalidDataError } from '../errors.js';
import { resolveUnder } from '../paths/contain.js';
import { readFileNoFollow } from '../paths/no-follow.js';

const TranspilerSchema = z
  .object({
    command: z.string().min(1).describe('program to run; a path with / is relative to the project'),
    args: z
      .array(z.string())
      .optional()
      .describe('arguments; {input} is the source file, {output} the crate folder, {crate} its name'),
    version: z.string().optional().describe('required text in the output of `command --version`'),
  })
  .strict();

const CaseSchema = z
  .object({
    name: z.string().min(1).describe('case name used in reports'),
    source: z.string().min(1).describe('source file (relative to the project) whose program runs'),
    args: z.array(z.string()).default([]).describe('command-line arguments for both programs'),
    stdin: z.string().default('').describe('text fed to standard input'),
    files: z.array(z.string()).default([]).describe('project files copied into the run folder first'),
  })
  .strict();

export const ConfigSchema = z
  .object({
    transpilers: z
      .partialRecord(z.enum(['python', 'c', 'cpp', 'shell']), TranspilerSchema)
      .default({})
      .describe('per-language transpiler overrides'),
    validation: z
      .object({
        cases: z.array(CaseSchema).default([]).describe('inputs replayed on both programs'),
        compare_stderr: z.boolean().default(true).describe('whether standard error must match'),
        strace: z.boolean().default(true).describe('compare syscall effects when strace is installed'),
        c_flags: z
          .array(z.string())
          .default([])
          .describe('extra cc/c++ arguments for the original C or C++ program (-I, -D, -l)'),
      })
      .strict()
      .default({ cases: [], compare_stderr: true, strace: true, c_flags: [] }),
    optimization: z
      .object({
        data_elements: z
          .number()
          .int()
          .positive()
          .optional()
          .describe('typical elements per hot loop; without it the largest validation input is counted'),
        profile: z
          .enum(['fast', 'balanced', 'aggressive'])
          .default('balanced')
          .describe('Cargo release profile'),
      })
      .strict()
      .default({ profile: 'balanced' }),
    deploy: z
      .object({ targets: z.array(z.string()).default([]).describe('extra rustc target triples to build') })
      .strict()
      .default({ targets: [] }),
  })
  .strict();
export type MigrationConfig = z.infer<typeof ConfigSchema>;
export type ValidationCase = z.infer<typeof CaseSchema>;

/** Reads `PATH/batuta.toml` (defaults when absent); INVALID_DATA names the bad field. */
export function loadConfig(root: string): MigrationConfig {
  const path = resolveUnder(root, 'batuta.toml');
  let text: string;
  try {
    text = readFileNoFollow(path).toString('utf8');
  } catch (error) {
    if (error instanceof BatutaError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return ConfigSchema.parse({});
    throw new InvalidDataError(`config: ${path} cannot be read (${code}) (fix the file or remove it)`, {
      path,
    });
  }
  let raw: unknown;
  try {
    raw = parseToml(text);
  } catch (error) {
    const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new InvalidDataError(`config: ${path} is not valid TOML: ${why} (fix the file)`, { path });
  }
  const parsed = ConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InvalidDataError(
      `config: ${path}: ${issue.path.join('.') || '(top level)'}: ${issue.message} (fix the file)`,
      { path, field: issue.path.join('.') },
    );
  }
  return parsed.data;
}
