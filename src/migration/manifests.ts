/**
 * Reads dependency manifests (requirements.txt, pyproject.toml, setup.py, CMakeLists.txt, Makefile, Cargo.toml) so
 * the plan knows which libraries the project declares, not only which it imports.
 */
import { parse as parseToml } from 'smol-toml';
import type { Manifest } from './types.js';

function requirementName(spec: string): string | undefined {
  const name = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(spec)?.[1];
  return name?.toLowerCase();
}

function fromRequirements(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/#.*/, '').trim())
    .filter((line) => line !== '' && !line.startsWith('-'))
    .flatMap((line) => requirementName(line) ?? []);
}

function fromPyproject(text: string): string[] {
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text) as Record<string, unknown>;
  } catch {
    return [];
  }
  const project = (doc['project'] ?? {}) as { dependencies?: unknown };
  const names = Array.isArray(project.dependencies)
    ? project.dependencies.flatMap((d) => (typeof d === 'string' ? (requirementName(d) ?? []) : []))
    : [];
  const poetry = ((doc['tool'] as Record<string, unknown> | undefined)?.['poetry'] ?? {}) as Record<
    string,
    unknown
  >;
  const deps = poetry['dependencies'];
  if (deps !== null && typeof deps === 'object')
    names.push(...Object.keys(deps).filter((n) => n !== 'python'));
  return names;
}

function fromSetupPy(text: string): string[] {
  const block = /install_requires\s*=\s*\[([^\]]*)\]/s.exec(text)?.[1] ?? '';
  return [...block.matchAll(/['"]([^'"]+)['"]/g)].flatMap((m) => requirementName(m[1]!) ?? []);
}

/** Crates a Cargo.toml depends on: [dependencies], dev, build, workspace and per-target tables. */
function fromCargo(text: string): string[] {
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text) as Record<string, unknown>;
  } catch {
    return [];
  }
  const tables = (scope: Record<string, unknown> | undefined): string[] =>
    ['dependencies', 'dev-dependencies', 'build-dependencies'].flatMap((key) => {
      const table = scope?.[key];
      return table !== null && typeof table === 'object' ? Object.keys(table) : [];
    });
  const targets = Object.values((doc['target'] ?? {}) as Record<string, Record<string, unknown>>);
  return [
    ...tables(doc),
    ...tables(doc['workspace'] as Record<string, unknown> | undefined),
    ...targets.flatMap((t) => tables(t)),
  ];
}

function fromCmake(text: string): string[] {
  const found = [...text.matchAll(/find_package\s*\(\s*([A-Za-z0-9_]+)/gi)].map((m) => m[1]!);
  for (const m of text.matchAll(/target_link_libraries\s*\(\s*\S+\s+([^)]*)\)/gi)) {
    found.push(...m[1]!.split(/\s+/).filter((w) => w !== '' && !/^(PUBLIC|PRIVATE|INTERFACE)$/.test(w)));
  }
  return found;
}

function fromMakefile(text: string): string[] {
  return [...text.matchAll(/(?:^|\s)-l([A-Za-z0-9_+-]+)/g)].map((m) => m[1]!);
}

const READERS: ReadonlyArray<[RegExp, string, (text: string) => string[]]> = [
  [/(^|\/)requirements[^/]*\.txt$/, 'requirements.txt', fromRequirements],
  [/(^|\/)pyproject\.toml$/, 'pyproject.toml', fromPyproject],
  [/(^|\/)setup\.py$/, 'setup.py', fromSetupPy],
  [/(^|\/)CMakeLists\.txt$/, 'CMakeLists.txt', fromCmake],
  [/(^|\/)Cargo\.toml$/, 'Cargo.toml', fromCargo],
  [/(^|\/)(GNUmakefile|[Mm]akefile)$/, 'Makefile', fromMakefile],
];

/** True when `path` names a manifest this module can read. */
export function isManifest(path: string): boolean {
  return READERS.some(([pattern]) => pattern.test(path));
}

/** Reads one manifest; the dependency names are de-duplicated in order of appearance. */
export function readManifest(path: string, text: string): Manifest | undefined {
  const reader = READERS.find(([pattern]) => pattern.test(path));
  if (reader === undefined) return undefined;
  return { path, kind: reader[1], dependencies: [...new Set(reader[2](text))] };
}
