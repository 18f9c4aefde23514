/**
 * Output shapes shared by several tools and resources. They are the MCP contract: each tool's
 * outputSchema is built from them and `deps` must produce values of these types, so a change in the
 * domain shows up as a type error here rather than as a surprise in a client.
 */
import { z } from 'zod';

export const ComponentSummarySchema = z.object({
  name: z.string().describe('Crate name, e.g. "trueno-db"'),
  display: z.string().describe('Display name'),
  version: z.string().describe('Version in the stack'),
  layer: z.number().int().describe('Layer number, 0 (compute primitives) to 6 (data and MLOps)'),
  layerName: z.string().describe('Name of the layer'),
  summary: z.string().describe('One line: what the component is'),
  published: z
    .object({
      crate: z.string().describe('Crate name it is published under now, e.g. "aprender-serve"'),
      repository: z.string().describe('Repository that holds its source now'),
      since: z.string().optional().describe('When it took this crate name and repository, e.g. "2026"'),
    })
    .optional()
    .describe('Where the component is published now, when the knowledge base records it'),
});

export const IntegrationSchema = z.object({
  from: z.string().describe('Component the data or call starts at'),
  to: z.string().describe('Component it goes to'),
  pattern: z.string().describe('Integration pattern name, e.g. "model export"'),
  description: z.string().describe('What flows between the two and why'),
  code: z.string().optional().describe('Rust code template, when the knowledge base has one'),
});

export const ComponentDetailSchema = ComponentSummarySchema.extend({
  description: z.string().describe('One paragraph on the component'),
  capabilities: z.array(z.string()).describe('Capability ids'),
  domains: z.array(z.string()).describe('Problem domain ids'),
  replaces: z.array(z.string()).describe('Tools it replaces, e.g. "NumPy"'),
  platforms: z
    .array(z.string())
    .describe('Where it runs: cpu, simd, gpu, wasm, edge, serverless, distributed'),
  languages: z
    .object({
      reads: z.array(z.string()).describe('Languages it takes as input'),
      writes: z.array(z.string()).describe('Languages it produces'),
    })
    .describe('Languages the component reads or writes'),
  integrations: z.array(IntegrationSchema).describe('Integrations that start or end at this component'),
  recipes: z.array(z.string()).describe('Ids of the recipes that use it; search_recipes returns their code'),
});

export const HopSchema = z.object({
  from: z.string().describe('Component this hop starts at'),
  to: z.string().describe('Component this hop reaches'),
  pattern: z.string().describe('Integration pattern used'),
  reversed: z.boolean().describe('True when the hop walks the integration against the direction data flows'),
  explanation: z.string().describe('What flows over this hop'),
});

export const IntegrationRouteSchema = z.object({
  from: z.string().describe('Start component (resolved name)'),
  to: z.string().describe('End component (resolved name)'),
  mode: z
    .enum(['direct', 'directed', 'undirected', 'none'])
    .describe('direct pattern, a chain along the flow, a chain with hops against it, or no connection'),
  direct: z.array(IntegrationSchema).describe('Patterns that connect the two directly'),
  hops: z.array(HopSchema).describe('The shortest chain of integrations, one entry per hop'),
});

export const RecipeSchema = z.object({
  id: z.string().describe('Recipe id'),
  problem: z.string().describe('The problem the recipe solves'),
  components: z.array(z.string()).describe('Components used, primary first'),
  tags: z.array(z.string()).describe('Search tags'),
  code: z.string().describe('Rust code'),
  test: z.string().describe('A Rust test for the code'),
});

export const CitationSchema = z.object({
  collection: z.string().describe('Document collection, "specs" for the shipped specs'),
  source: z.string().describe('File path relative to the collection root'),
  heading: z.string().describe('Heading of the cited section'),
  lines: z.tuple([z.number().int(), z.number().int()]).describe('First and last line, 1-based, inclusive'),
});

export type ComponentSummary = z.infer<typeof ComponentSummarySchema>;
export type ComponentDetail = z.infer<typeof ComponentDetailSchema>;
export type IntegrationOut = z.infer<typeof IntegrationSchema>;
export type IntegrationRoute = z.infer<typeof IntegrationRouteSchema>;
export type RecipeOut = z.infer<typeof RecipeSchema>;
export type Citation = z.infer<typeof CitationSchema>;

export const RecommendationSchema = z.object({
  query: z.string().describe('The question as asked'),
  problem: z
    .object({ domains: z.array(z.string()).describe('Problem domains recognised in the question') })
    .describe('How the question was understood'),
  primary: z
    .object({
      component: z.string().describe('The component to start with'),
      confidence: z.number().describe('Confidence from 0 to 1'),
      rationale: z.string().describe('Why this component'),
      capabilities: z.array(z.string()).describe('Its capabilities that matter for the question'),
    })
    .nullable()
    .describe('The recommended component, or null when the question matches nothing in the stack'),
  supporting: z
    .array(
      z.object({
        component: z.string().describe('A component to use alongside the primary one'),
        confidence: z.number().describe('Confidence from 0 to 1'),
        rationale: z.string().describe('Why it helps'),
        via: z.string().optional().describe('Integration pattern that connects it to the primary component'),
      }),
    )
    .describe('Supporting components, most useful first'),
  compute: z
    .object({
      backend: z.string().describe('scalar, simd, gpu or distributed'),
      rationale: z.string().describe('Why this backend'),
    })
    .nullable()
    .describe('Compute backend advice, or null when it does not apply'),
  integrations: z.array(IntegrationSchema).describe('Integrations between the recommended components'),
  citations: z.array(CitationSchema).describe('Spec sections the answer rests on'),
  example: z
    .object({
      recipe: z.string().describe('Recipe id; search_recipes returns it in full with its test'),
      problem: z.string().describe('The problem the recipe solves'),
      code: z.string().describe('Rust code'),
    })
    .nullable()
    .describe('A code recipe for the recommended components, or null'),
  related: z.array(z.string()).describe('Related questions worth asking next'),
});

const HEADING_FROM =
  "Present when the text has no heading of its own (it comes before the page's first heading, or the page " +
  "has none): heading is then the page's title, or else the file's name";

/** A file folded into a search hit because its text is the same as the hit's (or a near copy). */
export const SearchCopySchema = z.object({
  source: z.string().describe('File path relative to the collection root'),
  heading: z.string().describe('Heading path of the copy in that file'),
  headingFrom: z.enum(['title', 'file name']).optional().describe(HEADING_FROM),
  lines: z.tuple([z.number().int(), z.number().int()]).describe('First and last line, 1-based, inclusive'),
});

export const SearchHitSchema = z.object({
  collection: z.string().describe('Collection the document belongs to'),
  source: z.string().describe('File path relative to the collection root'),
  component: z.string().nullable().describe('Component the document is about, or null'),
  heading: z.string().describe('Heading path of the matching section'),
  headingFrom: z.enum(['title', 'file name']).optional().describe(HEADING_FROM),
  lines: z.tuple([z.number().int(), z.number().int()]).describe('First and last line, 1-based, inclusive'),
  score: z.number().describe('Relevance score; higher is better, comparable within one search only'),
  snippet: z.string().describe('The start of the matching text'),
  copies: z
    .array(SearchCopySchema)
    .optional()
    .describe(
      'Other files that hold the same text or a near copy of it (a page rendered twice, a template page); ' +
        'folded into this hit so each text is listed once. Absent when there are none',
    ),
});

/** What the domain hands over: the contract's shape with readonly arrays and fields. */
export type DeepReadonly<T> = T extends readonly (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

export type Recommendation = DeepReadonly<z.infer<typeof RecommendationSchema>>;
export type SearchHit = z.infer<typeof SearchHitSchema>;

/** The migration phases, in the order they run. */
export const MIGRATION_PHASES = ['analyze', 'plan', 'transpile', 'optimize', 'validate', 'deploy'] as const;
export type MigrationPhase = (typeof MIGRATION_PHASES)[number];

export const PendingFileSchema = z.object({
  source: z.string().describe('Source file waiting for its translation, relative to the project'),
  crate: z.string().describe('Crate the translation goes into'),
  file: z
    .string()
    .describe('Rust file to write, relative to the project (its brief TRANSLATE.md is in the crate folder)'),
  reason: z.string().describe('What is missing: the translation, or the cargo build error it failed on'),
});

export const DiagnosticSchema = z.object({
  level: z.string().describe('error, warning or note'),
  message: z.string().describe("rustc's message"),
  code: z.string().nullable().describe('rustc error code such as E0425, or null'),
  file: z.string().nullable().describe('File relative to the crate folder, or null'),
  line: z.number().int().nullable().describe('Line of the primary span (1-based), or null'),
  column: z.number().int().nullable().describe('Column of the primary span (1-based), or null'),
});

export const DeclaredDependencySchema = z.object({
  kind: z
    .enum(['project', 'system', 'registry'])
    .describe(
      "project: a Rust crate of the project (a sibling crate of the workspace, or a crate folder the project holds); system: a C library to link (batuta writes a build.rs for it); registry: a crates.io crate (this machine builds offline: one not in cargo's cache fails the check)",
    ),
  name: z
    .string()
    .min(1)
    .max(64)
    .describe(
      'The crate\'s package name (io-sh, serde), or the library\'s name without "lib" and "-l" (nettle)',
    ),
  path: z
    .string()
    .max(4096)
    .optional()
    .describe(
      'project only: the crate folder relative to the project; default: the workspace crate of that name',
    ),
  version: z
    .string()
    .max(100)
    .optional()
    .describe(
      'registry only, required: a Cargo version requirement such as "1", "^0.4.3", "~1.2" or ">=1.2, <2"',
    ),
  features: z
    .array(z.string().max(64))
    .max(32)
    .optional()
    .describe('registry only: features of the crate to enable'),
});

export const SubmissionSchema = z.object({
  source: z.string().describe('Source file the translation is for, relative to the project'),
  crate: z.string().describe('Crate the code was written into'),
  file: z.string().describe('Rust file written, relative to the project'),
  passed: z.boolean().describe('Whether cargo build --offline (compile and link) passed on the crate'),
  diagnostics: z.array(DiagnosticSchema).describe("rustc's errors and warnings for the crate"),
  log: z.string().describe('Log with the rendered diagnostics, relative to the project'),
  waiting: z.array(z.string()).describe('Source files whose translation is still pending'),
  dependencies: z
    .array(DeclaredDependencySchema)
    .describe('The dependencies declared for the crate, as its Cargo.toml and build.rs now say them'),
});

export const PhaseResultSchema = z.object({
  phase: z.enum(MIGRATION_PHASES).describe('Phase that ran'),
  status: z
    .enum(['passed', 'failed'])
    .describe('Whether the quality gate passed; a failed gate stops the line'),
  reason: z.string().optional().describe('Why the gate failed and what to do'),
  summary: z.record(z.string(), z.unknown()).describe('Phase-specific result (counts, findings, sizes)'),
  artifacts: z.array(z.string()).describe('Files written, relative to the project root'),
  seconds: z.number().describe('Wall time of the phase'),
  pending: z
    .array(PendingFileSchema)
    .optional()
    .describe(
      'migration_transpile by agent: files whose Rust is still to be written, in plan order; submit each with migration_submit_translation',
    ),
});

export const MigrationStatusSchema = z.object({
  root: z.string().describe('Absolute project path'),
  next: z.enum(MIGRATION_PHASES).nullable().describe('Next phase to run, or null when every phase passed'),
  phases: z
    .array(
      z.object({
        phase: z.enum(MIGRATION_PHASES).describe('Phase name'),
        status: z.enum(['pending', 'running', 'passed', 'failed']).describe('Current status'),
        startedAt: z.string().nullable().describe('ISO time the last run started'),
        finishedAt: z.string().nullable().describe('ISO time the last run finished'),
        reason: z.string().nullable().describe('Why the last run failed'),
        artifacts: z.array(z.string()).describe('Files written by the last run'),
      }),
    )
    .describe('Every phase in order'),
});

export const MigrationResetSchema = z.object({
  root: z.string().describe('Absolute project path'),
  removed: z
    .boolean()
    .describe("Whether the project's .batuta folder is gone (false: it was absent or kept files)"),
  deleted: z.array(z.string()).describe('Entries of .batuta that batuta wrote and the reset removed'),
  kept: z
    .array(z.string())
    .describe('Entries of .batuta that batuta did not write, left in place (the folder stays for them)'),
});

export type PhaseResult = z.infer<typeof PhaseResultSchema>;
export type Submission = z.infer<typeof SubmissionSchema>;
export type DeclaredDependency = z.infer<typeof DeclaredDependencySchema>;
export type MigrationStatus = z.infer<typeof MigrationStatusSchema>;
export type MigrationReset = z.infer<typeof MigrationResetSchema>;
