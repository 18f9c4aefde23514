/**
 * An agent hands in the Rust for one source file: batuta writes it into that file's crate (nowhere
 * else), runs `cargo check --offline` on the crate and returns the diagnostics. The transpile phase then
 * accepts the file on its next run. Also serves the brief the agent translates from.
 */
import { existsSync, lstatSync, realpathSync } from 'node:fs';
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
import { checkCrates, DiagnosticSchema } from './cargo-check.js';
import { type PhaseOptions, type Plan, type PlanModule, WORKSPACE_DIR } from './types.js';
import { readPlan } from './workflow.js';

/** Largest Rust file accepted in one submission. */
export const MAX_CODE_BYTES = 1024 * 1024;

export const SubmissionSchema = z.object({
  source: z.string().describe('source file the translation is for, relative to the project'),
  crate: z.string().describe('crate the code was written into'),
  file: z.string().describe('Rust file written, relative to the project'),
  passed: z.boolean().describe('whether cargo check --offline passed on the crate'),
  diagnostics: z.array(DiagnosticSchema).describe("rustc's errors and warnings for the crate"),
  log: z.string().describe('log with the rendered diagnostics, relative to the project'),
  waiting: z.array(z.string()).describe('source files whose translation is still pending'),
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

/** Writes the Rust for `source` into its crate and checks it; a failed check is a result, not an error. */
export async function submitTranslation(
  path: string,
  source: string,
  code: string,
  options: PhaseOptions = {},
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
      writeFileAtomically(target, code);
      const [check] = await checkCrates(root, [module.crate], options);
      return {
        source: module.path,
        crate: module.crate,
        file: `${WORKSPACE_DIR}/${module.crate}/${file}`,
        passed: check!.passed,
        diagnostics: [...check!.diagnostics],
        log: check!.log,
        waiting: waitingSources(root, plan, state),
      };
    } finally {
      state.unlock();
    }
  } finally {
    state.close();
  }
}
