/**
 * Phase 3, transpilation: runs each language's transpiler on each planned file into a Cargo workspace
 * under `.batuta/workspace`. A file is redone only when its content or the transpiler changed; each
 * crate is written in a temporary folder and moved into place only when the transpiler succeeded.
 */

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BatutaError, ToolMissingError } from '../errors.js';
import { say } from '../fixes.js';
import { resolveUnder } from '../paths/contain.js';
import { readFileNoFollow, writeFileAtomically, writeFileNoFollow } from '../paths/no-follow.js';
import {
  AGENT,
  type AgentContext,
  byAgent,
  collectTranslations,
  type Prepared,
  prepareForAgent,
  setAside,
} from './agent.js';
import { throwIfAborted } from './analyze.js';
import type { MigrationConfig } from './config.js';
import { declaredOf, describeDependency } from './declared-dependencies.js';
import { newManifest } from './manifest-table.js';
import { TRANSPILERS } from './plan.js';
import { findProgram, runTool, searchHint } from './run-tool.js';
import {
  type Analysis,
  type PendingFile,
  type PhaseOptions,
  type Plan,
  type PlanModule,
  type SourceLanguage,
  WORKSPACE_DIR,
} from './types.js';

/** Where the transpile cache lives; the workflow backs it with the state database. */
export interface TranspileCache {
  cached(path: string): { hash: string; crate: string } | undefined;
  remember(path: string, hash: string, crate: string): void;
}

interface ResolvedTool {
  readonly command: string;
  readonly args: readonly string[];
  readonly version: string | undefined;
}

export { WORKSPACE_DIR };

/** A transpiler that cannot be used: what was looked for and how to get it. */
interface MissingTool {
  readonly language: SourceLanguage;
  readonly problem: string;
  readonly install: string;
}

async function resolveTool(
  language: SourceLanguage,
  root: string,
  config: MigrationConfig,
  options: PhaseOptions,
): Promise<ResolvedTool | MissingTool> {
  const entry = config.transpilers[language];
  const configured = entry?.command === AGENT ? undefined : entry;
  const fallback = TRANSPILERS[language];
  const names = configured
    ? [configured.command]
    : language === 'shell'
      ? ['bashrs', 'ruchy']
      : [fallback.tool];
  const found = names.map((n) => findProgram(n, root, options.searchPath)).find((p) => p !== undefined);
  if (found === undefined) {
    const problem = configured
      ? `"${configured.command}" (from batuta.toml) not found`
      : `${names.join(' or ')} not found on PATH`;
    return { language, problem, install: fallback.install };
  }
  const version = configured?.version;
  if (version !== undefined) {
    const run = await runTool(found, ['--version'], { cwd: root, signal: options.signal });
    if (!`${run.stdout}${run.stderr}`.includes(version)) {
      const reported = run.stdout.trim().split('\n')[0] ?? '';
      return {
        language,
        problem: `${found} reports "${reported}", batuta.toml wants version ${version}`,
        install: `${fallback.install} --version ${version}`,
      };
    }
  }
  return { command: found, args: configured?.args ?? fallback.args, version };
}

/** One error naming every unusable transpiler with its install command, before anything is written. */
function missingToolsError(
  missing: readonly MissingTool[],
  root: string,
  options: PhaseOptions,
): ToolMissingError {
  const each = missing.map((m) => `${m.language}: ${m.problem} (install: ${m.install})`).join('; ');
  return new ToolMissingError(
    say`transpile: no usable transpiler: ${each} (install them, set [transpilers.LANG] command in batuta.toml, or let an agent write the Rust: ${{ kind: 'phase', phase: 'transpile', path: root, by: 'agent' }}${searchHint(options.searchPath)})`,
    { missing: missing.map((m) => ({ language: m.language, problem: m.problem, install: m.install })) },
  );
}

/** Writes a file by renaming a sibling temporary file over it, so readers never see half of it. */
export function writeAtomically(path: string, text: string): void {
  writeFileAtomically(path, text);
}

async function transpileOne(
  module: PlanModule,
  tool: ResolvedTool,
  root: string,
  options: PhaseOptions,
): Promise<void> {
  const staging = mkdtempSync(join(resolveUnder(root, '.batuta'), 'staging-'));
  try {
    const out = join(staging, module.crate);
    mkdirSync(join(out, 'src'), { recursive: true });
    const fill = (arg: string): string =>
      arg
        .replaceAll('{input}', resolveUnder(root, module.path))
        .replaceAll('{output}', out)
        .replaceAll('{crate}', module.crate);
    const run = await runTool(tool.command, tool.args.map(fill), { cwd: root, signal: options.signal });
    const log = `$ ${tool.command} ${tool.args.map(fill).join(' ')}\nexit ${run.code}\n--- stdout\n${run.stdout}--- stderr\n${run.stderr}`;
    writeFileNoFollow(resolveUnder(root, '.batuta', 'logs', `transpile-${module.crate}.log`), log);
    if (run.code !== 0) {
      const first = run.stderr.trim().split('\n')[0] ?? '';
      throw new BatutaError(
        'PHASE_GATE',
        `transpile: ${tool.command} failed on ${module.path} (exit ${run.code}): ${first} (see .batuta/logs/transpile-${module.crate}.log)`,
      );
    }
    const hasMain = existsSync(join(out, 'src', 'main.rs'));
    if (!hasMain && !existsSync(join(out, 'src', 'lib.rs'))) {
      throw new BatutaError(
        'PHASE_GATE',
        `transpile: ${tool.command} wrote no src/main.rs or src/lib.rs for ${module.path} (see .batuta/logs/transpile-${module.crate}.log)`,
      );
    }
    if (!existsSync(join(out, 'Cargo.toml')))
      writeFileNoFollow(join(out, 'Cargo.toml'), newManifest(module.crate, hasMain));
    setAside(root, module.crate);
    renameSync(out, resolveUnder(root, WORKSPACE_DIR, module.crate));
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** The workspace manifest; optimize adds the release profile later. */
export function workspaceManifest(crates: readonly string[], profile = ''): string {
  const members = crates.map((c) => `  "${c}",`).join('\n');
  return `[workspace]\nresolver = "2"\nmembers = [\n${members}\n]\n${profile}`;
}

/** What the phase did, and the files still waiting for an agent's translation. */
export interface TranspileOutcome {
  readonly summary: Record<string, unknown>;
  readonly pending: PendingFile[];
}

async function resolveTools(
  root: string,
  modules: readonly PlanModule[],
  config: MigrationConfig,
  options: PhaseOptions,
): Promise<Map<SourceLanguage, ResolvedTool>> {
  const tools = new Map<SourceLanguage, ResolvedTool>();
  const missing: MissingTool[] = [];
  for (const language of new Set(modules.map((m) => m.language))) {
    const tool = await resolveTool(language, root, config, options);
    if ('problem' in tool) missing.push(tool);
    else tools.set(language, tool);
  }
  if (missing.length > 0) throw missingToolsError(missing, root, options);
  return tools;
}

/** Runs a module's transpiler unless its source and the tool are unchanged; true when it ran. */
async function transpileIfChanged(
  root: string,
  module: PlanModule,
  tool: ResolvedTool,
  cache: TranspileCache,
  options: PhaseOptions,
): Promise<boolean> {
  const hash = createHash('sha256')
    .update(readFileNoFollow(resolveUnder(root, module.path)))
    .update(JSON.stringify([tool.command, tool.args, tool.version ?? '']))
    .digest('hex');
  const hit = cache.cached(module.path);
  if (hit?.hash === hash && existsSync(resolveUnder(root, WORKSPACE_DIR, module.crate, 'Cargo.toml')))
    return false;
  await transpileOne(module, tool, root, options);
  cache.remember(module.path, hash, module.crate);
  return true;
}

/**
 * Transpiles every planned file: transpilers run for their languages (TOOL_MISSING, naming all of them,
 * before anything is written), files handed to an agent get a brief and are accepted once translated.
 */
export async function transpileProject(
  root: string,
  plan: Plan,
  analysis: Analysis,
  config: MigrationConfig,
  cache: TranspileCache,
  options: PhaseOptions = {},
): Promise<TranspileOutcome> {
  throwIfAborted(options.signal, 'transpile');
  const agentFiles = new Set(
    plan.modules.filter((m) => byAgent(m, config, cache, options.by)).map((m) => m.path),
  );
  const toolModules = plan.modules.filter((m) => !agentFiles.has(m.path));
  const tools = await resolveTools(root, toolModules, config, options);
  const workspace = resolveUnder(root, WORKSPACE_DIR);
  mkdirSync(workspace, { recursive: true });
  mkdirSync(resolveUnder(root, '.batuta', 'logs'), { recursive: true });
  const state = resolveUnder(root, '.batuta');
  for (const name of readdirSync(state).filter((n) => n.startsWith('staging-'))) {
    rmSync(join(state, name), { recursive: true, force: true }); // left by a run that was killed
  }
  // Crates the plan no longer has go first, so preparing a crate sees which declared siblings are gone.
  const crates = plan.modules.map((m) => m.crate);
  for (const entry of readdirSync(workspace, { withFileTypes: true })) {
    if (entry.isDirectory() && entry.name !== 'target' && !crates.includes(entry.name))
      setAside(root, entry.name);
  }
  const ctx: AgentContext = { root, plan, analysis, config, cache, recipes: options.recipes };
  const transpiled: string[] = [];
  const reused: string[] = [];
  const prepared: Array<Prepared & { module: PlanModule }> = [];
  for (const [index, module] of plan.modules.entries()) {
    throwIfAborted(options.signal, 'transpile');
    if (agentFiles.has(module.path)) prepared.push({ module, ...prepareForAgent(ctx, module) });
    else if (await transpileIfChanged(root, module, tools.get(module.language)!, cache, options))
      transpiled.push(module.path);
    else reused.push(module.path);
    options.onProgress?.({
      phase: 'transpile',
      done: index + 1,
      total: plan.modules.length,
      message: module.path,
    });
  }
  writeAtomically(resolveUnder(root, WORKSPACE_DIR, 'Cargo.toml'), workspaceManifest(crates));
  const { pending, translated } = await collectTranslations(ctx, prepared, options);
  const toolsUsed = Object.fromEntries(
    [...tools].map(([lang, t]) => [lang, { command: t.command, version: t.version ?? null }]),
  );
  for (const p of prepared) toolsUsed[p.module.language] = { command: AGENT, version: null };
  // What each agent file's crate declares beyond the plan (migration_submit_translation's dependencies).
  const dependencies = Object.fromEntries(
    prepared.flatMap(({ module }) => {
      const declared = declaredOf(resolveUnder(root, WORKSPACE_DIR, module.crate), module.crate);
      return declared.length === 0 ? [] : [[module.path, declared.map(describeDependency)]];
    }),
  );
  return {
    summary: {
      workspace: WORKSPACE_DIR,
      crates,
      transpiled,
      reused,
      translated,
      pending,
      tools: toolsUsed,
      dependencies,
    },
    pending,
  };
}
