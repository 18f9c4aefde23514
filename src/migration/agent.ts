/**
 * The agent as a transpiler: for each file an agent translates, its crate gets a placeholder Rust file
 * whose first line marks the translation pending and a brief (TRANSLATE.md) beside it. A translation is
 * accepted when the marker is gone and `cargo build --offline` passes (it links, as a submission's build
 * does); when the source changes, the marker comes back above the kept code and the brief is rewritten.
 * Nothing an agent wrote is deleted.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join, posix } from 'node:path';
import { resolveUnder } from '../paths/contain.js';
import { readFileNoFollow, writeFileNoFollow } from '../paths/no-follow.js';
import { type BriefInput, PENDING_MARKER, type RecipeLookup, renderBrief } from './brief.js';
import { buildCrates } from './cargo-check.js';
import type { MigrationConfig } from './config.js';
import { type Dependency, declaredOf, goneReason, withoutGoneCrates } from './declared-dependencies.js';
import { newManifest, rewriteDependencies } from './manifest-table.js';
import {
  type Analysis,
  type PendingFile,
  type PhaseOptions,
  type Plan,
  type PlanModule,
  WORKSPACE_DIR,
} from './types.js';

export const BRIEF_FILE = 'TRANSLATE.md';
/** The transpiler name that hands a language to an agent (`command = "agent"` or `--by agent`). */
export const AGENT = 'agent';

/** The transpile cache as the agent flow uses it: the source hash each brief was written for. */
export interface BriefCache {
  cached(path: string): { hash: string; crate: string } | undefined;
  remember(path: string, hash: string, crate: string): void;
}

/** What the agent flow needs besides the module. */
export interface AgentContext {
  readonly root: string;
  readonly plan: Plan;
  readonly analysis: Analysis;
  readonly config: MigrationConfig;
  readonly cache: BriefCache;
  readonly recipes: RecipeLookup | undefined;
}

/** The cache key of a brief: marks the file as the agent's and names the source it describes. */
export function agentHash(source: Buffer | string): string {
  return `${AGENT}:${createHash('sha256').update(source).digest('hex')}`;
}

/** Whether a file goes to the agent: `--by` decides, else batuta.toml, else how it was done last time. */
export function byAgent(
  module: PlanModule,
  config: MigrationConfig,
  cache: BriefCache,
  by: PhaseOptions['by'],
): boolean {
  if (by !== undefined) return by === AGENT;
  if (config.transpilers[module.language]?.command === AGENT) return true;
  return cache.cached(module.path)?.hash.startsWith(`${AGENT}:`) === true;
}

/**
 * The Rust file an agent writes: a library (src/lib.rs) for a C file without `main`, a package's
 * `__init__.py`, a shell file other scripts source, or a Python module that other project files import,
 * unless it has a `__main__` guard a validation case runs it by (`run`: then it is a program, and its
 * importers cannot use it; a guard no case runs is a self-test, which the library's tests carry); a program
 * (src/main.rs) otherwise.
 */
export function rustFileFor(
  module: PlanModule,
  plan: Plan,
  analysis: Analysis,
  source: string,
  run: boolean,
): string {
  const imported = plan.modules.some((m) => m.dependsOn.includes(module.path));
  if (module.language === 'shell') return imported ? 'src/lib.rs' : 'src/main.rs';
  if (module.language !== 'python') {
    const functions = analysis.files.find((f) => f.path === module.path)?.functions ?? [];
    return functions.some((f) => f.name === 'main') ? 'src/main.rs' : 'src/lib.rs';
  }
  if (/__name__\s*==\s*["']__main__["']/.test(source) && (run || !imported)) return 'src/main.rs';
  if (posix.basename(module.path) === '__init__.py') return 'src/lib.rs';
  return imported ? 'src/lib.rs' : 'src/main.rs';
}

/** The placeholder a pending crate starts with; it compiles, so the workspace builds while files wait. */
export function placeholder(module: PlanModule, file: string): string {
  const head = `// ${PENDING_MARKER}: replace this file with the Rust translation of ${module.path} (brief: ../${BRIEF_FILE}), then delete this line.\n`;
  if (file === 'src/lib.rs') return head;
  return `${head}fn main() {\n    eprintln!("${module.path} has not been translated yet");\n    std::process::exit(101);\n}\n`;
}

/** The comment that marks a dependency line batuta wrote from the plan (and may take out again). */
const PLAN_MARK = "# batuta: the plan's import of";

/** A dependency on a sibling crate of the workspace, as batuta writes one from the plan for a project library. */
const PLANNED = new RegExp(`^([\\w-]+) = \\{ path = "\\.\\./\\1" \\} ${PLAN_MARK}`);

/**
 * A crate manifest whose `[dependencies]` on the project's library crates are `libraries`, as the plan says
 * now: the lines batuta wrote from the plan (marked with PLAN_MARK) that the plan no longer wants go, the
 * wanted ones the table lacks come first in it, and whatever else the manifest says (dependencies an agent
 * added, sibling crates too, and other tables) stays as written.
 */
export function withLibraries(manifest: string, libraries: BriefInput['libraries']): string {
  const wanted = new Map(
    libraries.map((l) => [l.crate, `${l.crate} = { path = "../${l.crate}" } ${PLAN_MARK} ${l.path}`]),
  );
  return rewriteDependencies(
    manifest,
    (line, key) => !(PLANNED.test(line.trim()) && !wanted.has(key!)),
    (kept) => [...wanted].filter(([crate]) => !kept.has(crate)).map(([, line]) => line),
    'first',
  );
}

/**
 * Writes the crate's manifest, or brings its library dependencies up to the plan and takes out the declared
 * project crates that are gone; returns those.
 */
function syncManifest(
  root: string,
  crate: string,
  file: string,
  libraries: BriefInput['libraries'],
): Dependency[] {
  const path = resolveUnder(root, WORKSPACE_DIR, crate, 'Cargo.toml');
  const before = existsSync(path) ? readFileNoFollow(path).toString('utf8') : undefined;
  const planned = withLibraries(before ?? newManifest(crate, file === 'src/main.rs'), libraries);
  const { manifest, gone } = withoutGoneCrates(root, crate, planned);
  if (manifest !== before) writeFileNoFollow(path, manifest);
  return gone;
}

/** Moves a crate an agent worked on to `.batuta/replaced/` instead of deleting it; other crates are removed. */
export function setAside(root: string, crate: string): void {
  const dir = resolveUnder(root, WORKSPACE_DIR, crate);
  if (!existsSync(join(dir, BRIEF_FILE))) {
    rmSync(dir, { recursive: true, force: true });
    return;
  }
  const kept = resolveUnder(root, '.batuta', 'replaced', crate);
  mkdirSync(resolveUnder(root, '.batuta', 'replaced'), { recursive: true });
  rmSync(kept, { recursive: true, force: true });
  renameSync(dir, kept);
}

/** The library crates of the project files `module` imports, as prepared so far (plan order: before it). */
function librariesOf(ctx: AgentContext, module: PlanModule): BriefInput['libraries'] {
  return module.dependsOn.flatMap((path) => {
    const dep = ctx.plan.modules.find((m) => m.path === path);
    return dep && existsSync(resolveUnder(ctx.root, WORKSPACE_DIR, dep.crate, 'src', 'lib.rs'))
      ? [{ crate: dep.crate, path }]
      : [];
  });
}

/** Writes the crate's brief as things stand (libraries, declared dependencies, cases), when its text changed. */
function writeBrief(
  ctx: AgentContext,
  module: PlanModule,
  file: string,
  source: string,
  libraries: BriefInput['libraries'],
  stale: string | undefined,
): void {
  const dir = resolveUnder(ctx.root, WORKSPACE_DIR, module.crate);
  const brief = renderBrief({
    module,
    project: ctx.root,
    file,
    workspaceFile: `${WORKSPACE_DIR}/${module.crate}/${file}`,
    source,
    analysis: ctx.analysis.files.find((f) => f.path === module.path),
    libraries,
    declared: declaredOf(dir, module.crate),
    cases: ctx.config.validation.cases.filter((c) => c.source === module.path),
    recipes: ctx.recipes,
    stale,
  });
  const path = join(dir, BRIEF_FILE);
  if (!existsSync(path) || readFileNoFollow(path).toString('utf8') !== brief) writeFileNoFollow(path, brief);
}

/** A module's crate after preparation: its Rust file, whether it waits, and whether for a changed source. */
export interface Prepared {
  readonly file: string;
  readonly waiting: boolean;
  readonly stale: boolean;
  /** Project crates it declared whose folder is gone, taken out of its Cargo.toml by this preparation. */
  readonly gone: readonly Dependency[];
}

/** Words of the marker line put back above kept code when the source changed. */
const CHANGED = 'changed since this code was written';

/**
 * Makes a module's crate ready for the agent: writes the placeholder or puts the marker back above kept
 * code when the source changed, and (re)writes the brief. Returns the Rust file and whether it waits.
 */
export function prepareForAgent(ctx: AgentContext, module: PlanModule): Prepared {
  const dir = resolveUnder(ctx.root, WORKSPACE_DIR, module.crate);
  const bytes = readFileNoFollow(resolveUnder(ctx.root, module.path));
  const source = bytes.toString('utf8');
  const hash = agentHash(bytes);
  const existing = ['src/main.rs', 'src/lib.rs'].find((f) => existsSync(join(dir, f)));
  const run = ctx.config.validation.cases.some((c) => c.source === module.path);
  const file = existing ?? rustFileFor(module, ctx.plan, ctx.analysis, source, run);
  const target = join(dir, file);
  const changed = existing === undefined || ctx.cache.cached(module.path)?.hash !== hash;
  if (changed) {
    mkdirSync(join(dir, 'src'), { recursive: true });
    if (existing === undefined) writeFileNoFollow(target, placeholder(module, file));
    else {
      const code = readFileNoFollow(target).toString('utf8');
      const body = code.includes(PENDING_MARKER) ? code.slice(code.indexOf('\n') + 1) : code;
      if (code !== placeholder(module, file)) {
        writeFileNoFollow(
          target,
          `// ${PENDING_MARKER}: ${module.path} changed since this code was written (brief: ../${BRIEF_FILE}); update it, then delete this line.\n${body}`,
        );
      }
    }
  }
  const head = readFileNoFollow(target).toString('utf8').split('\n', 1)[0] ?? '';
  const stale = head.includes(CHANGED);
  // A re-plan may change the libraries (a new import, a library crate renamed) of an unchanged source too, and
  // a submission the dependencies it declares: the brief follows both.
  const libraries = librariesOf(ctx, module);
  const gone = syncManifest(ctx.root, module.crate, file, libraries);
  const note = stale
    ? `${file} holds Rust written for an earlier version of ${module.path} (or by a transpiler); it is kept below the marker line: bring it up to date with the source below.`
    : undefined;
  writeBrief(ctx, module, file, source, libraries, note);
  if (changed) ctx.cache.remember(module.path, hash, module.crate);
  return { file, waiting: head.includes(PENDING_MARKER), stale, gone };
}

/**
 * Builds the written translations (marker gone) with one `cargo build`; returns the files still waiting,
 * in plan order, and the sources whose translation was accepted.
 */
export async function collectTranslations(
  ctx: AgentContext,
  prepared: ReadonlyArray<Prepared & { module: PlanModule }>,
  options: PhaseOptions,
): Promise<{ pending: PendingFile[]; translated: string[] }> {
  const written = prepared.filter((p) => !p.waiting);
  const checks = await buildCrates(
    ctx.root,
    written.map((p) => p.module.crate),
    options,
  );
  const failed = new Map(checks.filter((c) => !c.passed).map((c) => [c.crate, c]));
  const pending: PendingFile[] = [];
  for (const p of prepared) {
    const check = failed.get(p.module.crate);
    if (!p.waiting && check === undefined) continue;
    const first = check?.diagnostics.find((d) => d.level === 'error') ?? check?.diagnostics[0];
    const where = first?.line ? `${first.file}:${first.line}: ` : '';
    pending.push({
      source: p.module.path,
      crate: p.module.crate,
      file: `${WORKSPACE_DIR}/${p.module.crate}/${p.file}`,
      reason: check
        ? p.gone.length > 0
          ? goneReason(p.gone)
          : `cargo build failed: ${where}${first?.message ?? 'see the log'} (${check.log})`
        : p.stale
          ? 'the source changed since its translation was written'
          : 'translation pending',
    });
  }
  const translated = written.filter((p) => !failed.has(p.module.crate)).map((p) => p.module.path);
  return { pending, translated };
}
