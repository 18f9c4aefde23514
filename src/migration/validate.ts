/**
 * Phase 5, validation: runs the original and the converted program on the same inputs, each in a fresh
 * folder, and compares exit codes, stdout, stderr, the files they leave behind and (with strace) their
 * syscall effects; then runs `cargo test`. Every difference names the case, the stream or file, and
 * the first line that differs.
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { BatutaError, OutsideRootsError } from '../errors.js';
import { say, type Text } from '../fixes.js';
import { resolveUnder } from '../paths/contain.js';
import { escapeRegExp } from '../text/regexp.js';
import { throwIfAborted } from './analyze.js';
import { cargoError } from './cargo-check.js';
import type { MigrationConfig, ValidationCase } from './config.js';
import { countOf } from './describe.js';
import { type Launcher, type OriginalContext, originalLauncher } from './programs.js';
import { findProgram, runTool, searchHint, type ToolRun } from './run-tool.js';
import { compareEffects, type Effects, reduceTrace, TRACED_SYSCALLS } from './trace.js';
import { WORKSPACE_DIR } from './transpile.js';
import type { Analysis, PendingFile, PhaseOptions, Plan, PlanModule } from './types.js';

/** A text's lines; the newline that ends the last one starts no line of its own, and no text has none. */
const linesOf = (text: string): string[] => (text === '' ? [] : text.replace(/\n$/, '').split('\n'));

/** A line longer than this is shown around its first difference, not whole (minified JSON, long records). */
const LONG_LINE = 100;
/** Characters shown on each side of a long line's first difference. */
const CONTEXT = 30;

/** `line` from CONTEXT characters before `at` to CONTEXT after it, with … where it is cut. */
function around(line: string, at: number): string {
  const from = Math.max(0, at - CONTEXT);
  const to = at + CONTEXT + 1;
  return `${from > 0 ? '…' : ''}${line.slice(from, to)}${to < line.length ? '…' : ''}`;
}

/**
 * The first line where two texts differ, quoted from both sides (a long one around its first differing column);
 * undefined when equal.
 */
export function firstDifference(a: string, b: string): string | undefined {
  if (a === b) return undefined;
  const left = linesOf(a);
  const right = linesOf(b);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const [l, r] = [left[i], right[i]];
    if (l !== r) {
      const show = (s: string | undefined): string =>
        s === undefined ? '(end of output)' : JSON.stringify(s);
      if (Math.max(l?.length ?? 0, r?.length ?? 0) <= LONG_LINE)
        return `line ${i + 1}: original ${show(l)}, converted ${show(r)}`;
      let at = 0;
      while (l?.[at] !== undefined && l[at] === r?.[at]) at++;
      const near = (s: string | undefined) => s && around(s, at);
      return `line ${i + 1} column ${at + 1}: original ${show(near(l))}, converted ${show(near(r))}`;
    }
  }
  return 'same lines, different line endings';
}

/** What one program did on a case: its run, the files it left, its effects, and the path it ran as. */
export interface SideRun {
  /** The program's own path as it saw it (Launcher.self). */
  readonly self: string;
  readonly run: ToolRun;
  readonly files: Map<string, string>;
  readonly effects: Effects | undefined;
}

function listFiles(dir: string, prefix = '.'): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = `${prefix}/${entry.name}`;
    if (entry.isDirectory()) for (const [p, t] of listFiles(join(dir, entry.name), path)) out.set(p, t);
    else if (entry.isFile()) out.set(path, readFileSync(join(dir, entry.name), 'latin1'));
  }
  return out;
}

async function runSide(
  root: string,
  launcher: Launcher,
  testCase: ValidationCase,
  strace: string | undefined,
  options: PhaseOptions,
): Promise<SideRun> {
  const base = resolveUnder(root, '.batuta', 'runs');
  mkdirSync(base, { recursive: true });
  const prepare = (): string => {
    const dir = realpathSync(mkdtempSync(join(base, 'run-')));
    for (const file of testCase.files) copyCaseFile(root, file, dir);
    return dir;
  };
  const plainDir = prepare();
  const argv = [...launcher.args, ...testCase.args];
  const pathFirst = launcher.pathFirst ?? [];
  const run = await runTool(launcher.command, argv, {
    cwd: plainDir,
    stdin: testCase.stdin,
    signal: options.signal,
    pathFirst,
  });
  const files = listFiles(plainDir);
  rmSync(plainDir, { recursive: true, force: true });
  const self = launcher.self;
  if (strace === undefined) return { self, run, files, effects: undefined };
  const tracedDir = prepare();
  const log = join(dirname(tracedDir), `${tracedDir.split('/').pop()}.strace`);
  const traceArgs = [
    '-f',
    '-y',
    '-q',
    '-s',
    '0',
    '-o',
    log,
    '-e',
    `trace=${TRACED_SYSCALLS}`,
    launcher.command,
    ...argv,
  ];
  await runTool(strace, traceArgs, {
    cwd: tracedDir,
    stdin: testCase.stdin,
    signal: options.signal,
    pathFirst,
  });
  const effects = reduceTrace(readFileSync(log, 'utf8'), {
    cwd: tracedDir,
    ignore: [...launcher.runtimePaths, launcher.command],
    helpers: launcher.helpers,
  });
  rmSync(tracedDir, { recursive: true, force: true });
  rmSync(log, { force: true });
  return { self, run, files, effects };
}

/**
 * Copies a case file (or folder) from the project into a run folder. Links inside a copied folder are
 * copied as links only when they stay inside the project.
 */
function copyCaseFile(root: string, file: string, dir: string): void {
  const from = resolveUnder(root, file);
  cpSync(from, resolveUnder(dir, file), {
    recursive: true,
    verbatimSymlinks: true,
    filter: (source) => {
      resolveUnder(root, relative(root, source));
      return true;
    },
  });
}

/** How a program's own path and its folder read in the output compared: the same words for both sides. */
const PROGRAM = '<program>';
const PROGRAM_DIR = '<program-dir>';

/** Each place `folder` stands as a whole path or the start of one (not `/p` in `/p2`). */
function folderPattern(folder: string): RegExp {
  return new RegExp(`${escapeRegExp(folder)}(?![^/\\s'"\`:;,)\\]])`, 'g');
}

/**
 * A side's output with the program's own path read as PROGRAM and its folder as PROGRAM_DIR: the original runs
 * as the project's script (or its compiled copy), the translation from its own folder, and a program that
 * prints where it runs from (`$0` in a usage line, `$(dirname "$0")`) is still the same program. Only each
 * side's own path and folder are read so: the other side's, or a folder above, still differ. Files are read as
 * latin1, so the path is matched in their bytes.
 */
function asProgram(side: SideRun): SideRun {
  const read = (text: string, encoding: 'utf8' | 'latin1') => {
    const self = Buffer.from(side.self, 'utf8').toString(encoding);
    return text.replaceAll(self, PROGRAM).replace(folderPattern(dirname(self)), PROGRAM_DIR);
  };
  return {
    ...side,
    run: { ...side.run, stdout: read(side.run.stdout, 'utf8'), stderr: read(side.run.stderr, 'utf8') },
    files: new Map([...side.files].map(([file, text]) => [file, read(text, 'latin1')])),
  };
}

/** What differs between the original's and the translation's run of case `name`, one line each. */
export function caseDifferences(
  name: string,
  original: SideRun,
  converted: SideRun,
  compareStderr: boolean,
): string[] {
  const a = asProgram(original);
  const b = asProgram(converted);
  const out: string[] = [];
  if (a.run.code !== b.run.code)
    out.push(`${name}: exit code: original ${a.run.code}, converted ${b.run.code}`);
  const stdout = firstDifference(a.run.stdout, b.run.stdout);
  if (stdout !== undefined) out.push(`${name}: stdout ${stdout}`);
  const stderr = compareStderr ? firstDifference(a.run.stderr, b.run.stderr) : undefined;
  if (stderr !== undefined) out.push(`${name}: stderr ${stderr}`);
  for (const file of [...new Set([...a.files.keys(), ...b.files.keys()])].sort()) {
    const left = a.files.get(file);
    const right = b.files.get(file);
    if (left === undefined) out.push(`${name}: file ${file} exists only after the converted program`);
    else if (right === undefined) out.push(`${name}: file ${file} exists only after the original program`);
    else {
      const diff = firstDifference(left, right);
      if (diff !== undefined) out.push(`${name}: file ${file} ${diff}`);
    }
  }
  if (a.effects && b.effects)
    out.push(...compareEffects(a.effects, b.effects).map((d) => `${name}: syscalls: ${d}`));
  return out;
}

/**
 * The files translated so far, when others still wait for the agent: validation then builds, runs and
 * tests only these, and cannot pass the gate (deploy needs every file).
 */
export interface PartialScope {
  readonly done: readonly string[];
  readonly pending: readonly PendingFile[];
}

/** The cases to run: batuta.toml's, else each program once; only those of files in scope. */
function casesFor(
  plan: Plan,
  config: MigrationConfig,
  root: string,
  inScope: (source: string) => boolean,
): ValidationCase[] {
  if (config.validation.cases.length > 0) return config.validation.cases.filter((c) => inScope(c.source));
  return plan.modules
    .filter((m) => inScope(m.path) && isProgram(root, m))
    .map((m) => ({ name: m.path, source: m.path, args: [], stdin: '', files: [] }));
}

/** Whether the crate of `module` is a program (it has src/main.rs), which cases can run. */
function isProgram(root: string, module: PlanModule): boolean {
  return existsSync(resolveUnder(root, WORKSPACE_DIR, module.crate, 'src', 'main.rs'));
}

async function cargo(root: string, args: string[], options: PhaseOptions): Promise<ToolRun> {
  const bin = findProgram('cargo', root, options.searchPath);
  if (bin === undefined)
    throw new BatutaError(
      'TOOL_MISSING',
      `validate: cargo not found on PATH (install Rust: https://rustup.rs${searchHint(options.searchPath)})`,
    );
  return runTool(bin, args, { cwd: resolveUnder(root, WORKSPACE_DIR), signal: options.signal });
}

/** A case file's checked path: batuta.toml may only name files inside the project. */
function caseFile(root: string, testCase: ValidationCase, file: string): string {
  try {
    return resolveUnder(root, file);
  } catch (error) {
    if (!(error instanceof OutsideRootsError)) throw error;
    throw new OutsideRootsError(
      `validate: case "${testCase.name}" lists file "${file}", which leads outside the project: ${error.message} (fix batuta.toml)`,
      { ...error.details, case: testCase.name },
    );
  }
}

function moduleFor(plan: Plan, testCase: ValidationCase, root: string): PlanModule {
  const missing = testCase.files.find((file) => !existsSync(caseFile(root, testCase, file)));
  if (missing !== undefined) {
    throw new BatutaError(
      'INVALID_DATA',
      `validate: case "${testCase.name}" lists file "${missing}", which is not in the project (fix batuta.toml)`,
    );
  }
  const module = plan.modules.find((m) => m.path === testCase.source);
  if (module === undefined) {
    throw new BatutaError(
      'INVALID_DATA',
      `validate: case "${testCase.name}" names source "${testCase.source}", which is not in the plan (fix batuta.toml)`,
    );
  }
  const library = resolveUnder(root, WORKSPACE_DIR, module.crate, 'src', 'lib.rs');
  if (!isProgram(root, module) && existsSync(library)) {
    throw new BatutaError(
      'INVALID_DATA',
      `validate: case "${testCase.name}" names source "${testCase.source}", a library (its crate has src/lib.rs): cases run programs (name a program that uses it in batuta.toml; cargo test runs the library's tests)`,
    );
  }
  return module;
}

/**
 * The converted program, started under the name the original runs by, so a program that prints its own name
 * (a usage line from `$0`, `sys.argv[0]` or `argv[0]`) prints the same: a link named as the script
 * (`tool.sh`, `tool.py`) or, for C and C++, as the compiled original (the crate's name, as the binary is).
 */
export function convertedLauncher(root: string, module: PlanModule): Launcher {
  const binary = resolveUnder(root, WORKSPACE_DIR, 'target', 'debug', module.crate);
  const compiled = module.language === 'c' || module.language === 'cpp';
  const dir = resolveUnder(root, '.batuta', 'runs', 'programs', module.crate);
  mkdirSync(dir, { recursive: true });
  const link = join(dir, compiled ? module.crate : basename(module.path));
  rmSync(link, { force: true });
  symlinkSync(binary, link);
  return { command: link, args: [], self: link, runtimePaths: [root] };
}

/** How to start both programs of a module. */
interface Launchers {
  readonly original: Launcher;
  readonly converted: Launcher;
}

/** What running one case needs: both programs' launchers, batuta.toml, and strace when it is used. */
interface CaseContext {
  readonly root: string;
  readonly options: PhaseOptions;
  readonly config: MigrationConfig;
  readonly strace: string | undefined;
  readonly launchers: (module: PlanModule) => Promise<Launchers>;
}

/**
 * Each module's launchers, made once however many cases run it (a C original is compiled, the converted
 * program's link written, a script's first line read).
 */
function launchersOnce(ctx: OriginalContext): (module: PlanModule) => Promise<Launchers> {
  const made = new Map<string, Promise<Launchers>>();
  return (module) => {
    let launchers = made.get(module.path);
    if (launchers === undefined) {
      // The utilities the original computes with count as programs started on neither side: a translation
      // that execs `echo` as the script's `exec "$@"` does is the same program.
      launchers = originalLauncher(ctx, module).then((original) => ({
        original,
        converted: { ...convertedLauncher(ctx.root, module), helpers: original.helpers },
      }));
      made.set(module.path, launchers);
    }
    return launchers;
  };
}

async function runCase(
  ctx: CaseContext,
  module: PlanModule,
  testCase: ValidationCase,
): Promise<Record<string, unknown> & { differences: string[] }> {
  const { root, config, strace, options } = ctx;
  const launchers = await ctx.launchers(module);
  const original = await runSide(root, launchers.original, testCase, strace, options);
  const converted = await runSide(root, launchers.converted, testCase, strace, options);
  const found = caseDifferences(testCase.name, original, converted, config.validation.compare_stderr);
  return {
    name: testCase.name,
    source: testCase.source,
    passed: found.length === 0,
    differences: found,
    original: { exit: original.run.code, seconds: original.run.seconds },
    converted: { exit: converted.run.code, seconds: converted.run.seconds },
    effects: original.effects ?? null,
  };
}

function straceNote(strace: string | undefined, wanted: boolean): string {
  if (strace !== undefined) return strace;
  return wanted
    ? 'strace not found on PATH (apt-get install strace); syscalls not compared'
    : 'disabled in batuta.toml';
}

/** The programs among `scope` that no case ran: built and tested, but never compared with their original. */
function uncompared(root: string, scope: readonly PlanModule[], cases: readonly ValidationCase[]): string[] {
  const ran = new Set(cases.map((c) => c.source));
  return scope.filter((m) => !ran.has(m.path) && isProgram(root, m)).map((m) => m.path);
}

/** Why a partial validation stops the line: what it compared, what still waits, and the command for it. */
function partialReason(root: string, scope: PartialScope, total: number, failures: readonly string[]): Text {
  const waiting = scope.pending.map((p) => p.source);
  const shown = `${waiting.slice(0, 5).join(', ')}${waiting.length > 5 ? ', …' : ''}`;
  const found =
    failures.length > 0
      ? `${countOf(failures.length, 'difference')} in the ${countOf(scope.done.length, 'file')} translated so far; first: ${failures[0]}`
      : `the ${countOf(scope.done.length, 'file')} translated so far (of ${total}) ${scope.done.length === 1 ? 'behaves' : 'behave'} the same`;
  const wait = waiting.length === 1 ? 'waits for its' : 'wait for their';
  return say`${found}; ${countOf(waiting.length, 'file')} still ${wait} translation: ${shown} (${{ kind: 'translate', path: root }}, then ${{ kind: 'phase', phase: 'transpile', path: root }}; deploy needs every file validated)`;
}

/**
 * Runs every case on both programs and `cargo test`; the result says whether the gate passed. With a
 * partial scope only the files translated so far are built, run and tested, and the gate does not pass.
 */
export async function validateProject(
  root: string,
  plan: Plan,
  analysis: Analysis,
  config: MigrationConfig,
  options: PhaseOptions = {},
  partial?: PartialScope,
): Promise<{ passed: boolean; reason?: Text; summary: Record<string, unknown> }> {
  const inScope = (source: string): boolean => partial === undefined || partial.done.includes(source);
  const cases = casesFor(plan, config, root, inScope);
  const modules = cases.map((testCase) => moduleFor(plan, testCase, root));
  const scope = plan.modules.filter((m) => inScope(m.path));
  const only = partial === undefined ? [] : scope.flatMap((m) => ['-p', m.crate]);
  const build = await cargo(root, ['build', '--offline', '--quiet', ...only], options);
  if (build.code !== 0) {
    return {
      passed: false,
      reason: `cargo build failed: ${cargoError(build.stderr)}`,
      summary: { build: build.stderr.slice(-4000) },
    };
  }
  const strace = config.validation.strace ? findProgram('strace', root, options.searchPath) : undefined;
  const cFlags = config.validation.c_flags;
  const launchers = launchersOnce({ root, plan, files: analysis.files, cFlags, options });
  const context: CaseContext = { root, options, config, strace, launchers };
  const results: Array<Record<string, unknown> & { differences: string[] }> = [];
  for (const [index, testCase] of cases.entries()) {
    throwIfAborted(options.signal, 'validate');
    results.push(await runCase(context, modules[index]!, testCase));
    options.onProgress?.({
      phase: 'validate',
      done: index + 1,
      total: cases.length + 1,
      message: testCase.name,
    });
  }
  const test = await cargo(root, ['test', '--offline', '--quiet', ...only], options);
  const failures = results.flatMap((r) => r.differences);
  if (test.code !== 0) {
    const line = test.stdout.split('\n').find((l) => l.includes('FAILED') || l.startsWith('test result'));
    failures.push(`cargo test failed: ${line ?? test.stderr.trim().split('\n')[0] ?? 'see output'}`);
  }
  const summary = {
    cases: results,
    cargoTest: { passed: test.code === 0, output: test.stdout.slice(-2000) },
    strace: straceNote(strace, config.validation.strace),
    scope: scope.map((m) => m.path),
    uncompared: uncompared(root, scope, cases),
    ...(partial === undefined
      ? {}
      : {
          partial: true,
          waiting: partial.pending,
          skipped: config.validation.cases.filter((c) => !inScope(c.source)).map((c) => c.name),
        }),
  };
  if (partial !== undefined)
    return { passed: false, reason: partialReason(root, partial, plan.modules.length, failures), summary };
  if (failures.length === 0) return { passed: true, summary };
  return {
    passed: false,
    reason: `${countOf(failures.length, 'difference')}; first: ${failures[0]}`,
    summary,
  };
}
