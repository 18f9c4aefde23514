/**
 * `batuta oracle`: parses the flags of the CLI contract once, then hands off to the graph queries,
 * the recommender or the document search, each in its own module.
 */
import { InvalidInputError } from '../errors.js';
import { PICTURE_FORMATS, type PictureFormat } from '../picture/formats.js';
import { isSearchMode, isValidK, SEARCH_LIMITS, type SearchMode } from '../retrieval/request.js';
import {
  attachNegativeValues,
  type CliIo,
  checkDbFlag,
  EXIT,
  type OutputFormat,
  parseFlags,
  reportError,
  resolveFormat,
} from './io.js';

export const ORACLE_USAGE = `Usage: batuta oracle "QUESTION" [options]

Recommend stack components for a question, or look things up in the knowledge graph.

  --json | --format text|json|markdown   output format (default text)
  --format svg|mermaid|dot               a picture of --list, --integrations or the answer to a question
  --list                                 components by layer
  --show NAME                            one component in full
  --list-capabilities NAME               capabilities of a component (alias --capabilities)
  --capability CAP                       components that have a capability, e.g. wasm
  --integrations "FROM -> TO"            integration pattern or shortest path (alias --integrate FROM,TO)
  --replaces TOOL                        components that replace a tool, e.g. NumPy
  --rag "QUESTION"                       search the documents instead of recommending
    -k N                                 number of results (1-100, default 10)
    --collection NAME                    collection to search (default: specs)
    --mode hybrid|bm25|dense             retrieval legs to use (default hybrid)
    --no-rerank                          skip the neural reranker
    --explain                            show each leg's rank for every result
    --db PATH|URL                        index database (default $BATUTA_DB or the user cache dir)
    --db-read URL                        PostgreSQL replica for searches (default $BATUTA_DB_READ)
`;

/** The longest question accepted, the same bound the MCP tools put on theirs. */
const MAX_QUESTION_CHARS = SEARCH_LIMITS.questionMaxChars;

/** The parsed and checked flags of one `batuta oracle` call. */
export interface OracleFlags {
  readonly question: string | null;
  readonly format: OutputFormat;
  /** Set when --format asks for a picture instead of text, JSON or markdown. */
  readonly picture: PictureFormat | null;
  readonly list: boolean;
  readonly show: string | null;
  readonly listCapabilities: string | null;
  readonly capability: string | null;
  readonly integrations: string | null;
  readonly replaces: string | null;
  readonly rag: boolean;
  readonly k: number;
  readonly collection: string | null;
  readonly mode: SearchMode;
  readonly rerank: boolean;
  readonly explain: boolean;
  readonly db: string | null;
  readonly dbRead: string | null;
}

const OPTIONS = {
  json: { type: 'boolean' },
  format: { type: 'string' },
  list: { type: 'boolean' },
  show: { type: 'string' },
  'list-capabilities': { type: 'string' },
  capabilities: { type: 'string' },
  capability: { type: 'string' },
  integrations: { type: 'string' },
  integrate: { type: 'string' },
  replaces: { type: 'string' },
  rag: { type: 'boolean' },
  k: { type: 'string', short: 'k' },
  collection: { type: 'string' },
  mode: { type: 'string' },
  'no-rerank': { type: 'boolean' },
  explain: { type: 'boolean' },
  db: { type: 'string' },
  'db-read': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Parses `batuta oracle` arguments; throws InvalidInputError with a one-line fix on bad usage. */
export function parseOracleFlags(argv: string[], env: CliIo['env']): OracleFlags | 'help' {
  const args = attachNegativeValues(argv, OPTIONS);
  const parsed = parseFlags('oracle', { args, options: OPTIONS, allowPositionals: true, strict: true });
  const v = parsed.values;
  if (v.help) return 'help';
  const question = parsed.positionals.join(' ').trim();
  const integrations =
    v.integrations ?? (v.integrate === undefined ? undefined : integrateAlias(v.integrate));
  const picture = pictureFormat(v.format, v.json);
  const flags: OracleFlags = {
    question: question === '' ? null : question,
    format: resolveFormat(v.json, picture === null ? v.format : undefined),
    picture,
    list: v.list ?? false,
    show: v.show ?? null,
    listCapabilities: v['list-capabilities'] ?? v.capabilities ?? null,
    capability: v.capability ?? null,
    integrations: integrations ?? null,
    replaces: v.replaces ?? null,
    rag: v.rag ?? false,
    k: parseK(v.k),
    collection: v.collection ?? null,
    mode: parseMode(v.mode),
    rerank: !(v['no-rerank'] ?? false),
    explain: v.explain ?? false,
    db: parseDb(v.db, env),
    dbRead: v['db-read'] ?? env['BATUTA_DB_READ'] ?? null,
  };
  checkOneAction(flags);
  return flags;
}

function pictureFormat(format: string | undefined, json: boolean | undefined): PictureFormat | null {
  const picture = PICTURE_FORMATS.find((f) => f === format);
  if (picture === undefined) return null;
  if (json)
    throw new InvalidInputError(`--json and --format ${picture} contradict each other (give one of them)`);
  return picture;
}

function integrateAlias(value: string): string {
  const parts = value.split(',').map((part) => part.trim());
  if (parts.length !== 2 || parts.some((part) => part === '')) {
    throw new InvalidInputError(
      `--integrate "${value}" must name two components as FROM,TO (e.g. aprender,realizar)`,
    );
  }
  return `${parts[0]} -> ${parts[1]}`;
}

function parseDb(value: string | undefined, env: CliIo['env']): string | null {
  checkDbFlag(value);
  return value ?? (env['BATUTA_DB'] || null);
}

function parseK(value: string | undefined): number {
  if (value === undefined) return SEARCH_LIMITS.kDefault;
  const k = Number(value);
  if (!isValidK(k)) {
    const { kMin, kMax } = SEARCH_LIMITS;
    throw new InvalidInputError(
      `-k "${value}" is out of range (give a whole number from ${kMin} to ${kMax})`,
      {
        k: value,
      },
    );
  }
  return k;
}

function parseMode(value: string | undefined): SearchMode {
  if (value === undefined) return 'hybrid';
  if (isSearchMode(value)) return value;
  throw new InvalidInputError(`--mode "${value}" is not known (use hybrid, bm25 or dense)`, { mode: value });
}

function checkOneAction(flags: OracleFlags): void {
  const lookups = [
    flags.list,
    flags.show,
    flags.listCapabilities,
    flags.capability,
    flags.integrations,
    flags.replaces,
  ].filter((value) => value !== null && value !== false).length;
  if (lookups > 1)
    throw new InvalidInputError('give one lookup flag at a time (e.g. --show trueno or --list)');
  if (
    flags.picture !== null &&
    (flags.rag || (lookups === 1 && !flags.list && flags.integrations === null))
  ) {
    throw new InvalidInputError(
      `--format ${flags.picture} draws --list, --integrations "A -> B" or a question (use --format text, json or markdown for this lookup)`,
    );
  }
  if (lookups === 1 && (flags.rag || flags.question !== null)) {
    throw new InvalidInputError('a lookup flag takes no question (drop the question or the flag)');
  }
  if (flags.question !== null && flags.question.length > MAX_QUESTION_CHARS) {
    throw new InvalidInputError(
      `the question is ${flags.question.length} characters long (keep it under ${MAX_QUESTION_CHARS}; ask about one task at a time)`,
    );
  }
  if (lookups === 0 && flags.question === null) {
    throw new InvalidInputError(
      'the question is empty (ask something, e.g. batuta oracle "How do I train a model on GPU?")',
    );
  }
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  try {
    const flags = parseOracleFlags(argv, io.env);
    if (flags === 'help') {
      io.stdout(ORACLE_USAGE);
      return EXIT.ok;
    }
    if (flags.picture !== null)
      return await (await import('./oracle-picture.js')).runPicture(flags, flags.picture, io);
    if (flags.rag) return await (await import('./oracle-rag.js')).runRag(flags, io);
    if (flags.question !== null) return await (await import('./oracle-recommend.js')).runRecommend(flags, io);
    return await (await import('./oracle-graph.js')).runGraphQuery(flags, io);
  } catch (error) {
    return reportError(io, 'oracle', error);
  }
}
