/**
 * Loads knowledge/ from disk: parses every YAML file, validates it with the zod schemas and
 * cross-checks the references between files. Any problem becomes one InvalidDataError that names
 * the file, the path inside it and the bad value, so a typo never turns into a wrong answer.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';
import type { z } from 'zod';
import { InvalidDataError } from '../errors.js';
import { checkKnowledge } from './check.js';
import {
  CapabilitySchema,
  ComponentSchema,
  DomainSchema,
  IntegrationSchema,
  type Knowledge,
  LayerSchema,
  RecipeSchema,
} from './schema.js';

/** The package root (found from this file, which lives in src/knowledge or dist/src/knowledge). */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'knowledge'))) return dir;
    dir = dirname(dir);
  }
  throw new InvalidDataError(
    'knowledge: cannot find the knowledge/ folder of the package (reinstall batuta)',
  );
}

/** The knowledge/ folder shipped with the package. */
export function defaultKnowledgeDir(): string {
  return join(packageRoot(), 'knowledge');
}

/** Where the build writes the validated snapshot of the shipped knowledge/ (see snapshot.ts). */
export function defaultSnapshotPath(): string {
  return join(packageRoot(), 'dist', 'knowledge-snapshot.json');
}

function fail(file: string, where: string, problem: string): never {
  const at = where === '' ? '' : `${where}: `;
  throw new InvalidDataError(`knowledge: ${file}: ${at}${problem} (fix the file)`, { file, path: where });
}

/** The text of every knowledge file, keyed by its path relative to the folder, in a stable order. */
export type Sources = ReadonlyMap<string, string>;

const TOP_FILES = ['layers.yaml', 'domains.yaml', 'capabilities.yaml', 'integrations.yaml', 'recipes.yaml'];

function yamlFiles(dir: string, sub: string): string[] {
  const folder = join(dir, sub);
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort()
    .map((f) => `${sub}/${f}`);
}

/** Reads the text of every knowledge file under `dir` (cheap: no parsing). */
export function readSources(dir: string): Sources {
  const files = [...TOP_FILES, ...yamlFiles(dir, 'components'), ...yamlFiles(dir, 'recipes')];
  const sources = new Map<string, string>();
  for (const file of files) {
    const path = join(dir, file);
    if (existsSync(path)) sources.set(file, readFileSync(path, 'utf8'));
  }
  return sources;
}

/** A hash of the file names and texts; a snapshot is valid only for the sources it was built from. */
export function fingerprint(sources: Sources): string {
  const hash = createHash('sha256');
  for (const [file, text] of sources) hash.update(`${file}\0${text}\0`);
  return hash.digest('hex');
}

function readYaml(sources: Sources, file: string): unknown {
  const text = sources.get(file);
  if (text === undefined) {
    throw new InvalidDataError(
      `knowledge: ${file} is missing (restore it or point to a complete knowledge folder)`,
      {
        file,
      },
    );
  }
  try {
    return yaml.load(text, { filename: file });
  } catch (error) {
    const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    return fail(file, '', `not valid YAML: ${message.replace(/^YAMLException: /, '')}`);
  }
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Validates `data` against `schema`, reporting the first issue with its path and the value found. */
export function validate<S extends z.ZodType>(
  schema: S,
  data: unknown,
  file: string,
  prefix = '',
): z.output<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (issue === undefined) return fail(file, prefix, 'invalid');
  const path = issue.path.map(String);
  const where = [prefix, path.join('.')].filter((p) => p !== '').join('.');
  const message = issue.message.replace(/^Invalid input: /, '').replace(/, received \w+$/, '');
  if (issue.code === 'unrecognized_keys')
    return fail(file, where, `${message} (allowed keys are in the schema)`);
  return fail(file, where, `${message}, got ${describeValue(valueAt(data, issue.path))}`);
}

function validateList<S extends z.ZodType>(schema: S, data: unknown, file: string): z.output<S>[] {
  if (!Array.isArray(data)) return fail(file, '', `expected a list of entries, got ${describeValue(data)}`);
  return data.map((entry, i) => validate(schema, entry, file, String(i)));
}

function loadComponents(sources: Sources): Knowledge['components'] {
  const files = [...sources.keys()].filter((f) => f.startsWith('components/'));
  if (files.length === 0) {
    throw new InvalidDataError(
      'knowledge: components/ has no component files (add one YAML file per component)',
    );
  }
  const components = files.map((file) => {
    const component = validate(ComponentSchema, readYaml(sources, file), file);
    const stem = file.replace(/^components\//, '').replace(/\.ya?ml$/, '');
    if (component.name !== stem)
      fail(file, 'name', `must match the file name "${stem}", got "${component.name}"`);
    return component;
  });
  return components.sort((a, b) => a.layer - b.layer || a.name.localeCompare(b.name));
}

function loadRecipes(sources: Sources): Knowledge['recipes'] {
  const files = [...sources.keys()].filter((f) => f === 'recipes.yaml' || f.startsWith('recipes/'));
  return files.flatMap((file) => validateList(RecipeSchema, readYaml(sources, file), file));
}

/** Parses, validates and cross-checks knowledge sources. */
export function parseKnowledge(sources: Sources): Knowledge {
  const knowledge: Knowledge = {
    layers: validateList(LayerSchema, readYaml(sources, 'layers.yaml'), 'layers.yaml'),
    domains: validateList(DomainSchema, readYaml(sources, 'domains.yaml'), 'domains.yaml'),
    capabilities: validateList(CapabilitySchema, readYaml(sources, 'capabilities.yaml'), 'capabilities.yaml'),
    components: loadComponents(sources),
    integrations: validateList(
      IntegrationSchema,
      readYaml(sources, 'integrations.yaml'),
      'integrations.yaml',
    ),
    recipes: loadRecipes(sources),
  };
  checkKnowledge(knowledge);
  return knowledge;
}

/** A snapshot's knowledge when it was built from exactly `sources`, else null. */
function readSnapshot(path: string, sources: Sources): Knowledge | null {
  try {
    const snapshot = JSON.parse(readFileSync(path, 'utf8')) as {
      fingerprint?: string;
      knowledge?: Knowledge;
    };
    return snapshot.fingerprint === fingerprint(sources) && snapshot.knowledge !== undefined
      ? snapshot.knowledge
      : null;
  } catch {
    return null;
  }
}

/**
 * Reads and validates a knowledge folder (default: the one shipped with the package). Parsing YAML
 * costs tens of milliseconds per process, so when a snapshot written by the build (snapshot.ts) matches
 * the files byte for byte it is used instead; any edit to the files makes it stale and ignored.
 * Throws InvalidDataError naming the file, the path inside it and the bad value.
 */
export function loadKnowledge(dir?: string, options: { snapshot?: string | null } = {}): Knowledge {
  const root = resolve(dir ?? defaultKnowledgeDir());
  if (!existsSync(root)) {
    throw new InvalidDataError(
      `knowledge: folder "${root}" does not exist (give a folder with layers.yaml, capabilities.yaml, components/ ...)`,
    );
  }
  const sources = readSources(root);
  const snapshot =
    options.snapshot === undefined ? (dir === undefined ? defaultSnapshotPath() : null) : options.snapshot;
  return (snapshot === null ? null : readSnapshot(snapshot, sources)) ?? parseKnowledge(sources);
}
