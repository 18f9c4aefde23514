/**
 * Dependencies an agent declares with a translation, since over MCP it writes only the one Rust file: a
 * project crate by path (a sibling in the workspace, or a Rust crate the project holds), a system library to
 * link, or a crates.io crate with a version requirement. Each is checked strictly, then written with batuta's
 * mark: crates as Cargo.toml lines, system libraries by a build.rs batuta owns (Cargo.toml cannot name a library
 * to link). The next submission that declares dependencies replaces them; a re-plan, which rewrites only the
 * lines it marks as the plan's, keeps them.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join, posix, relative } from 'node:path';
import { InvalidInputError } from '../errors.js';
import { isInside, realPathOf } from '../paths/contain.js';
import { readFileNoFollow } from '../paths/no-follow.js';
import { KEY, rewriteDependencies } from './manifest-table.js';
import { WORKSPACE_DIR } from './types.js';

/**
 * One declared dependency, as migration_submit_translation's `dependencies` take it (the MCP contract's zod
 * schema describes each field to the model): `path` for a project crate, `version` and `features` for a
 * crates.io crate.
 */
export interface Dependency {
  readonly kind: 'project' | 'system' | 'registry';
  readonly name: string;
  readonly path?: string | undefined;
  readonly version?: string | undefined;
  readonly features?: string[] | undefined;
}

/** The comment that marks a line (or build.rs) written from the dependencies submitted with a translation. */
const DECLARED_MARK = '# batuta: declared with the translation of';
const SCRIPT_MARK = '// batuta: links the system libraries declared with the translation of';

const CRATE_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
const LIBRARY_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.+-]*$/;
const FEATURE = /^[A-Za-z0-9_][A-Za-z0-9_+.-]*(\/[A-Za-z0-9_][A-Za-z0-9_+.-]*)?$/;
/** One comparator of a Cargo version requirement (`^1.2`, `>=0.4.3-beta.1`, `1.*`, `*`). */
const COMPARATOR =
  /^(=|>=|<=|>|<|~|\^)?\s*(\*|\d+(\.(\d+|\*)(\.(\d+|\*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?)?)?)$/;

const invalid = (name: string, problem: string) =>
  new InvalidInputError(`translation: dependency "${name}": ${problem}`, { dependency: name });

/** Whether `text` is a Cargo version requirement: comparators separated by commas. */
export const isVersionRequirement = (text: string): boolean =>
  text.split(',').every((part) => COMPARATOR.test(part.trim()));

/** The package name a Cargo.toml gives (`name = "…"` of its [package] table). */
function packageName(manifest: string): string | undefined {
  const table = /^\s*\[package\]\s*$([\s\S]*?)(^\s*\[|$(?![\s\S]))/m.exec(manifest)?.[1] ?? '';
  return /^\s*name\s*=\s*"([^"]+)"/m.exec(table)?.[1];
}

/** A project crate's folder relative to the project, checked: inside it, a library, the named package. */
function projectCrate(root: string, crate: string, dependency: Dependency): Dependency {
  const { name } = dependency;
  if (name === crate)
    throw invalid(name, `"${name}" is the crate this translation is written into (leave it out)`);
  const given = dependency.path;
  if (given !== undefined && isAbsolute(given))
    throw invalid(
      name,
      `path "${given}" is not relative to the project (give the crate folder relative to it)`,
    );
  const path = posix.normalize(given?.replaceAll('\\', '/') ?? `${WORKSPACE_DIR}/${name}`).replace(/\/$/, '');
  const real = realPathOf(join(root, path));
  if (!isInside(realPathOf(root), real))
    throw invalid(name, `path "${given}" is outside the project (give a crate folder inside it)`);
  const manifest = join(real, 'Cargo.toml');
  if (!existsSync(manifest)) {
    throw invalid(
      name,
      given === undefined
        ? `"${name}" is not a crate of the workspace (give its folder as path, relative to the project, or name a workspace crate)`
        : `${path} has no Cargo.toml (give the folder of a Rust crate)`,
    );
  }
  const text = readFileNoFollow(manifest).toString('utf8');
  const found = packageName(text);
  if (found !== name)
    throw invalid(name, `${path} holds the crate "${found ?? '?'}", not "${name}" (give its name)`);
  if (!/^\s*\[lib\]\s*$/m.test(text) && !existsSync(join(real, 'src', 'lib.rs')))
    throw invalid(name, `"${name}" is a program (no library target): only a library can be a dependency`);
  return { kind: 'project', name, path };
}

/** A system library, checked against the compiler's library folders when they are known. */
function systemLibrary(dependency: Dependency, folders: readonly string[] | undefined): Dependency {
  const { name } = dependency;
  const bare = name.replace(/^-l/, '').replace(/^lib(?=.)/, '');
  if (bare !== name) throw invalid(name, `give the library's name without -l or lib ("${bare}")`);
  if (!LIBRARY_NAME.test(name))
    throw invalid(name, `"${name}" is not a library name (letters, digits, _ . + and -, as after -l)`);
  const files = [`lib${name}.so`, `lib${name}.a`];
  if (folders !== undefined && !folders.some((folder) => files.some((f) => existsSync(join(folder, f))))) {
    throw invalid(
      name,
      `system library "${name}" is not installed (no ${files.join(' or ')} in the C compiler's library folders: install its -dev package, or write the code with std)`,
    );
  }
  return { kind: 'system', name };
}

/** A crates.io crate: its name, a version requirement and feature names. */
function registryCrate(dependency: Dependency): Dependency {
  const { name, version, features } = dependency;
  if (!CRATE_NAME.test(name))
    throw invalid(name, `"${name}" is not a crates.io crate name (letters, digits, - and _)`);
  if (version === undefined)
    throw invalid(name, `crates.io crate "${name}" needs a version requirement (e.g. version: "1")`);
  if (!isVersionRequirement(version)) {
    throw invalid(
      name,
      `"${version}" is not a Cargo version requirement (write one such as "1", "^1.2", "~0.4.3" or ">=1.2, <2")`,
    );
  }
  const bad = features?.find((f) => !FEATURE.test(f));
  if (bad !== undefined)
    throw invalid(
      name,
      `feature "${bad}" of ${name} is not a feature name (give it as Cargo.toml spells it)`,
    );
  return features === undefined || features.length === 0
    ? { kind: 'registry', name, version }
    : { kind: 'registry', name, version, features };
}

/**
 * The dependencies declared for `crate`, each checked (INVALID_INPUT in one line naming the problem and the fix);
 * project paths come back relative to the project. `libraryFolders` are the C compiler's (undefined: not known,
 * a system library is then taken on trust).
 */
export function checkDependencies(
  root: string,
  crate: string,
  dependencies: readonly Dependency[],
  libraryFolders: readonly string[] | undefined,
): Dependency[] {
  const seen = new Set<string>();
  return dependencies.map((dependency) => {
    const { kind, name } = dependency;
    if (seen.has(name)) throw invalid(name, `"${name}" is declared twice (declare each once)`);
    seen.add(name);
    if (kind !== 'registry' && (dependency.version !== undefined || dependency.features !== undefined))
      throw invalid(name, 'version and features apply to crates.io crates only (leave them out)');
    if (kind !== 'project' && dependency.path !== undefined)
      throw invalid(name, 'path applies to project crates only (leave it out)');
    if (kind === 'project') return projectCrate(root, crate, dependency);
    if (kind === 'system') return systemLibrary(dependency, libraryFolders);
    return registryCrate(dependency);
  });
}

/** The Cargo.toml line of a declared crate, marked. */
function lineOf(crate: string, dependency: Dependency, source: string): string {
  const mark = `${DECLARED_MARK} ${source}`;
  if (dependency.kind === 'project') {
    const from = relative(join(WORKSPACE_DIR, crate), dependency.path!).replaceAll('\\', '/');
    return `${dependency.name} = { path = "${from}" } ${mark}`;
  }
  const features =
    dependency.features === undefined
      ? ''
      : `, features = [${dependency.features.map((f) => `"${f}"`).join(', ')}]`;
  return `${dependency.name} = { version = "${dependency.version}"${features} } ${mark}`;
}

/**
 * `manifest` with the crates of `dependencies` in its [dependencies] table, marked, in place of the lines an
 * earlier submission declared; a line the plan wrote for the same crate gives way, one the agent wrote by hand
 * is an error (the crate would be named twice). System libraries are build.rs's (linkScript).
 */
export function withDeclared(
  manifest: string,
  crate: string,
  dependencies: readonly Dependency[],
  source: string,
): string {
  const crates = dependencies.filter((d) => d.kind !== 'system');
  const names = new Set(crates.map((d) => d.name));
  const keep = (line: string, key: string | undefined): boolean => {
    if (line.includes(DECLARED_MARK)) return false;
    if (key === undefined || !names.has(key)) return true;
    if (line.includes('# batuta: ')) return false;
    throw invalid(
      key,
      `Cargo.toml already names "${key}" on a line batuta did not write (leave it out of dependencies)`,
    );
  };
  return rewriteDependencies(manifest, keep, () => crates.map((d) => lineOf(crate, d, source)), 'last');
}

/** The build.rs that links the declared system libraries; undefined when none is declared. */
export function linkScript(dependencies: readonly Dependency[], source: string): string | undefined {
  const system = dependencies.filter((d) => d.kind === 'system');
  if (system.length === 0) return undefined;
  return [
    `${SCRIPT_MARK} ${source}; batuta rewrites this file.`,
    'fn main() {',
    ...system.map((d) => `    println!("cargo:rustc-link-lib=${d.name}");`),
    '}',
    '',
  ].join('\n');
}

/** Whether a build.rs is batuta's (written by linkScript), which a new submission may rewrite or remove. */
export const isLinkScript = (text: string): boolean => text.startsWith(SCRIPT_MARK);

/** The dependencies declared for `crate` as its manifest and build.rs (when batuta's) say them. */
export function declaredIn(manifest: string, crate: string, buildScript: string | undefined): Dependency[] {
  const out: Dependency[] = [];
  for (const line of manifest.split('\n').filter((l) => l.includes(DECLARED_MARK))) {
    const name = KEY.exec(line)?.[1];
    if (name === undefined) continue;
    const path = /path = "([^"]*)"/.exec(line)?.[1];
    const version = /version = "([^"]*)"/.exec(line)?.[1];
    const features = [...(/features = \[([^\]]*)\]/.exec(line)?.[1] ?? '').matchAll(/"([^"]*)"/g)].map(
      (m) => m[1]!,
    );
    if (path !== undefined) out.push({ kind: 'project', name, path: posix.join(WORKSPACE_DIR, crate, path) });
    else if (version !== undefined)
      out.push(
        features.length > 0
          ? { kind: 'registry', name, version, features }
          : { kind: 'registry', name, version },
      );
  }
  const script = buildScript !== undefined && isLinkScript(buildScript) ? buildScript : '';
  const system = [...script.matchAll(/cargo:rustc-link-lib=([^"]+)"/g)].map(
    (m): Dependency => ({ kind: 'system', name: m[1]! }),
  );
  // Project crates, then the linked libraries, then crates.io crates: the order the brief's advice names them.
  return [...out.filter((d) => d.kind === 'project'), ...system, ...out.filter((d) => d.kind === 'registry')];
}

/**
 * `manifest` (of `crate`) without the project crates declared in it whose folder has no Cargo.toml any more (a
 * re-plan set a sibling crate aside, or the folder moved): cargo could not load the workspace with them, so no
 * crate would check. Returns the crates taken out, with their folders relative to the project.
 */
export function withoutGoneCrates(
  root: string,
  crate: string,
  manifest: string,
): { manifest: string; gone: Dependency[] } {
  const gone = declaredIn(manifest, crate, undefined).filter(
    (d) => d.kind === 'project' && !existsSync(join(root, d.path!, 'Cargo.toml')),
  );
  if (gone.length === 0) return { manifest, gone };
  const names = new Set(gone.map((d) => d.name));
  const keep = (line: string, key: string | undefined) =>
    !(line.includes(DECLARED_MARK) && key !== undefined && names.has(key));
  return { manifest: rewriteDependencies(manifest, keep, () => [], 'last'), gone };
}

/** Why a file waits when the project crates it declared are gone (withoutGoneCrates), and what to do. */
export function goneReason(gone: readonly Dependency[]): string {
  const named = gone.map((d) => `${d.name} (${d.path})`).join(', ');
  const one = gone.length === 1;
  return `its declared ${one ? 'dependency' : 'dependencies'} ${named} ${one ? 'has' : 'have'} no Cargo.toml any more, so batuta took ${one ? 'it' : 'them'} out of Cargo.toml (declare the crate under its new name or path in migration_submit_translation's dependencies, or write the code without it)`;
}

/** The dependencies declared for a crate, as its Cargo.toml and build.rs in `dir` say them (none without a manifest). */
export function declaredOf(dir: string, crate: string): Dependency[] {
  const read = (file: string) =>
    existsSync(join(dir, file)) ? readFileNoFollow(join(dir, file)).toString('utf8') : undefined;
  return declaredIn(read('Cargo.toml') ?? '', crate, read('build.rs'));
}

/** A declared dependency in a few words, for the brief, the submission's text and the status. */
export function describeDependency(d: Dependency): string {
  if (d.kind === 'project') return `${d.name} (project crate, ${d.path})`;
  if (d.kind === 'system') return `${d.name} (system library, linked by build.rs)`;
  const features = d.features === undefined ? '' : ` with ${d.features.join(', ')}`;
  return `${d.name} ${d.version}${features} (crates.io)`;
}
