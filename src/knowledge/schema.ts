/**
 * The shape of the human-edited files under knowledge/. Every field is validated at load time so a
 * typo in a YAML file is reported with its file, path and value instead of surfacing as a wrong answer.
 */
import { z } from 'zod';

const id = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lower-case kebab-case id such as "trueno-db"');

const LAYER_RANGE = 'expected a number from 0 to 6';
/** A layer number; every failure says the same thing so the error names the rule, not zod's internals. */
const layerNumber = z.number({ error: LAYER_RANGE }).int(LAYER_RANGE).min(0, LAYER_RANGE).max(6, LAYER_RANGE);

export const PLATFORMS = ['cpu', 'simd', 'gpu', 'wasm', 'edge', 'serverless', 'distributed'] as const;
export const LANGUAGES = ['rust', 'python', 'c', 'cpp', 'shell', 'ruchy', 'wasm'] as const;

export const LayerSchema = z.strictObject({
  id: layerNumber.describe('Layer number, 0 (compute primitives) to 6 (data & MLOps)'),
  name: z.string().min(1).describe('Layer name, e.g. "Compute Primitives"'),
  description: z.string().min(1).describe('What the components of this layer have in common'),
});

export const CapabilitySchema = z.strictObject({
  id: id.describe('Stable capability id, e.g. "vector-search"'),
  name: z.string().min(1).describe('Human-readable name'),
  description: z.string().min(1).describe('One sentence on what having this capability means'),
  synonyms: z.array(z.string().min(1)).default([]).describe('Words and phrases people type for it'),
  situations: z
    .array(z.string().min(1))
    .default([])
    .describe('Situations it serves in plain words: what a user has and wants, without naming the technique'),
  domain: id.describe('Problem domain the capability belongs to, an id from domains.yaml'),
});

export const DomainSchema = z.strictObject({
  id: id.describe('Stable domain id, e.g. "ml-training"'),
  name: z.string().min(1).describe('Human-readable name'),
  synonyms: z.array(z.string().min(1)).default([]).describe('Words and phrases that signal this domain'),
});

/** Where a component is published now; the stack renamed most crates when it moved into one repository. */
export const PublishedSchema = z.strictObject({
  crate: id.describe('Crate name on crates.io now, e.g. "aprender-serve"'),
  repository: z.string().url().describe('Repository that holds its source now'),
  since: z
    .string()
    .regex(/^\d{4}(-\d{2}){0,2}$/, 'must be a date such as "2026" or "2026-03-01"')
    .optional()
    .describe('When it took this crate name and repository'),
  earlier: z.array(id).default([]).describe('Crate names it was published under before'),
});

export const ComponentSchema = z.strictObject({
  name: id.describe('Crate name, e.g. "trueno-db"'),
  display: z.string().min(1).describe('Display name, e.g. "Trueno-DB"'),
  version: z
    .string()
    .regex(/^\d+\.\d+(\.\d+)?$/, 'must be a version such as "0.3.11"')
    .describe('Version'),
  layer: layerNumber.describe('Layer number 0-6'),
  summary: z.string().min(1).max(120).describe('One line: what it is'),
  description: z.string().min(80).describe('One paragraph in our own words'),
  capabilities: z.array(id).min(5).describe('Capability ids from capabilities.yaml'),
  domains: z.array(id).min(1).describe('Domain ids from domains.yaml'),
  replaces: z.array(z.string().min(1)).default([]).describe('Tools it replaces, e.g. "NumPy", "Pinecone"'),
  platforms: z.array(z.enum(PLATFORMS)).min(1).describe('Where it runs'),
  languages: z
    .object({
      reads: z.array(z.enum(LANGUAGES)).default([]).describe('Languages it takes as input'),
      writes: z.array(z.enum(LANGUAGES)).default([]).describe('Languages it produces'),
    })
    .describe('Languages the component reads or writes'),
  keywords: z.array(z.string().min(1)).default([]).describe('Extra words that should lead to it'),
  published: PublishedSchema.optional().describe('The crate and repository it is published under now'),
});

export const IntegrationSchema = z.strictObject({
  from: id.describe('Component the data or call starts at'),
  to: id.describe('Component it goes to'),
  pattern: z.string().min(1).describe('Pattern name, e.g. "model export"'),
  description: z.string().min(1).describe('What flows between the two and why'),
  code: z.string().optional().describe('Optional Rust code template'),
});

export const RecipeSchema = z.strictObject({
  id: id.describe('Stable recipe id'),
  problem: z.string().min(1).describe('The problem this recipe solves, phrased as a user would'),
  components: z.array(id).min(1).describe('Components used, primary first'),
  tags: z.array(z.string().min(1)).min(1).describe('Search tags'),
  code: z.string().min(1).describe('Rust code'),
  test: z.string().min(1).describe('A Rust test companion for the code'),
});

export type Layer = z.infer<typeof LayerSchema>;
export type Capability = z.infer<typeof CapabilitySchema>;
export type Domain = z.infer<typeof DomainSchema>;
export type Component = z.infer<typeof ComponentSchema>;
export type Published = z.infer<typeof PublishedSchema>;
export type Integration = z.infer<typeof IntegrationSchema>;
export type Recipe = z.infer<typeof RecipeSchema>;
export type Platform = (typeof PLATFORMS)[number];
export type Language = (typeof LANGUAGES)[number];

/** Everything under knowledge/, validated and cross-checked. */
export interface Knowledge {
  readonly layers: readonly Layer[];
  readonly domains: readonly Domain[];
  readonly capabilities: readonly Capability[];
  readonly components: readonly Component[];
  readonly integrations: readonly Integration[];
  readonly recipes: readonly Recipe[];
}
