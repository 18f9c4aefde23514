/**
 * Phase 2, planning: per source file the transpiler, the crate it becomes, the order (a file after
 * the project files it imports), the stack crates it needs and its risks. Pure but for the oracle the
 * caller hands over: analysis in, plan out.
 */
import { posix } from 'node:path';
import { BatutaError } from '../errors.js';
import type { Oracle } from '../oracle/recommend.js';
import { AGENT } from './agent.js';
import { HEADER } from './brief.js';
import type { MigrationConfig } from './config.js';
import { COMPLEX_FUNCTION } from './debt.js';
import { countOf } from './describe.js';
import type { HeaderLibrary } from './header-library.js';
import { findMapping } from './ml-mappings.js';
import { sourcedPaths } from './sourced.js';
import type {
  Analysis,
  FileAnalysis,
  PhaseOptions,
  Plan,
  PlanModule,
  SourceLanguage,
  SystemHeader,
} from './types.js';

/** The transpiler per language and the command that installs it. */
export const TRANSPILERS: Record<SourceLanguage, { tool: string; install: string; args: string[] }> = {
  python: {
    tool: 'depyler',
    install: 'cargo install depyler',
    args: ['transpile', '{input}', '-o', '{output}/src/main.rs'],
  },
  c: {
    tool: 'decy',
    install: 'cargo install decy',
    args: ['transpile', '{input}', '-o', '{output}/src/main.rs'],
  },
  cpp: {
    tool: 'decy',
    install: 'cargo install decy',
    args: ['transpile', '{input}', '-o', '{output}/src/main.rs'],
  },
  shell: {
    tool: 'bashrs',
    install: 'cargo install bashrs',
    args: ['build', '{input}', '-o', '{output}/src/main.rs'],
  },
};

/** Lower-case letters, digits and dashes: the spelling Cargo package names take here. */
function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** A Cargo package name derived from the file path (`pkg/io_utils.py` → `pkg-io-utils`). */
export function crateName(path: string): string {
  const base = slug(path.replace(/\.[^./]+$/, ''));
  return /^[a-z]/.test(base) ? base : `m-${base}`;
}

/** The files a Python module path (`parts` under folder `root`) may be: a module or a package. */
function modulePaths(root: string, parts: readonly string[]): string[] {
  if (parts.length === 0) return [posix.join(root, '__init__.py')];
  const rest = parts.join('/');
  return [posix.join(root, `${rest}.py`), posix.join(root, rest, '__init__.py')];
}

/**
 * The names a project folder that is itself a package (it has an `__init__.py`) is imported by, the one
 * to name it by first: a name its files import that the folder's name begins with, followed by no letter
 * (a copy in `pkg-1.2` or `certifi-main` of a package imported as `pkg` or `certifi`), then the folder's
 * own name. Empty when the folder is no package.
 */
function rootPackageNames(analysis: Analysis, known: ReadonlySet<string>): string[] {
  if (!known.has('__init__.py')) return [];
  const folder = posix.basename(analysis.root);
  const names = new Set<string>();
  for (const file of analysis.files.filter((f) => f.language === 'python')) {
    for (const spec of file.imports) {
      const first = spec.split('.')[0]!;
      const prefix = first !== '' && folder.startsWith(first) && !/[A-Za-z]/.test(folder[first.length] ?? '');
      if (prefix && !modulePaths('', [first]).some((p) => known.has(p))) names.add(first);
    }
  }
  return [...names, folder];
}

/**
 * Where an `#include` no project file answers lies on the compiler's include path (the header's path there)
 * and what provides it, or undefined when it is not there either. The plan phase asks the compilers
 * (include-path.ts).
 */
export type IncludeLookup = (
  header: string,
  language: SourceLanguage,
) =>
  | (HeaderLibrary & {
      readonly path: string;
      /** The libraries its own includes bring in beyond its own link flags (SystemHeader.pulledIn). */
      readonly pulledIn?: Array<{ headers: string[]; link: string[] }>;
    })
  | undefined;

/** What the plan says about imports: the folder's package read under another name, local imports not found. */
function importNotes(
  analysis: Analysis,
  packageNames: readonly string[],
  modules: readonly PlanModule[],
  targets: ReadonlyMap<string, Targets>,
): string[] {
  const folder = posix.basename(analysis.root);
  const notes = packageNames
    .filter((name) => name !== folder)
    .map(
      (name) =>
        `the project folder "${folder}" is a package (it has __init__.py) imported as \`${name}\`: imports of \`${name}\` are read as this folder`,
    );
  const system = systemHeadersNote(targets);
  if (system !== undefined) notes.push(system);
  const missing = modules.flatMap((m) => m.unresolved.map((spec) => `${m.path}: ${spec}`));
  if (missing.length > 0) {
    notes.push(
      `${countOf(missing.length, 'local import')} ${missing.length === 1 ? 'names' : 'name'} no file of the project (${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}): a library, build output or file left out; each brief asks the agent to write what its file uses from them`,
    );
  }
  return notes;
}

/**
 * The quoted includes found on the compiler's include path rather than in the project, each with the files
 * that include it and where it was found; undefined when there are none.
 */
function systemHeadersNote(targets: ReadonlyMap<string, Targets>): string | undefined {
  const byHeader = new Map<string, { files: string[]; found: string }>();
  for (const [path, t] of targets) {
    for (const { include: spec, path: found } of t.system.filter((h) => h.include.startsWith('"'))) {
      const entry = byHeader.get(spec) ?? { files: [], found };
      entry.files.push(path);
      byHeader.set(spec, entry);
    }
  }
  if (byHeader.size === 0) return undefined;
  const listed = [...byHeader]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([spec, { files, found }]) => `${spec} in ${files.sort().join(', ')} (${found})`);
  return `quoted includes that are no file of the project but headers on the compiler's include path, read like <…> includes (a library the program links, not a file to write): ${listed.join('; ')}`;
}

/**
 * The project files a file imports, the local imports it names that no project file answers, and its
 * includes that the compiler's include path answers instead.
 */
interface Targets {
  readonly dependsOn: string[];
  readonly unresolved: string[];
  readonly system: readonly SystemHeader[];
}

/**
 * Where a Python import may lead, and whether it is local (relative, or naming the project's own package
 * or one of its top-level packages) so that finding nothing is worth saying. `from . import name` is
 * recorded as `.name`: when no module answers, its package does (a name defined there).
 */
function pythonCandidates(
  spec: string,
  dir: string,
  known: ReadonlySet<string>,
  packageNames: readonly string[],
): { paths: string[]; local: boolean } {
  const dots = /^\.*/.exec(spec)![0].length;
  const parts = spec.slice(dots).split('.').filter(Boolean);
  if (dots > 0) {
    let base = dir;
    for (let i = 1; i < dots; i++) base = posix.dirname(base);
    const name = parts.length === 1 ? modulePaths(base, []) : [];
    return { paths: [...modulePaths(base, parts), ...name], local: true };
  }
  const named = packageNames.includes(parts[0]!);
  return {
    paths: [
      ...modulePaths('', parts),
      ...modulePaths(dir, parts),
      ...(named ? modulePaths('', parts.slice(1)) : []),
    ],
    local: named || known.has(`${parts[0]}/__init__.py`),
  };
}

/**
 * The project files `file` imports. A Python project whose folder is itself a package names its modules
 * after the package, `import pkg.core`, so such imports are also looked up with the package name taken off.
 */
function localTargets(
  file: FileAnalysis,
  known: ReadonlySet<string>,
  packageNames: readonly string[],
  include: { readonly root: string; readonly onIncludePath: IncludeLookup },
): Targets {
  const { root, onIncludePath } = include;
  const dir = posix.dirname(file.path);
  const candidates = (spec: string): { paths: string[]; local: boolean } => {
    if (file.language === 'python') return pythonCandidates(spec, dir, known, packageNames);
    if (file.language === 'shell') return { paths: sourcedPaths(file.path, spec), local: true };
    if (!spec.startsWith('"')) return { paths: [], local: false };
    const header = spec.slice(1, -1);
    return { paths: [posix.normalize(posix.join(dir, header)), posix.normalize(header)], local: true };
  };
  const found = new Set<string>();
  const unresolved: string[] = [];
  const system: SystemHeader[] = [];
  const included = file.language === 'c' || file.language === 'cpp';
  for (const spec of file.imports) {
    const { paths, local } = candidates(spec);
    let hit = paths.find((c) => known.has(c) && c !== file.path);
    const header =
      hit === undefined && included ? onIncludePath(spec.slice(1, -1), file.language) : undefined;
    if (header !== undefined) {
      // A project folder given with -I in c_flags holds project files too.
      const inProject = posix.relative(root, header.path);
      if (!known.has(inProject) || inProject === file.path) {
        system.push({ include: spec, ...header, link: [...header.link] });
        continue;
      }
      hit = inProject;
    }
    if (hit === undefined) {
      if (local && !paths.includes(file.path)) unresolved.push(spec);
      continue;
    }
    found.add(hit);
    const body = implementationOf(hit, known);
    if (body !== undefined && body !== file.path) found.add(body);
  }
  // `from pkg import sub`: the submodule, when the project has one (else a name pkg defines: nothing to say).
  for (const spec of file.fromNames ?? []) {
    const hit = pythonCandidates(spec, dir, known, packageNames).paths.find(
      (c) => known.has(c) && c !== file.path,
    );
    if (hit !== undefined) found.add(hit);
  }
  return { dependsOn: [...found].sort(), unresolved, system };
}

/** A C or C++ source file (not a header). */
const C_SOURCE = /\.(c|cc|cpp|cxx)$/;

/**
 * The project source files a C or C++ source file calls into beyond its headers' namesakes: each one without
 * `main` that defines a function the file calls and does not define itself (nettle's examples: io.h declares
 * read_rsa_key, which read_rsa_key.c defines, not io.c). Headers declare and call nothing: they get none.
 */
function calledFiles(file: FileAnalysis, files: readonly FileAnalysis[]): string[] {
  if (file.calls === undefined || !C_SOURCE.test(file.path)) return [];
  const own = new Set(file.functions.map((f) => f.name));
  const called = new Set(file.calls.filter((name) => !own.has(name)));
  return files
    .filter(
      (other) =>
        other.path !== file.path &&
        C_SOURCE.test(other.path) &&
        !other.functions.some((f) => f.name === 'main') &&
        other.functions.some((f) => called.has(f.name)),
    )
    .map((other) => other.path);
}

/** The C or C++ file beside header `path` that implements it (`io.h` → `io.c`), if the project has one. */
function implementationOf(path: string, known: ReadonlySet<string>): string | undefined {
  if (!HEADER.test(path)) return undefined;
  const stem = path.replace(/\.[^.]+$/, '');
  return ['.c', '.cc', '.cpp', '.cxx'].map((ext) => stem + ext).find((c) => known.has(c));
}

/** Rust's own crates: a dependency named like one hides it (`core::fmt` is then not found). */
const RUST_CRATES = new Set(['alloc', 'core', 'proc-macro', 'std', 'test']);

/**
 * The crate name of one file before clashes are settled: a package's `__init__.py` is named after its
 * package (`pkg/__init__.py` → `pkg`; the project folder's package by the name it is imported by), and so is
 * its `__main__.py`, with `-main` when the package has an `__init__.py` too.
 */
function plainCrateName(path: string, known: ReadonlySet<string>, rootName: string): string {
  const file = posix.basename(path);
  if (file !== '__init__.py' && file !== '__main__.py') return crateName(path);
  const dir = posix.dirname(path);
  const name = slug(dir === '.' ? rootName : dir);
  const pkg = /^[a-z]/.test(name) ? name : `m-${name}`;
  return file === '__main__.py' && known.has(posix.join(dir, '__init__.py')) ? `${pkg}-main` : pkg;
}

/**
 * Crate names per file; files that would share one (`io.h` and `io.c`) or take one of Rust's own
 * (`core.py`) keep their extension in it, and a clash left after that takes a number.
 */
function crateNames(paths: readonly string[], rootName: string): Map<string, string> {
  const known = new Set(paths);
  const plain = new Map(paths.map((path) => [path, plainCrateName(path, known, rootName)]));
  const counts = new Map<string, number>();
  for (const name of plain.values()) counts.set(name, (counts.get(name) ?? 0) + 1);
  const taken = new Set<string>();
  return new Map(
    paths.map((path) => {
      const name = plain.get(path)!;
      let chosen = name;
      if (counts.get(name)! > 1 || RUST_CRATES.has(name)) {
        const ext = /\.([^./]+)$/.exec(path)?.[1];
        const kept = ext === undefined ? name : `${name}-${slug(ext)}`;
        chosen = RUST_CRATES.has(kept) ? `m-${kept}` : kept;
      }
      for (let n = 2; taken.has(chosen); n++) chosen = `${name}-${n}`;
      taken.add(chosen);
      return [path, chosen];
    }),
  );
}

/** The strongly connected components of the import graph (Tarjan 1972): files that import each other. */
function components(deps: ReadonlyMap<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (path: string): void => {
    index.set(path, index.size);
    low.set(path, index.get(path)!);
    stack.push(path);
    onStack.add(path);
    for (const on of deps.get(path) ?? []) {
      if (!index.has(on)) {
        visit(on);
        low.set(path, Math.min(low.get(path)!, low.get(on)!));
      } else if (onStack.has(on)) low.set(path, Math.min(low.get(path)!, index.get(on)!));
    }
    if (low.get(path) !== index.get(path)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== path);
    out.push(component.sort());
  };
  for (const path of [...deps.keys()].sort()) if (!index.has(path)) visit(path);
  return out;
}

/**
 * Kahn's topological order over the import graph's components, dependencies first, ready ones in path
 * order; the files of a cycle come together in path order, after what the cycle imports and before the
 * files that import it. `cyclic` holds the files that are part of a cycle.
 */
function orderFiles(deps: ReadonlyMap<string, string[]>): { order: string[]; cyclic: Set<string> } {
  const groups = components(deps);
  const groupOf = new Map(groups.flatMap((group, i) => group.map((path) => [path, i] as const)));
  const remaining = new Map(
    groups.map((group, i) => [
      i,
      new Set(
        group
          .flatMap((path) => deps.get(path) ?? [])
          .map((on) => groupOf.get(on)!)
          .filter((g) => g !== i),
      ),
    ]),
  );
  const order: string[] = [];
  while (remaining.size > 0) {
    const ready = [...remaining]
      .filter(([, on]) => on.size === 0)
      .map(([i]) => i)
      .sort((a, b) => (groups[a]![0]! < groups[b]![0]! ? -1 : 1));
    for (const i of ready) {
      order.push(...groups[i]!);
      remaining.delete(i);
      for (const on of remaining.values()) on.delete(i);
    }
  }
  return { order, cyclic: new Set(groups.filter((g) => g.length > 1).flat()) };
}

function risksOf(file: FileAnalysis, cyclic: boolean): string[] {
  const risks: string[] = [];
  for (const fn of file.functions.filter((f) => f.complexity > COMPLEX_FUNCTION)) {
    risks.push(
      `${fn.name} (line ${fn.line}) has complexity ${fn.complexity}: split it or expect manual fixes`,
    );
  }
  if (file.syntaxErrors > 0)
    risks.push(`${countOf(file.syntaxErrors, 'syntax error')}: the transpiler may reject the file`);
  if (cyclic) risks.push('part of an import cycle: convert the cycle together');
  const models = [
    ...new Set(file.apiUses.filter((u) => findMapping(u.api)?.kind === 'model').map((u) => u.api)),
  ];
  if (models.length > 0) risks.push(`trained models (${models.join(', ')}): retrain or convert the weights`);
  if (
    file.language === 'shell' &&
    file.functions.length === 0 &&
    file.topLevelComplexity > COMPLEX_FUNCTION
  ) {
    risks.push('long script without functions: harder to test piece by piece');
  }
  return risks;
}

/** The question put to the oracle for a project: its languages and the libraries it uses. */
export function oracleQuestion(analysis: Analysis, languages: readonly SourceLanguage[]): string {
  const libraries = [...new Set(analysis.ml.map((m) => m.library))];
  const uses = libraries.length > 0 ? ` that uses ${libraries.join(', ')}` : '';
  return `migrate ${languages.join(' and ')} code${uses} to Rust`;
}

/** The recommendations of the plan and, when the oracle could not be asked, why. */
interface Recommended {
  readonly recommendations: Plan['recommendations'];
  readonly notes: string[];
}

/** The oracle the caller hands over, or why there is none: a BatutaError on the way (a damaged model). */
function reachOracle(
  oracle: NonNullable<PhaseOptions['oracle']>,
): { readonly oracle: Pick<Oracle, 'answer'> } | { readonly note: string } {
  try {
    return { oracle: oracle() };
  } catch (error) {
    if (!(error instanceof BatutaError)) throw error;
    return {
      note: `the oracle is unavailable (${error.message}); the recommendations come from the API mapping table only`,
    };
  }
}

function recommend(
  analysis: Analysis,
  languages: SourceLanguage[],
  oracle: PhaseOptions['oracle'],
): Recommended {
  const byComponent = new Map<string, string[]>();
  for (const finding of analysis.ml) {
    const apis = byComponent.get(finding.component) ?? [];
    apis.push(`${finding.api} → ${finding.replacement}`);
    byComponent.set(finding.component, apis);
  }
  const out: Plan['recommendations'] = [...byComponent].map(([component, apis]) => ({
    component,
    reason: `replaces ${apis.slice(0, 4).join('; ')}${apis.length > 4 ? ` and ${apis.length - 4} more` : ''}`,
    source: 'mapping',
  }));
  if (oracle === undefined || languages.length === 0) return { recommendations: out, notes: [] };
  const reached = reachOracle(oracle);
  if ('note' in reached) return { recommendations: out, notes: [reached.note] };
  const answer = reached.oracle.answer(oracleQuestion(analysis, languages));
  const picks = [
    ...(answer.primary ? [{ component: answer.primary.component, rationale: answer.primary.rationale }] : []),
    ...answer.supporting.map((s) => ({ component: s.component, rationale: s.rationale })),
  ];
  for (const pick of picks) {
    if (!out.some((r) => r.component === pick.component && r.source === 'oracle')) {
      out.push({ component: pick.component, reason: pick.rationale, source: 'oracle' });
    }
  }
  return { recommendations: out, notes: [] };
}

/** The transpiler a language will use: batuta.toml's command when configured, else the stack's tool. */
export function transpilerFor(
  language: SourceLanguage,
  configured: MigrationConfig['transpilers'] = {},
): { tool: string; install: string } {
  const command = configured[language]?.command;
  if (command === undefined)
    return { tool: TRANSPILERS[language].tool, install: TRANSPILERS[language].install };
  if (command === AGENT) {
    return {
      tool: AGENT,
      install: "nothing to install: an agent writes the Rust from each crate's TRANSLATE.md",
    };
  }
  return { tool: command, install: `configured in batuta.toml [transpilers.${language}]` };
}

/**
 * Builds the migration plan from an analysis; with an oracle, its recommendations are added, and with
 * batuta.toml's transpilers, the configured commands replace the defaults.
 */
export function planMigration(
  analysis: Analysis,
  oracle?: PhaseOptions['oracle'],
  configured: MigrationConfig['transpilers'] = {},
  onIncludePath: IncludeLookup = () => undefined,
): Plan {
  const known = new Set(analysis.files.map((f) => f.path));
  const packageNames = rootPackageNames(analysis, known);
  const targets = new Map(
    analysis.files.map((f) => [
      f.path,
      localTargets(f, known, packageNames, { root: analysis.root, onIncludePath }),
    ]),
  );
  const byPath = new Map(analysis.files.map((f) => [f.path, f]));
  const deps = new Map(
    [...targets].map(([path, t]) => [
      path,
      [...new Set([...t.dependsOn, ...calledFiles(byPath.get(path)!, analysis.files)])].sort(),
    ]),
  );
  const { order, cyclic } = orderFiles(deps);
  const rootName = packageNames[0] ?? posix.basename(analysis.root);
  const names = crateNames(order, rootName);
  const modules: PlanModule[] = order.map((path, index) => {
    const file = byPath.get(path)!;
    const apis = [...file.apiUses.map((u) => u.api), ...(file.language === 'python' ? file.imports : [])];
    const crates = [...new Set(apis.flatMap((api) => findMapping(api)?.component ?? []))].sort();
    return {
      path,
      language: file.language,
      transpiler: transpilerFor(file.language, configured).tool,
      crate: names.get(path)!,
      order: index + 1,
      dependsOn: deps.get(path) ?? [],
      unresolved: targets.get(path)?.unresolved ?? [],
      headers: [...(targets.get(path)?.system ?? [])],
      crates,
      risks: risksOf(file, cyclic.has(path)),
    };
  });
  const languages = [...new Set(analysis.files.map((f) => f.language))];
  const { recommendations, notes } = recommend(analysis, languages, oracle);
  return {
    modules,
    crates: [...new Set(modules.flatMap((m) => m.crates))].sort(),
    recommendations,
    transpilers: languages.map((language) => ({ language, ...transpilerFor(language, configured) })),
    notes: [...importNotes(analysis, packageNames, modules, targets), ...notes],
  };
}
