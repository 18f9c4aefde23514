/**
 * The data model of a migration: what each phase produces, validated with zod because it is written to
 * disk, read back, and handed to MCP clients as structured content.
 */
import { z } from 'zod';
import type { Said } from '../fixes.js';
import type { Oracle } from '../oracle/recommend.js';

/** The phases in the order the line runs them; a phase starts only after its predecessor passed. */
export const PHASES = ['analyze', 'plan', 'transpile', 'optimize', 'validate', 'deploy'] as const;
export type Phase = (typeof PHASES)[number];

export const SourceLanguageSchema = z
  .enum(['python', 'c', 'cpp', 'shell'])
  .describe('source language detected from the file extension or shebang');
export type SourceLanguage = z.infer<typeof SourceLanguageSchema>;

export const FunctionInfoSchema = z.object({
  name: z.string().describe('function name as written in the source'),
  line: z.number().int().describe('first line (1-based)'),
  endLine: z.number().int().describe('last line (1-based)'),
  complexity: z.number().int().describe('McCabe cyclomatic complexity: 1 + decision points'),
  loopDepth: z.number().int().describe('deepest nesting of loops inside the function'),
  loopArithmetic: z.number().int().describe('arithmetic operations written inside loops'),
  loopIO: z
    .array(z.string())
    .optional()
    .describe(
      'I/O calls a loop makes on every pass (fread, getline, recv, print, `for … in f` over a file…: in its header, or in its body outside an if, a case or a handler), in order of first call; absent in an analysis written before session 24',
    ),
  ioLoopArithmetic: z
    .number()
    .int()
    .optional()
    .describe('of loopArithmetic, the operations in the loops that make those calls'),
});
export type FunctionInfo = z.infer<typeof FunctionInfoSchema>;

export const ApiUseSchema = z.object({
  api: z.string().describe('fully qualified API called, e.g. numpy.dot'),
  line: z.number().int().describe('line of the call (1-based)'),
});
export type ApiUse = z.infer<typeof ApiUseSchema>;

export const FileAnalysisSchema = z.object({
  path: z.string().describe('path relative to the project root, with / separators'),
  language: SourceLanguageSchema,
  lines: z.number().int().describe('physical lines'),
  codeLines: z.number().int().describe('lines that are not blank'),
  functions: z.array(FunctionInfoSchema).describe('functions defined in the file'),
  topLevelComplexity: z.number().int().describe('complexity of code outside any function'),
  imports: z.array(z.string()).describe('imported modules, included headers or sourced scripts'),
  fromNames: z
    .array(z.string())
    .optional()
    .describe(
      'Python `from X import name` as X.name: a submodule when the project has one (the plan follows it), else a name X defines',
    ),
  apiUses: z.array(ApiUseSchema).describe('calls into known ML/data libraries'),
  calls: z
    .array(z.string())
    .optional()
    .describe(
      'C and C++: the functions the file calls by name, so the plan links the project file that defines one',
    ),
  syntaxErrors: z.number().int().describe('tree-sitter error nodes; non-zero means the parse is partial'),
});
export type FileAnalysis = z.infer<typeof FileAnalysisSchema>;

export const MlFindingSchema = z.object({
  library: z.string().describe('Python library, e.g. numpy'),
  api: z.string().describe('API found in the source, e.g. numpy.dot'),
  component: z.string().describe('stack component that replaces it'),
  replacement: z.string().describe('what to use on the Rust side'),
  uses: z.number().int().describe('number of call sites'),
  files: z.array(z.string()).describe('files with call sites'),
});
export type MlFinding = z.infer<typeof MlFindingSchema>;

export const ManifestSchema = z.object({
  path: z.string().describe('manifest path relative to the project root'),
  kind: z.string().describe('requirements.txt, pyproject.toml, setup.py, CMakeLists.txt, Makefile …'),
  dependencies: z.array(z.string()).describe('declared dependency names'),
});
export type Manifest = z.infer<typeof ManifestSchema>;

export const DebtSchema = z.object({
  grade: z.enum(['A', 'B', 'C', 'D', 'F']).describe('technical-debt grade, A best'),
  score: z.number().describe('0-100, higher is healthier'),
  reasons: z.array(z.string()).describe('what lowered the score'),
});
export type Debt = z.infer<typeof DebtSchema>;

export const LanguageStatSchema = z.object({
  language: SourceLanguageSchema,
  files: z.number().int().describe('files in this language'),
  lines: z.number().int().describe('physical lines'),
  codeLines: z.number().int().describe('non-blank lines'),
  functions: z.number().int().describe('functions defined'),
});

export const StackUseSchema = z.object({
  component: z.string().describe('stack component, under its name here, e.g. "realizar"'),
  crate: z.string().describe('crate it is published as now, e.g. "aprender-serve"'),
  as: z.string().describe('the name the project wrote, e.g. "aprender_serve" or "realizar"'),
  where: z.string().describe('manifest or source file that names it'),
});
export type StackUse = z.infer<typeof StackUseSchema>;

export const AnalysisSchema = z.object({
  root: z.string().describe('absolute project path'),
  languages: z.array(LanguageStatSchema).describe('per language, most lines first'),
  files: z.array(FileAnalysisSchema).describe('every analysed source file'),
  ml: z.array(MlFindingSchema).describe('ML/data library APIs mapped to stack components'),
  manifests: z.array(ManifestSchema).describe('dependency manifests found'),
  stackComponents: z
    .array(StackUseSchema)
    .optional()
    .describe('stack crates the project already depends on or imports, under either name'),
  debt: DebtSchema.describe('technical-debt grade of the project and what lowered it'),
  skipped: z.number().int().describe('files skipped (unknown language, too large or unreadable)'),
});
export type Analysis = z.infer<typeof AnalysisSchema>;

export const SystemHeaderSchema = z.object({
  include: z.string().describe('the include as written: "base64.h" or <zlib.h>'),
  path: z.string().describe("where the compiler's include path (with batuta.toml's c_flags) has it"),
  library: z
    .string()
    .describe(
      'what provides it: pkg-config modules whose include folder holds it, else the Debian package dpkg -S names, else "unknown"',
    ),
  link: z
    .array(z.string())
    .describe(
      "its library's linker flags (pkg-config's -l words): of several, those whose library defines a name the header declares (nm -D), all when that is not known; empty when none are known",
    ),
  cLibrary: z
    .boolean()
    .describe("whether it comes with the C library or the compiler, which Rust's std already covers"),
  pulledIn: z
    .array(
      z.object({
        headers: z.array(z.string()).describe('headers its own includes bring in, as includes spell them'),
        link: z.array(z.string()).describe('their linker flags that link does not have'),
      }),
    )
    .optional()
    .describe(
      "libraries the header's own includes bring in (the compiler follows them, cc -M; each known as for the header itself): nettle's rsa.h → gmp.h: -lgmp; absent when none",
    ),
});
export type SystemHeader = z.infer<typeof SystemHeaderSchema>;

export const PlanModuleSchema = z.object({
  path: z.string().describe('source file'),
  language: SourceLanguageSchema,
  transpiler: z
    .string()
    .describe('what converts the file: depyler, decy, bashrs, batuta.toml\'s command or "agent"'),
  crate: z.string().describe('name of the Cargo crate the file becomes'),
  order: z.number().int().describe('position in the conversion order (dependencies first)'),
  dependsOn: z.array(z.string()).describe('project files this one imports'),
  unresolved: z
    .array(z.string())
    .describe(
      "local imports no project file answers, as written: quoted headers, sourced files, relative imports and imports of the project's own packages",
    ),
  headers: z
    .array(SystemHeaderSchema)
    .default([])
    .describe(
      "includes the compiler's include path answers rather than a project file (system and library headers), with what provides each",
    ),
  crates: z
    .array(z.string())
    .describe(
      "stack components the Rust side will need, by component name (some are published under another crate name: analyze's stackComponents)",
    ),
  risks: z.array(z.string()).describe('what may need manual work'),
});
export type PlanModule = z.infer<typeof PlanModuleSchema>;

export const PlanSchema = z.object({
  modules: z.array(PlanModuleSchema).describe('one entry per source file, in conversion order'),
  crates: z.array(z.string()).describe('all stack components needed, by component name'),
  recommendations: z
    .array(
      z.object({
        component: z.string().describe('stack component'),
        reason: z.string().describe('why it is recommended'),
        source: z.enum(['mapping', 'oracle']).describe('API mapping table or the oracle'),
      }),
    )
    .describe('stack components recommended for this project and why'),
  transpilers: z
    .array(
      z.object({
        language: SourceLanguageSchema,
        tool: z
          .string()
          .describe('what converts the language: depyler, decy, bashrs, batuta.toml\'s command or "agent"'),
        install: z.string().describe('how to install it, or where it is configured'),
      }),
    )
    .describe('transpiler per language and how to install it'),
  notes: z
    .array(z.string())
    .default([])
    .describe(
      'what the plan read with care: the project folder imported under another name, local imports no project file answers, why a source of recommendations was not used (e.g. the oracle could not be loaded)',
    ),
});
export type Plan = z.infer<typeof PlanSchema>;

/** Where the Cargo workspace of the converted project lives, relative to the project root. */
export const WORKSPACE_DIR = '.batuta/workspace';

export const PendingFileSchema = z.object({
  source: z.string().describe('source file waiting for its translation, relative to the project'),
  crate: z.string().describe('crate the translation goes into'),
  file: z
    .string()
    .describe('Rust file to write, relative to the project; its brief TRANSLATE.md is in the crate folder'),
  reason: z
    .string()
    .describe('what is missing: the translation itself, or the cargo build error it failed on'),
});
export type PendingFile = z.infer<typeof PendingFileSchema>;

/** What a phase reports back: an outcome value (a failed gate is not an exception). */
export const PhaseResultSchema = z.object({
  phase: z.enum(PHASES).describe('phase that ran'),
  status: z.enum(['passed', 'failed']).describe('whether the quality gate passed'),
  reason: z.string().optional().describe('why the gate failed'),
  summary: z.record(z.string(), z.unknown()).describe('phase-specific result'),
  artifacts: z.array(z.string()).describe('files written, relative to the project root'),
  seconds: z.number().describe('wall time of the phase'),
  pending: z
    .array(PendingFileSchema)
    .optional()
    .describe('transpile by agent: files whose translation is still to be written, in plan order'),
});
export type PhaseResult = z.infer<typeof PhaseResultSchema>;

/** A phase's result as runPhase returns it: `said` is the reason with its fixes as data, for MCP's words. */
export type PhaseRun = PhaseResult & { readonly said?: Said };

export const PhaseStateSchema = z.object({
  phase: z.enum(PHASES).describe('phase name'),
  status: z.enum(['pending', 'running', 'passed', 'failed']).describe('current status'),
  startedAt: z.string().nullable().describe('ISO time the last run started'),
  finishedAt: z.string().nullable().describe('ISO time the last run finished'),
  reason: z.string().nullable().describe('why the last run failed'),
  artifacts: z.array(z.string()).describe('files written by the last run'),
  summary: z.record(z.string(), z.unknown()).nullable().describe('result of the last run'),
});
export type PhaseState = z.infer<typeof PhaseStateSchema>;

export const StatusSchema = z.object({
  root: z.string().describe('absolute project path'),
  next: z.enum(PHASES).nullable().describe('next phase to run, null when all passed'),
  phases: z.array(PhaseStateSchema).describe('every phase in order'),
});
export type Status = z.infer<typeof StatusSchema>;

/** Progress of a long phase, for CLI stderr lines and MCP progress notifications. */
export interface Progress {
  readonly phase: Phase;
  readonly done: number;
  readonly total: number;
  readonly message: string;
}

/** Options every phase accepts: cancellation and progress. */
export interface PhaseOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: Progress) => void;
  /**
   * Folders to search for transpilers, cargo and interpreters, PATH-style. The migration layer never
   * reads the environment itself, so entry code passes its own PATH here; without it only programs
   * given by path (batuta.toml `command = "./tools/x"`) are found.
   */
  readonly searchPath?: string;
  /**
   * The oracle, built (or handed over) on first use by the plan phase, which then adds its component
   * recommendations. A BatutaError it throws (a damaged learned model, knowledge data that does not load)
   * leaves the plan to the API mapping table, and the plan's notes say why.
   */
  readonly oracle?: () => Pick<Oracle, 'answer'>;
  /** Cargo release profile for the optimize phase. */
  readonly profile?: 'fast' | 'balanced' | 'aggressive';
  /** Elements of data the optimize phase plans for, over batuta.toml's `data_elements` and what it can see. */
  readonly dataElements?: number;
  /**
   * Who translates in the transpile phase: "agent" hands every file to an agent, "transpiler" runs the
   * transpilers; absent, batuta.toml decides per language and a file keeps the way it was done last time.
   */
  readonly by?: 'agent' | 'transpiler';
  /** Recipes of the knowledge base per stack component, quoted in the agent's briefs. */
  readonly recipes?: (component: string) => ReadonlyArray<{ id: string; problem: string; code: string }>;
}
