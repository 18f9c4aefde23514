/**
 * The migration line: runs one phase at a time under the project lock, checks that its predecessor
 * passed, records status, times, artifacts and the failure reason in the state database, and keeps
 * each phase's output (analysis.json, plan.json, the workspace) under `PATH/.batuta/`.
 */
import { BatutaError, errorText, InvalidDataError, InvalidInputError, PhaseGateError } from '../errors.js';
import { cliWords, type FixWords, Said, say, type Text } from '../fixes.js';
import { resolveUnder } from '../paths/contain.js';
import { readFileNoFollow } from '../paths/no-follow.js';
import { MigrationState } from '../store/migration-state.js';
import { analyzeProject, resolveProject } from './analyze.js';
import { loadConfig } from './config.js';
import { deployProject } from './deploy.js';
import { countOf } from './describe.js';
import { transpiledScope } from './file-states.js';
import { includeLookup } from './include-path.js';
import { optimizeProject } from './optimize.js';
import { planMigration } from './plan.js';
import { STATE_DIR } from './reset.js';
import { reasonIn, storedParts } from './stored-reason.js';
import { transpileProject, WORKSPACE_DIR, writeAtomically } from './transpile.js';
import {
  type Analysis,
  AnalysisSchema,
  type PendingFile,
  PHASES,
  type Phase,
  type PhaseOptions,
  type PhaseRun,
  type Plan,
  PlanSchema,
  type Status,
  StatusSchema,
} from './types.js';
import { type PartialScope, validateProject } from './validate.js';
import { dataSizeFor } from './visible-data.js';

interface Outcome {
  readonly passed: boolean;
  readonly reason?: Text;
  readonly summary: Record<string, unknown>;
  readonly artifacts: string[];
  readonly pending?: PendingFile[];
}

/** Errors that mean "the gate did not pass" rather than "batuta broke". */
const GATE_CODES = new Set(['TOOL_MISSING', 'PHASE_GATE', 'INVALID_DATA']);

/** Checks a phase name from a user or client. */
export function parsePhase(name: string): Phase {
  if ((PHASES as readonly string[]).includes(name)) return name as Phase;
  throw new InvalidInputError(`phase "${name}" is not known (use one of ${PHASES.join(', ')})`, {
    phase: name,
  });
}

/** Whether a stored plan predates the list of unresolved imports per file. */
const planBeforeUnresolved = (stored: unknown): boolean => {
  const modules = (stored as { modules?: unknown } | null)?.modules;
  return (
    Array.isArray(modules) && modules.some((m) => m !== null && typeof m === 'object' && !('unresolved' in m))
  );
};

/**
 * The plan the plan phase wrote; INVALID_DATA when it is missing or damaged, or when an earlier batuta
 * wrote it (its files have no unresolved imports): then the message names the command that remakes it.
 */
export function readPlan(root: string): Plan {
  return readArtifact<Plan>(root, 'plan.json', PlanSchema, planBeforeUnresolved);
}

function readArtifact<T>(
  root: string,
  file: string,
  schema: { safeParse(v: unknown): { success: boolean; data?: T } },
  older: (stored: unknown) => boolean = () => false,
): T {
  const path = resolveUnder(root, STATE_DIR, file);
  let stored: unknown;
  try {
    stored = JSON.parse(readFileNoFollow(path).toString('utf8'));
  } catch {
    stored = undefined; // reported below
  }
  const parsed = schema.safeParse(stored);
  if (parsed.success) return parsed.data as T;
  if (older(stored)) {
    throw new InvalidDataError(
      say`state: ${path} was written by an earlier batuta (${{ kind: 'phase', phase: 'plan', path: root }} again, then the phases after it)`,
      { path },
    );
  }
  throw new InvalidDataError(`state: ${path} is missing or damaged (run the earlier phases again)`, { path });
}

async function execute(
  root: string,
  phase: Phase,
  options: PhaseOptions,
  partial?: PartialScope,
): Promise<Outcome> {
  if (phase === 'analyze') {
    const analysis = await analyzeProject(root, options);
    writeAtomically(resolveUnder(root, STATE_DIR, 'analysis.json'), JSON.stringify(analysis));
    const { files: _files, ...rest } = analysis;
    const mostComplex = analysis.files
      .flatMap((f) =>
        f.functions.map((fn) => ({ path: f.path, name: fn.name, line: fn.line, complexity: fn.complexity })),
      )
      .sort((a, b) => b.complexity - a.complexity)
      .slice(0, 10);
    const summary = { ...rest, files: analysis.files.length, mostComplex };
    if (analysis.files.length === 0) {
      return {
        passed: false,
        reason: 'no Python, C/C++ or shell source found',
        summary,
        artifacts: ['.batuta/analysis.json'],
      };
    }
    return { passed: true, summary, artifacts: ['.batuta/analysis.json'] };
  }
  const analysis = readArtifact<Analysis>(root, 'analysis.json', AnalysisSchema);
  if (phase === 'plan') {
    const config = loadConfig(root);
    const headers = await includeLookup(root, analysis, config.validation.c_flags, options);
    const plan = planMigration(analysis, options.oracle, config.transpilers, headers);
    writeAtomically(resolveUnder(root, STATE_DIR, 'plan.json'), JSON.stringify(plan, null, 2));
    return { passed: plan.modules.length > 0, summary: plan, artifacts: ['.batuta/plan.json'] };
  }
  const plan = readPlan(root);
  const config = loadConfig(root);
  const crates = plan.modules.map((m) => m.crate);
  const manifest = `${WORKSPACE_DIR}/Cargo.toml`;
  if (phase === 'optimize') {
    const profile = options.profile ?? config.optimization.profile;
    const told =
      options.dataElements === undefined
        ? config.optimization.data_elements === undefined
          ? undefined
          : {
              elements: config.optimization.data_elements,
              source: 'batuta.toml [optimization] data_elements',
            }
        : { elements: options.dataElements, source: 'the data_elements given to this run' };
    const size = dataSizeFor(root, told, config.validation.cases, analysis);
    const summary = optimizeProject(root, analysis, crates, profile, size);
    return { passed: true, summary, artifacts: [manifest] };
  }
  const state = MigrationState.open(root, true)!;
  try {
    if (phase === 'transpile') {
      const { summary, pending } = await transpileProject(root, plan, analysis, config, state, options);
      const artifacts = [manifest, ...crates.map((c) => `${WORKSPACE_DIR}/${c}`)];
      if (pending.length === 0) return { passed: true, summary, artifacts };
      const done = transpiledScope(summary).done.length;
      return { passed: false, reason: waitingReason(pending, done, root), summary, artifacts, pending };
    }
  } finally {
    state.close();
  }
  const result =
    phase === 'validate'
      ? await validateProject(root, plan, analysis, config, options, partial)
      : await deployProject(root, plan, config.deploy.targets, options);
  const artifacts = ((result.summary['artifacts'] ?? []) as Array<{ path: string }>).map((a) => a.path);
  return { ...result, artifacts };
}

/**
 * Why transpile stopped for an agent: the files to write and the command that checks them, and, when
 * some are done, the command that validates those meanwhile.
 */
function waitingReason(pending: readonly PendingFile[], done: number, root: string): Text {
  const files = pending.map((p) => p.file);
  const shown = `${files.slice(0, 5).join(', ')}${files.length > 5 ? ', …' : ''}`;
  const meanwhile =
    done > 0
      ? say`; to compare the ${countOf(done, 'file')} done so far, ${{ kind: 'phase', phase: 'validate', path: root }}`
      : '';
  return say`${countOf(pending.length, 'file')} waiting for an agent's translation: ${shown} (${{ kind: 'translate', path: root }}, then ${{ kind: 'phase', phase: 'transpile', path: root }} again${meanwhile})`;
}

/**
 * The files validation may compare while transpile waits for the agent: transpile stopped only because
 * files wait for their translation and at least one was accepted. Undefined otherwise.
 */
function partialScope(state: MigrationState): PartialScope | undefined {
  const row = state.phases().find((r) => r.name === 'transpile');
  if (row?.status !== 'failed' || row.summary === null) return undefined;
  const scope = transpiledScope(parseJson(row.summary) as Record<string, unknown> | undefined);
  return scope.done.length > 0 && scope.pending.length > 0 ? scope : undefined;
}

/**
 * Checks that the phase before `phase` passed; validate may also run on the files translated so far while
 * others wait for the agent, and then gets that partial scope back.
 */
function checkPredecessor(state: MigrationState, phase: Phase, path: string): PartialScope | undefined {
  const index = PHASES.indexOf(phase);
  if (index === 0) return undefined;
  const before = PHASES[index - 1]!;
  const row = state.phases().find((r) => r.name === before);
  if (row?.status === 'passed') return undefined;
  const partial = phase === 'validate' ? partialScope(state) : undefined;
  if (partial !== undefined) return partial;
  const summary = row?.summary ? (parseJson(row.summary) as Record<string, unknown> | undefined) : undefined;
  if (before === 'validate' && summary?.['partial'] === true) {
    throw new PhaseGateError(
      say`${phase}: phase validate compared only the files translated so far (${{ kind: 'translate', path }}, then ${{ kind: 'phase', phase: 'transpile', path }} first)`,
      { phase, before },
    );
  }
  throw new PhaseGateError(
    say`${phase}: phase ${before} has ${row === undefined ? 'not run' : row.status === 'failed' ? 'failed' : 'not passed'} (${{ kind: 'phase', phase: before, path }} first)`,
    { phase, before },
  );
}

/**
 * A phase's error as its reason, which every surface says after the phase's name (`validate: failed: …`): the
 * error's own leading `validate: ` goes, so the phase is named once.
 */
function withoutPhase(phase: Phase, message: Text): Text {
  const prefix = `${phase}: `;
  if (typeof message === 'string') return message.startsWith(prefix) ? message.slice(prefix.length) : message;
  const [first, ...rest] = message.parts;
  return typeof first === 'string' && first.startsWith(prefix)
    ? new Said([first.slice(prefix.length), ...rest])
    : message;
}

/** Runs one phase on the project at `path`; a failed gate comes back as status "failed", not an exception. */
export async function runPhase(path: string, phase: Phase, options: PhaseOptions = {}): Promise<PhaseRun> {
  parsePhase(phase);
  const root = resolveProject(path, phase);
  const state = MigrationState.open(root, true)!;
  const start = process.hrtime.bigint();
  try {
    state.lock(phase);
    try {
      const partial = checkPredecessor(state, phase, path);
      state.start(phase, PHASES.slice(PHASES.indexOf(phase) + 1));
      let outcome: Outcome;
      try {
        outcome = await execute(root, phase, options, partial);
      } catch (error) {
        const message = withoutPhase(
          phase,
          error instanceof BatutaError
            ? errorText(error)
            : error instanceof Error
              ? error.message
              : String(error),
        );
        state.finish(phase, 'failed', stored(message), [], null);
        if (error instanceof BatutaError && GATE_CODES.has(error.code)) {
          outcome = {
            passed: false,
            reason: message,
            summary: { code: error.code, details: error.details },
            artifacts: [],
          };
        } else throw error;
      }
      state.finish(
        phase,
        outcome.passed ? 'passed' : 'failed',
        outcome.reason === undefined ? null : stored(outcome.reason),
        outcome.artifacts,
        outcome.summary,
      );
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      return {
        phase,
        status: outcome.passed ? 'passed' : 'failed',
        ...(outcome.reason === undefined ? {} : { reason: String(outcome.reason) }),
        ...(typeof outcome.reason === 'object' ? { said: outcome.reason } : {}),
        summary: outcome.summary,
        artifacts: outcome.artifacts,
        seconds,
        ...(outcome.pending === undefined ? {} : { pending: outcome.pending }),
      };
    } finally {
      state.unlock();
    }
  } finally {
    state.close();
  }
}

/** Why a phase a dead process left running failed, and how to run it again, in `words`. */
const interruptedReason = (phase: Phase, root: string, words: FixWords) =>
  new Said(['interrupted before it finished (', { kind: 'phase', phase, path: root }, ' again)']).words(
    words,
  );

/** A reason as the state keeps it: the CLI's words, and its parts when it names fixes. */
const stored = (reason: Text) => ({ words: String(reason), parts: storedParts(reason) });

/** JSON from a state row; unreadable text becomes undefined, which the status schema rejects. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The status of every phase, reasons naming their fixes in `words` (the CLI's unless a surface gives its
 * own); a phase left "running" by a dead process shows as failed (interrupted).
 */
export function getStatus(path: string, words: FixWords = cliWords): Status {
  const root = resolveProject(path, 'status');
  const state = MigrationState.open(root, false);
  const rows = state?.phases() ?? [];
  const holder = state?.holder();
  state?.close();
  const phases = PHASES.map((phase): Record<string, unknown> => {
    const row = rows.find((r) => r.name === phase);
    if (row === undefined) {
      return {
        phase,
        status: 'pending',
        startedAt: null,
        finishedAt: null,
        reason: null,
        artifacts: [],
        summary: null,
      };
    }
    const interrupted = row.status === 'running' && holder?.phase !== phase;
    return {
      phase,
      status: interrupted ? 'failed' : row.status,
      startedAt: row.started_at,
      finishedAt: row.finished_at,
      reason: interrupted
        ? interruptedReason(phase, root, words)
        : reasonIn(words, row.reason, row.reason_parts),
      artifacts: parseJson(row.artifacts),
      summary: row.summary === null ? null : parseJson(row.summary),
    };
  });
  const next = phases.find((p) => p['status'] !== 'passed')?.['phase'] ?? null;
  const parsed = StatusSchema.safeParse({ root, next, phases });
  if (!parsed.success) {
    throw new BatutaError(
      'CORRUPT_STORE',
      say`status: the state of "${root}" does not read back cleanly (${{ kind: 'reset', path }})`,
    );
  }
  return parsed.data;
}
