/**
 * Phase 2, planning: per source file the transpiler, the crate it becomes, the order (a file after
 * the project files it imports), the stack crates it needs and its risks. Pure but for the oracle the
 * caller hands over: analysis in, plan out.
 */
import { posix } from 'node:path';
import { BatutaError } from '../errors.js';
import type { Oracle } from '../oracle/recommend.js';
import { AGENT } from './agent.js';
import type { MigrationConfig } from './config.js';
import { COMPLEX_FUNCTION } from './debt.js';
import { findMapping } from './ml-mappings.js';
import type { Analysis, FileAnalysis, PhaseOptions, Plan, PlanModule, SourceLanguage } from './types.js';

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

/** A Cargo package name derived from the file path (`pkg/io_utils.py` → `pkg-io-utils`). */
export function crateName(path: string): string {
  const base = path
    .replace(/\.[^./]+$/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return /^[a-z]/.test(base) ? base : `m-${base}`;
}

/** The files a Python module path (`parts` under folder `root`) may be: a module or a package. */
function modulePaths(root: string, parts: readonly string[]): string[] {
  if (parts.length === 0) return [posix.join(root, '__init__.py')];
  const rest = parts.join('/');
  return [posix.join(root, `${rest}.py`), posix.join(root, rest, '__init__.py')];
}

/**
 * The project files `file` imports. A Python project whose folder is itself a package (it has an
 * `__init__.py`) names its modules after the folder, `import pkg.core`, so such imports are also looked
 * up with the package name taken off.
 */
function localTargets(file: FileAnalysis, known: ReadonlySet<string>, rootPackage?: string): string[] {
  const dir = posix.dirname(file.path);
  const candidates = (spec: string): string[] => {
    if (file.language === 'python') {
      const dots = /^\.*/.exec(spec)![0].length;
      const parts = spec.slice(dots).split('.');
      let base = dots === 0 ? '' : dir;
      for (let i = 1; i < dots; i++) base = posix.dirname(base);
      if (dots > 0) return modulePaths(base, parts);
      const named = rootPackage !== undefined && parts[0] === rootPackage;
      return [
        ...modulePaths('', parts),
        ...modulePaths(dir, parts),
        ...(named ? modulePaths('', parts.slice(1)) : []),
      ];
    }
    if (file.language === 'shell') {
      const path = besideScript(spec);
      return [posix.normalize(posix.join(dir, path)), posix.normalize(path)];
    }
    if (!spec.startsWith('"')) return [];
    const header = spec.slice(1, -1);
    return [posix.normalize(posix.join(dir, header)), posix.normalize(header)];
  };
  const found = new Set<string>();
  for (const spec of file.imports) {
    const hit = candidates(spec).find((c) => known.has(c) && c !== file.path);
    if (hit === undefined) continue;
    found.add(hit);
    const body = implementationOf(hit, known);
    if (body !== undefined && body !== file.path) found.add(body);
  }
  return [...found].sort();
}

/**
 * A sourced path with its quotes taken off and a leading `${BASH_SOURCE%/*}`, `$(dirname "$0")` or `$DIR`
 * read as the script's own folder: scripts find the files they source beside themselves that way.
 */
function besideScript(spec: string): string {
  const path = spec.replace(/["']/g, '');
  if (!path.startsWith('$')) return path;
  let depth = 0;
  for (let i = 1; i < path.length; i++) {
    const c = path[i];
    if (c === '{' || c === '(') depth++;
    else if (c === '}' || c === ')') depth--;
    else if (c === '/' && depth === 0) return `.${path.slice(i)}`;
  }
  return path;
}

/** The C or C++ file beside header `path` that implements it (`io.h` → `io.c`), if the project has one. */
function implementationOf(path: string, known: ReadonlySet<string>): string | undefined {
  if (!/\.(h|hh|hpp|hxx)$/.test(path)) return undefined;
  const stem = path.replace(/\.[^.]+$/, '');
  return ['.c', '.cc', '.cpp', '.cxx'].map((ext) => stem + ext).find((c) => known.has(c));
}

/** Rust's own crates: a dependency named like one hides it (`core::fmt` is then not found). */
const RUST_CRATES = new Set(['alloc', 'core', 'proc-macro', 'std', 'test']);

/**
 * Crate names per file; files that would share one (`io.h` and `io.c`) or take one of Rust's own
 * (`core.py`) keep their extension in it.
 */
function crateNames(paths: readonly string[]): Map<string, string> {
  const counts = new Map<string, number>();
  for (const path of paths) {
    const name = crateName(path);
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return new Map(
    paths.map((path) => {
      const name = crateName(path);
      if (counts.get(name)! === 1 && !RUST_CRATES.has(name)) return [path, name];
      const kept = crateName(path.replace(/\.([^./]+)$/, '-$1'));
      return [path, RUST_CRATES.has(kept) ? `m-${kept}` : kept];
    }),
  );
}

/** Kahn's topological order, dependencies first; files in a cycle follow in path order. */
function orderFiles(deps: ReadonlyMap<string, string[]>): { order: string[]; cyclic: Set<string> } {
  const remaining = new Map([...deps].map(([path, on]) => [path, new Set(on)]));
  const order: string[] = [];
  while (remaining.size > 0) {
    const ready = [...remaining]
      .filter(([, on]) => on.size === 0)
      .map(([path]) => path)
      .sort();
    if (ready.length === 0) break;
    for (const path of ready) {
      order.push(path);
      remaining.delete(path);
      for (const on of remaining.values()) on.delete(path);
    }
  }
  const cyclic = new Set([...remaining.keys()].sort());
  return { order: [...order, ...cyclic], cyclic };
}

function risksOf(file: FileAnalysis, cyclic: boolean): string[] {
  const risks: string[] = [];
  for (const fn of file.functions.filter((f) => f.complexity > COMPLEX_FUNCTION)) {
    risks.push(
      `${fn.name} (line ${fn.line}) has complexity ${fn.complexity}: split it or expect manual fixes`,
    );
  }
  if (file.syntaxErrors > 0)
    risks.push(`${file.syntaxErrors} syntax errors: the transpiler may reject the file`);
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
): Plan {
  const known = new Set(analysis.files.map((f) => f.path));
  const rootPackage = known.has('__init__.py') ? posix.basename(analysis.root) : undefined;
  const deps = new Map(analysis.files.map((f) => [f.path, localTargets(f, known, rootPackage)]));
  const { order, cyclic } = orderFiles(deps);
  const byPath = new Map(analysis.files.map((f) => [f.path, f]));
  const names = crateNames(order);
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
    notes,
  };
}
