/**
 * An agent hands in the Rust for one source file, and may declare the crate's dependencies with it: batuta
 * writes it into that file's crate (nowhere else), the dependencies into its Cargo.toml and build.rs with
 * batuta's mark, builds the crate (`cargo build --offline`, which links, so a system library the code needs and
 * nothing links is found now, not at validate) and returns the diagnostics. The transpile phase
 * then accepts the file on its next run. Also serves the brief the agent translates from.
 */
import { existsSync, lstatSync, realpathSync, rmSync } from 'node:fs';
import { join, posix } from 'node:path';
import { z } from 'zod';
import { InvalidInputError, NotFoundError, PhaseGateError } from '../errors.js';
import { say } from '../fixes.js';
import { resolveUnder } from '../paths/contain.js';
import { readFileNoFollow, writeFileAtomically } from '../paths/no-follow.js';
import { MigrationState } from '../store/migration-state.js';
import { AGENT, agentHash, BRIEF_FILE } from './agent.js';
import { resolveProject } from './analyze.js';
import { PENDING_MARKER } from './brief.js';
import { buildCrates, DiagnosticSchema } from './cargo-check.js';
import {
  checkDependencies,
  type Dependency,
  declaredOf,
  isLinkScript,
  linkScript,
  withDeclared,
} from './declared-dependencies.js';
import { compilerLibraryFolders } from './header-library.js';
import { type PhaseOptions, type Plan, type PlanModule, WORKSPACE_DIR } from './types.js';
import { readPlan } from './workflow.js';

/** Largest Rust file accepted in one submission. */
export const MAX_CODE_BYTES = 1024 * 1024;

export const SubmissionSchema = z.object({
  source: z.string().describe('source file the translation is for, relative to the project'),
  crate: z.string().describe('crate the code was written into'),
  file: z.string().describe('Rust file written, relative to the project'),
  passed: z.boolean().describe('whether cargo build --offline (compile and link) passed on the crate'),
  diagnostics: z.array(DiagnosticSchema).describe("rustc's errors and warnings for the crate"),
  log: z.string().describe('log with the rendered diagnostics, relative to the project'),
  waiting: z.array(z.string()).describe('source files whose translation is still pending'),
  dependencies: z
    .array(z.custom<Dependency>())
    .describe(
      'the dependencies declared for the crate, as its Cargo.toml and build.rs now say them (kind, name, path, version, features)',
    ),
});
export type Submission = z.infer<typeof SubmissionSchema>;

interface AgentFile {
  readonly module: PlanModule;
  /** The Rust file inside the crate: src/main.rs or src/lib.rs. */
  readonly file: string;
}

function rustFileOf(root: string, crate: string): string | undefined {
  return ['src/main.rs', 'src/lib.rs'].find((f) => existsSync(resolveUnder(root, WORKSPACE_DIR, crate, f)));
}

/** The planned module for `source` whose brief is current; PHASE_GATE when it is not the agent's or is stale. */
function agentFile(root: string, plan: Plan, source: string, state: MigrationState): AgentFile {
  const wanted = posix.normalize(source.replaceAll('\\', '/')).replace(/^\.\//, '');
  const module = plan.modules.find((m) => m.path === wanted);
  if (module === undefined) {
    const known = plan.modules.map((m) => m.path);
    throw new NotFoundError(
      `translation: "${source}" is not a file of the plan (use one of: ${known.slice(0, 10).join(', ')}${known.length > 10 ? ', …' : ''})`,
      { source },
    );
  }
  const hash = state.cached(module.path)?.hash;
  const file = rustFileOf(root, module.crate);
  if (!hash?.startsWith(`${AGENT}:`) || file === undefined) {
    throw new PhaseGateError(
      say`translation: ${module.path} is not waiting for an agent (${{ kind: 'phase', phase: 'transpile', path: root, by: 'agent' }} first)`,
      { source: module.path },
    );
  }
  if (hash !== agentHash(readFileNoFollow(resolveUnder(root, module.path)))) {
    throw new PhaseGateError(
      say`translation: ${module.path} changed since its brief was written (${{ kind: 'phase', phase: 'transpile', path: root }} to refresh the brief)`,
      { source: module.path },
    );
  }
  return { module, file };
}

/** Refuses a crate folder or Rust file reached through a symlink: the code goes into the crate, nowhere else. */
function containedTarget(root: string, crate: string, file: string): string {
  const expected = join(realpathSync(root), WORKSPACE_DIR, crate, 'src');
  const target = join(root, WORKSPACE_DIR, crate, file);
  const linked = realpathSync(join(root, WORKSPACE_DIR, crate, 'src')) !== expected;
  if (linked || (existsSync(target) && lstatSync(target).isSymbolicLink())) {
    throw new InvalidInputError(
      say`translation: ${WORKSPACE_DIR}/${crate}/${file} leads outside the crate through a symlink (${{ kind: 'reset', path: root }} and transpile again)`,
      { crate },
    );
  }
  return target;
}

/** Sources whose Rust file still starts with the pending marker, in plan order. */
function waitingSources(root: string, plan: Plan, state: MigrationState): string[] {
  return plan.modules.flatMap((m) => {
    if (!state.cached(m.path)?.hash.startsWith(`${AGENT}:`)) return [];
    const file = rustFileOf(root, m.crate);
    if (file === undefined) return [];
    return readFileNoFollow(resolveUnder(root, WORKSPACE_DIR, m.crate, file))
      .toString('utf8')
      .includes(PENDING_MARKER)
      ? [m.path]
      : [];
  });
}

function noMigration(root: string): PhaseGateError {
  return new PhaseGateError(
    say`translation: ${root} has no migration yet (${{ kind: 'phase', phase: 'analyze', path: root }}, then ${{ kind: 'phase', phase: 'plan', path: root }} and ${{ kind: 'phase', phase: 'transpile', path: root, by: 'agent' }})`,
    { root },
  );
}

/** The brief of one source file, for an agent about to translate it. */
export function readBrief(
  path: string,
  source: string,
): { source: string; crate: string; file: string; brief: string } {
  const root = resolveProject(path, 'translation');
  const state = MigrationState.open(root, false);
  if (state === undefined) throw noMigration(root);
  try {
    const { module, file } = agentFile(root, readPlan(root), source, state);
    const brief = readFileNoFollow(resolveUnder(root, WORKSPACE_DIR, module.crate, BRIEF_FILE)).toString(
      'utf8',
    );
    return {
      source: module.path,
      crate: module.crate,
      file: `${WORKSPACE_DIR}/${module.crate}/${file}`,
      brief,
    };
  } finally {
    state.close();
  }
}

/** The crate's manifest and build.rs, as files and their text (build.rs: undefined when there is none). */
function crateFiles(root: string, crate: string) {
  const manifest = resolveUnder(root, WORKSPACE_DIR, crate, 'Cargo.toml');
  const script = resolveUnder(root, WORKSPACE_DIR, crate, 'build.rs');
  return {
    manifest,
    script,
    manifestText: readFileNoFollow(manifest).toString('utf8'),
    scriptText: existsSync(script) ? readFileNoFollow(script).toString('utf8') : undefined,
  };
}

/**
 * The declared dependencies checked and made into the crate's new Cargo.toml and build.rs texts (build.rs:
 * undefined to remove batuta's); nothing is written yet, so a refused declaration leaves the crate as it was.
 */
async function declaredFiles(
  root: string,
  module: PlanModule,
  dependencies: readonly Dependency[],
  options: PhaseOptions,
): Promise<{ manifestText: string; scriptText: string | undefined }> {
  const system = dependencies.some((d) => d.kind === 'system');
  const folders = system
    ? await compilerLibraryFolders({ root, searchPath: options.searchPath, signal: options.signal })
    : undefined;
  const checked = checkDependencies(root, module.crate, dependencies, folders);
  const files = crateFiles(root, module.crate);
  const scriptText = linkScript(checked, module.path);
  if (scriptText !== undefined && files.scriptText !== undefined && !isLinkScript(files.scriptText)) {
    throw new InvalidInputError(
      `translation: ${WORKSPACE_DIR}/${module.crate}/build.rs was not written by batuta (link the system libraries from it, and leave them out of dependencies)`,
    );
  }
  return { manifestText: withDeclared(files.manifestText, module.crate, checked, module.path), scriptText };
}

/**
 * Writes the Rust for `source` into its crate and checks it; a failed check is a result, not an error. Given
 * `dependencies`, they replace the ones declared before (an empty list removes them); without, those stay.
 */
export async function submitTranslation(
  path: string,
  source: string,
  code: string,
  options: PhaseOptions = {},
  dependencies?: readonly Dependency[],
): Promise<Submission> {
  if (code.includes(PENDING_MARKER)) {
    throw new InvalidInputError(
      `translation: the code still contains the line "// ${PENDING_MARKER}" (delete it when the translation is done)`,
    );
  }
  if (Buffer.byteLength(code) > MAX_CODE_BYTES) {
    throw new InvalidInputError(
      `translation: the code is larger than ${MAX_CODE_BYTES} bytes (split the file into modules)`,
    );
  }
  const root = resolveProject(path, 'translation');
  const state = MigrationState.open(root, false);
  if (state === undefined) throw noMigration(root);
  try {
    state.lock('transpile');
    try {
      const plan = readPlan(root);
      const { module, file } = agentFile(root, plan, source, state);
      const target = containedTarget(root, module.crate, file);
      const declared =
        dependencies === undefined ? undefined : await declaredFiles(root, module, dependencies, options);
      writeFileAtomically(target, code);
      if (declared !== undefined) {
        const files = crateFiles(root, module.crate);
        writeFileAtomically(files.manifest, declared.manifestText);
        if (declared.scriptText !== undefined) writeFileAtomically(files.script, declared.scriptText);
        else if (files.scriptText !== undefined && isLinkScript(files.scriptText)) rmSync(files.script);
      }
      const [check] = await buildCrates(root, [module.crate], options);
      return {
        source: module.path,
        crate: module.crate,
        file: `${WORKSPACE_DIR}/${module.crate}/${file}`,
        passed: check!.passed,
        diagnostics: [...check!.diagnostics],
        log: check!.log,
        waiting: waitingSources(root, plan, state),
        dependencies: declaredOf(resolveUnder(root, WORKSPACE_DIR, module.crate), module.crate),
      };
    } finally {
      state.unlock();
    }
  } finally {
    state.close();
  }
}
