/**
 * `batuta analyze|plan|transpile|optimize|validate|deploy|status|report|reset PATH`: parses flags,
 * runs the phase through the public API and prints either one JSON document or a readable summary.
 * Exit 0 when the phase passed, 1 when its gate stopped the line, 2 for usage errors.
 */
import { parseArgs } from 'node:util';
import { describeError, InvalidInputError } from '../errors.js';
import { cliWords } from '../fixes.js';
import { type Knowledge, loadKnowledge } from '../knowledge/index.js';
import {
  describePhase,
  describeReset,
  fileLines,
  getStatus,
  type PhaseOptions,
  type PhaseResult,
  parsePhase,
  renderHtml,
  renderMarkdown,
  resetProject,
  runPhase,
} from '../migration/index.js';
import { createStackOracle } from '../oracle/index.js';
import { type CliIo, EXIT, printJson, reportError } from './io.js';

const HELP = `Usage: batuta COMMAND PATH [--json]

Commands (run in this order; each needs the previous one to have passed):
  analyze PATH     languages, functions, complexity, imports, ML APIs, manifests, debt grade
  plan PATH        transpiler, crate, order, stack crates and risks per file
  transpile PATH   run depyler / decy / bashrs (or batuta.toml's [transpilers.LANG]) into .batuta/workspace
                   [--by agent]: an agent writes each file's Rust from its TRANSLATE.md; run again to check
                   [--by transpiler]: back to the transpilers (an agent's crates are kept in .batuta/replaced)
  optimize PATH    hot spots, scalar/SIMD/GPU advice, Cargo release profile [--profile fast|balanced|aggressive]
                   [--data-elements N]: plan for N elements of data (else batuta.toml, else what it can see)
  validate PATH    run original and converted programs, compare outputs, files and syscalls; cargo test
  deploy PATH      cargo build --release; artifact paths, sizes and sha256
  status PATH      phase states;  report PATH [--format markdown|json|html];  reset PATH
`;

interface Flags {
  readonly json: boolean;
  readonly format: string | undefined;
  readonly profile: string | undefined;
  readonly dataElements: number | undefined;
  readonly by: 'agent' | 'transpiler' | undefined;
  readonly path: string;
}

/** `--data-elements N`: a whole number of elements from 1 up, for optimize only. */
function dataElementsFlag(command: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (command !== 'optimize')
    throw new InvalidInputError(`${command}: --data-elements applies to optimize only`);
  const elements = Number(value.replaceAll('_', ''));
  if (!Number.isSafeInteger(elements) || elements < 1) {
    throw new InvalidInputError(
      `optimize: --data-elements "${value}" is not a whole number of elements (give one such as 1000000)`,
      { value },
    );
  }
  return elements;
}

function parseFlags(command: string, argv: string[]): Flags | undefined {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean' },
        format: { type: 'string' },
        profile: { type: 'string' },
        'data-elements': { type: 'string' },
        by: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new InvalidInputError(
      `${command}: ${(error as Error).message.split('\n')[0]} (run "batuta ${command} --help")`,
    );
  }
  if (parsed.values['help']) return undefined;
  const [path, ...extra] = parsed.positionals;
  if (path === undefined)
    throw new InvalidInputError(`${command}: give the project folder (batuta ${command} PATH)`);
  if (extra.length > 0)
    throw new InvalidInputError(`${command}: unexpected argument "${extra[0]}" (give one project folder)`);
  const profile = parsed.values['profile'] as string | undefined;
  if (profile !== undefined && command !== 'optimize')
    throw new InvalidInputError(`${command}: --profile applies to optimize only`);
  if (profile !== undefined && !['fast', 'balanced', 'aggressive'].includes(profile)) {
    throw new InvalidInputError(
      `optimize: --profile "${profile}" is not known (use fast, balanced or aggressive)`,
    );
  }
  const by = parsed.values['by'] as string | undefined;
  if (by !== undefined && command !== 'transpile')
    throw new InvalidInputError(`${command}: --by applies to transpile only`);
  if (by !== undefined && by !== 'agent' && by !== 'transpiler') {
    throw new InvalidInputError(`transpile: --by "${by}" is not known (use agent or transpiler)`);
  }
  return {
    json: parsed.values['json'] === true,
    format: parsed.values['format'] as string | undefined,
    profile,
    dataElements: dataElementsFlag(command, parsed.values['data-elements'] as string | undefined),
    by,
    path,
  };
}

function printResult(io: CliIo, result: PhaseResult): void {
  const reason = result.reason ? `: ${result.reason}` : '';
  io.stdout(`${result.phase}: ${result.status}${reason} (${result.seconds.toFixed(1)} s)\n`);
  const lines = describePhase(result);
  if (lines.length > 0) io.stdout(`${lines.map((l) => `  ${l.replaceAll('\n', '\n  ')}`).join('\n')}\n`);
}

/** $BATUTA_KNOWLEDGE_DIR when set, else the shipped knowledge base. */
function knowledgeDir(io: CliIo): string | undefined {
  return io.env['BATUTA_KNOWLEDGE_DIR'] || undefined;
}

/**
 * The oracle for the plan's recommendations, built when the plan asks for it; a knowledge base or learned
 * model that does not load leaves the plan to its mapping table, which the plan's notes say.
 */
function planOracle(io: CliIo): NonNullable<PhaseOptions['oracle']> {
  return () => createStackOracle(loadKnowledge(knowledgeDir(io)));
}

/** Recipes for the agent's briefs, from the knowledge base when it loads (read on first use). */
function briefRecipes(io: CliIo): PhaseOptions['recipes'] {
  let knowledge: Knowledge | null | undefined;
  return (component) => {
    if (knowledge === undefined) {
      try {
        knowledge = loadKnowledge(knowledgeDir(io));
      } catch (error) {
        io.stderr(`batuta transpile: no recipes in the briefs (${describeError(error)})\n`);
        knowledge = null;
      }
    }
    return knowledge?.recipes.filter((r) => r.components.includes(component)) ?? [];
  };
}

async function runMigrationPhase(io: CliIo, command: string, flags: Flags): Promise<number> {
  const phase = parsePhase(command);
  // The reason with its fixes as data is for MCP; the CLI prints the reason in its own words.
  const { said: _said, ...result } = await runPhase(flags.path, phase, {
    ...(phase === 'plan' ? { oracle: planOracle(io) } : {}),
    ...(phase === 'transpile' ? { recipes: briefRecipes(io) } : {}),
    ...(flags.by === undefined ? {} : { by: flags.by }),
    ...(io.env['PATH'] === undefined ? {} : { searchPath: io.env['PATH'] }),
    ...(flags.profile === undefined ? {} : { profile: flags.profile as 'fast' | 'balanced' | 'aggressive' }),
    ...(flags.dataElements === undefined ? {} : { dataElements: flags.dataElements }),
    onProgress: (p) => io.stderr(`${p.phase}: ${p.done}/${p.total} ${p.message}\n`),
  });
  if (flags.json) printJson(io, result);
  else printResult(io, result);
  return result.status === 'passed' ? EXIT.ok : EXIT.none;
}

function runReport(io: CliIo, flags: Flags): number {
  const format = flags.json ? 'json' : (flags.format ?? 'markdown');
  if (!['markdown', 'json', 'html'].includes(format)) {
    throw new InvalidInputError(`report: --format "${format}" is not known (use markdown, json or html)`);
  }
  const status = getStatus(flags.path);
  if (format === 'json') printJson(io, status);
  else io.stdout(format === 'html' ? renderHtml(status) : `${renderMarkdown(status)}\n`);
  return EXIT.ok;
}

/** Entry point: argv[0] is the command name. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  const [command = 'status', ...rest] = argv;
  try {
    const flags = parseFlags(command, rest);
    if (flags === undefined) {
      io.stdout(HELP);
      return EXIT.ok;
    }
    if (command === 'report') return runReport(io, flags);
    if (flags.format !== undefined && flags.format !== 'json' && flags.format !== 'text') {
      throw new InvalidInputError(`${command}: --format "${flags.format}" is not known (use json or text)`);
    }
    const asJson = flags.json || flags.format === 'json';
    if (command === 'status') {
      const status = getStatus(flags.path);
      if (asJson) printJson(io, status);
      else {
        const phases = status.phases.map((p) => `${p.phase}: ${p.status}${p.reason ? ` (${p.reason})` : ''}`);
        const files = fileLines(status, cliWords);
        io.stdout(`${[...phases, `next: ${status.next ?? 'none'}`, ...files].join('\n')}\n`);
      }
      return EXIT.ok;
    }
    if (command === 'reset') {
      const done = resetProject(flags.path);
      if (asJson) printJson(io, done);
      else io.stdout(`${describeReset(done)}\n`);
      return EXIT.ok;
    }
    return await runMigrationPhase(io, command, { ...flags, json: asJson });
  } catch (error) {
    return reportError(io, command, error);
  }
}
