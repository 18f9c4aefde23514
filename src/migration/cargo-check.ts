import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { ToolMissingError } from '../errors.js';
import { resolveUnder } from '../paths/contain.js';
import { writeFileNoFollow } from '../paths/no-follow.js';
import { findProgram, runTool, searchHint } from './run-tool.js';
import { type PhaseOptions, WORKSPACE_DIR } from './types.js';

export const DiagnosticSchema = z.object({
  level: z.string().describe('error, warning or note'),
  message: z.string().describe("rustc's message, e.g. cannot find value `x` in this scope"),
  code: z.string().nullable().describe('rustc error code such as E0425, or null'),
  file: z.string().nullable().describe('file relative to the crate folder, or null when none is named'),
  line: z.number().int().nullable().describe('line of the primary span (1-based), or null'),
  column: z.number().int().nullable().describe('column of the primary span (1-based), or null'),
});
export type Diagnostic = z.infer<typeof DiagnosticSchema>;

/** How one crate came out of its build. */
export interface CrateCheck {
  readonly crate: string;
  readonly passed: boolean;
  readonly diagnostics: readonly Diagnostic[];
  /** The log with the rendered diagnostics, relative to the project root. */
  readonly log: string;
}

/** The fields of cargo's JSON messages that are read. */
const CargoMessageSchema = z.object({
  reason: z.string(),
  manifest_path: z.string().optional(),
  message: z
    .object({
      level: z.string(),
      message: z.string(),
      code: z.object({ code: z.string() }).nullable().optional(),
      rendered: z.string().nullable().optional(),
      spans: z
        .array(
          z.object({
            file_name: z.string(),
            line_start: z.number(),
            column_start: z.number(),
            is_primary: z.boolean(),
          }),
        )
        .default([]),
    })
    .optional(),
});

/** rustc's closing summaries repeat what the diagnostics said. */
const SUMMARY_LINE =
  /^(aborting due to|could not compile|Some errors have detailed explanations|For more information)/;

/**
 * What cargo's error output says failed: its first error line; for a crate it could not resolve offline (a
 * crates.io dependency not in its cache: this machine has no network) which crate, whose, and what to do; for
 * a link that failed on symbols nothing defines (an extern block with no library linked) which, and how to link.
 */
export function cargoError(stderr: string): string {
  const missing = /no matching package named `([^`]+)` found/.exec(stderr);
  if (missing !== null && stderr.includes('offline')) {
    const by = /required by package `([^\s`]+)/.exec(stderr)?.[1];
    return `crate ${missing[1]}${by === undefined ? '' : ` (a dependency of ${by})`} is not in cargo's offline cache, and this machine builds offline (write that code with std and leave the crate out of the dependencies, or fetch it into the cache with cargo fetch where there is a network)`;
  }
  const unlinked = [
    ...new Set(
      [...stderr.matchAll(/undefined symbol: (\S+)|undefined reference to [`'‘]([^'’`]+)['’`]/g)].map(
        (m) => m[1] ?? m[2]!,
      ),
    ),
  ];
  if (unlinked.length > 0) {
    const named = unlinked.slice(0, 3).join(', ');
    const more = unlinked.length > 3 ? ` and ${unlinked.length - 3} more` : '';
    return `the linker found no definition of ${named}${more} (link the library that defines them: over MCP declare it in migration_submit_translation's dependencies as {kind: "system", name}, or put #[link(name = …)] on the extern block)`;
  }
  const line = stderr.split('\n').find((l) => l.startsWith('error')) ?? stderr.trim().split('\n')[0] ?? '';
  return line.replace(/^error: /, '');
}

/** cargo's own failure as a diagnostic, for failures that come before any crate is compiled. */
function cargoFailure(stderr: string): Diagnostic {
  return {
    level: 'error',
    message: cargoError(stderr),
    code: null,
    file: null,
    line: null,
    column: null,
  };
}

/** One line of cargo's JSON output; anything else (a stray text line) is skipped. */
function parseLine(line: string): unknown {
  if (!line.startsWith('{')) return undefined;
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

interface Collected {
  readonly diagnostics: Diagnostic[];
  readonly rendered: string[];
  built: boolean;
}

/**
 * Builds `crates` (workspace members), compiling and linking them as validation's build does, and returns each
 * one's verdict; CANCELLED when the signal fires. The one acceptance of an agent's translation, for a submission
 * over MCP and for `batuta transpile` alike: a library an extern block needs and nothing links is found at once
 * (0.1-0.2 s more than `cargo check` on session 23's real crates), into the artifacts validation's build then
 * reuses; cargo builds again only what changed.
 */
export async function buildCrates(
  root: string,
  crates: readonly string[],
  options: PhaseOptions,
): Promise<CrateCheck[]> {
  if (crates.length === 0) return [];
  const cargo = findProgram('cargo', root, options.searchPath);
  if (cargo === undefined) {
    throw new ToolMissingError(
      `transpile: cargo not found on PATH, needed to build translations (install Rust: https://rustup.rs${searchHint(options.searchPath)})`,
    );
  }
  const args = [
    'build',
    '--offline',
    '--keep-going',
    '--message-format=json',
    ...crates.flatMap((c) => ['-p', c]),
  ];
  const run = await runTool(cargo, args, { cwd: resolveUnder(root, WORKSPACE_DIR), signal: options.signal });
  const byCrate = new Map<string, Collected>(
    crates.map((c) => [c, { diagnostics: [], rendered: [], built: false }]),
  );
  for (const line of run.stdout.split('\n')) {
    const parsed = CargoMessageSchema.safeParse(parseLine(line));
    if (!parsed.success || parsed.data.manifest_path === undefined) continue;
    const entry = byCrate.get(basename(dirname(parsed.data.manifest_path)));
    if (entry === undefined) continue;
    if (parsed.data.reason === 'compiler-artifact') entry.built = true;
    const message = parsed.data.message;
    if (parsed.data.reason !== 'compiler-message' || message === undefined) continue;
    if (message.spans.length === 0 && SUMMARY_LINE.test(message.message)) continue;
    const span = message.spans.find((s) => s.is_primary) ?? message.spans[0];
    // A failed link says only `linking with cc failed`; what the linker missed is in its rendered note.
    const linked = message.message.startsWith('linking with') ? message.rendered : undefined;
    entry.diagnostics.push({
      level: message.level,
      message: linked ? cargoError(linked) : message.message,
      code: message.code?.code ?? null,
      file: span ? span.file_name.replace(/^[^/]+\//, '') : null,
      line: span?.line_start ?? null,
      column: span?.column_start ?? null,
    });
    if (message.rendered) entry.rendered.push(message.rendered);
  }
  return crates.map((crate) => {
    const entry = byCrate.get(crate)!;
    const errors = entry.diagnostics.some((d) => d.level === 'error');
    const passed = entry.built && !errors;
    const diagnostics = [...entry.diagnostics];
    if (!passed && !errors) {
      diagnostics.push(
        run.stdout.includes('"reason":"compiler-')
          ? { ...cargoFailure(''), message: 'not checked: a crate it depends on failed to compile' }
          : cargoFailure(run.stderr),
      );
    }
    const log = join('.batuta', 'logs', `check-${crate}.log`);
    const body =
      entry.rendered.join('\n') || (passed ? 'no diagnostics\n' : `${diagnostics[0]?.message ?? ''}\n`);
    writeFileNoFollow(
      resolveUnder(root, log),
      `$ cargo ${args.join(' ')}\n${passed ? 'passed' : 'FAILED'}\n${body}`,
    );
    return { crate, passed, diagnostics, log };
  });
}
