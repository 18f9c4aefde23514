/**
 * `batuta index` of one folder, this build side by side with another (the session-start build), each in
 * fresh processes as a user runs it: a first index, a refresh with nothing changed, a refresh after one page
 * changed, and `--dry-run --json`. Builds alternate step by step so both see the same machine load; each
 * build indexes its own copy of the folder into its own database. Reports wall and CPU time (user + system,
 * GNU time; less sensitive to other load), median and p95. Then checks that the builds stored the same
 * collection: the dev-half searches of a graded set (`oracle --rag --json --explain -k 10`, this build's CLI) over
 * both first-index databases must print the same bytes, and the index and dry-run summaries must agree.
 *
 *   npm run build && node dist/bench/speed/index-builds.js --folder DIR --baseline OTHER/dist/src/cli/main.js
 *        [--first 3] [--rounds 5] [--questions bench/retrieval/flask-questions.yaml --limit 24] [--json]
 *
 * Timed in processes rather than in-process (timed-index.ts, reindex-one.ts) because another build's code
 * cannot be loaded beside this one's.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { benchFlags, requireFlags, runBench } from '../lib/bench-flags.js';
import { existingBuild, existingFolder } from '../lib/bench-inputs.js';
import { loadQuestionSet } from '../lib/question-set.js';
import { type Summary, summarize } from './stats.js';

const TIME = '/usr/bin/time';
const NAME = 'bench';
const STEPS = ['first index', 'no-change refresh', 'one-page refresh', 'dry-run'] as const;
type Step = (typeof STEPS)[number];

interface Build {
  readonly label: string;
  readonly cli: string;
  readonly folder: string;
  readonly db: string;
  readonly cache: string;
}

interface Timed {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly stdout: string;
}

function run(build: Build, args: readonly string[]): Timed {
  const start = process.hrtime.bigint();
  const result = spawnSync(TIME, ['-f', 'cpu %U %S', process.execPath, build.cli, ...args], {
    encoding: 'utf8',
    env: { ...process.env, XDG_CACHE_HOME: build.cache },
    maxBuffer: 256 << 20,
  });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0)
    throw new Error(`${build.label}: batuta ${args.join(' ')} failed: ${result.stderr}`);
  const cpu = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(result.stderr);
  return {
    wallMs,
    cpuMs: cpu ? 1000 * (Number(cpu[1]) + Number(cpu[2])) : Number.NaN,
    stdout: result.stdout,
  };
}

/** Removes the build's database and every file beside it. */
function dropIndex(build: Build): void {
  const dir = resolve(build.db, '..');
  const base = build.db.slice(dir.length + 1);
  for (const entry of readdirSync(dir))
    if (entry === base || entry.startsWith(`${base}.`) || entry.startsWith(`${base}-`))
      rmSync(join(dir, entry), { recursive: true, force: true });
}

/** The first page of the folder by name (an .html page when there is one): the page a one-page refresh changes. */
function pageToChange(folder: string): string {
  const names = readdirSync(folder).sort();
  return join(
    folder,
    names.find((name) => name.endsWith('.html')) ?? names.find((name) => /\.(md|txt)$/.test(name))!,
  );
}

const index = (build: Build) =>
  run(build, ['index', build.folder, '--db', build.db, '--name', NAME, '--json']);

/** One step for one build; the first index also keeps its summary for the comparison. */
function step(build: Build, which: Step, round: number): Timed {
  if (which === 'first index') dropIndex(build);
  if (which === 'one-page refresh')
    appendFileSync(pageToChange(build.folder), `\n<!-- index-builds ${round} -->\n`);
  if (which === 'dry-run')
    return run(build, ['index', build.folder, '--db', build.db, '--name', NAME, '--dry-run', '--json']);
  return index(build);
}

/** An output with the build's own folder and database and the seconds a fusion choice took taken out. */
const comparable = (build: Build, stdout: string) =>
  stdout
    .replaceAll(build.folder, 'FOLDER')
    .replaceAll(build.db, 'DB')
    .replace(/"seconds":\s*[\d.]+/g, '"seconds":0');

function searchesAgree(
  builds: readonly Build[],
  questionsFile: string,
  limit: number,
): { same: number; of: number } {
  // Dev questions only: the comparison reads no grade, but test halves are the lead's to read.
  const questions = loadQuestionSet(resolve(questionsFile))
    .questions.filter((q) => q.split === 'dev')
    .slice(0, limit);
  const mine = builds[0]!;
  let same = 0;
  for (const { question } of questions) {
    const outputs = builds.map((build) =>
      comparable(
        build,
        run(mine, [
          'oracle',
          '--rag',
          '--json',
          '--explain',
          '-k',
          '10',
          '--db',
          build.db,
          '--collection',
          NAME,
          question,
        ]).stdout,
      ),
    );
    if (outputs[0] === outputs[1]) same += 1;
  }
  return { same, of: questions.length };
}

interface Options {
  readonly folder: string;
  readonly baseline: string;
  readonly first: number;
  readonly rounds: number;
  readonly questions?: string | undefined;
  readonly limit: number;
}

function measure(options: Options, work: string) {
  const clis: Array<[string, string]> = [
    ['this build', resolve(import.meta.dirname, '../../src/cli/main.js')],
    ['baseline', resolve(options.baseline)],
  ];
  const builds: Build[] = clis.map(([label, cli], i) => {
    const folder = join(work, `folder-${i}`);
    cpSync(options.folder, folder, { recursive: true, verbatimSymlinks: true });
    return { label, cli, folder, db: join(work, `index-${i}.db`), cache: join(work, `cache-${i}`) };
  });
  const times = new Map<string, Timed[]>();
  const add = (key: string, timed: Timed) => times.set(key, [...(times.get(key) ?? []), timed]);
  const summaries: string[][] = builds.map(() => []);
  const load: number[] = [];
  const rounds = Math.max(options.first, options.rounds);
  let agree = null as { same: number; of: number } | null;
  for (let round = 0; round < rounds; round++) {
    for (const which of STEPS) {
      if (which === 'first index' && round >= options.first) continue;
      if (which !== 'first index' && round >= options.rounds) continue;
      for (const [i, build] of builds.entries()) {
        const timed = step(build, which, round);
        add(`${build.label}\t${which}`, timed);
        if (round === 0) summaries[i]!.push(comparable(build, timed.stdout));
      }
      load.push(loadavg()[0]!);
      if (which === 'first index' && round === 0 && options.questions)
        agree = searchesAgree(builds, options.questions, options.limit);
    }
  }
  const differing = STEPS.filter((_, k) => summaries[0]![k] !== summaries[1]![k]);
  return { times, load, agree, differing };
}

function main(): void {
  const { values } = benchFlags(import.meta.filename, {
    options: {
      folder: { type: 'string' },
      baseline: { type: 'string' },
      first: { type: 'string', default: '3' },
      rounds: { type: 'string', default: '5' },
      questions: { type: 'string' },
      limit: { type: 'string', default: '24' },
      json: { type: 'boolean', default: false },
    },
  });
  requireFlags(import.meta.filename, values, ['folder', 'baseline']);
  existingFolder(values.folder, '--folder');
  existingBuild(values.baseline);
  const work = mkdtempSync(join(tmpdir(), 'index-builds-'));
  try {
    const options = {
      folder: resolve(values.folder),
      baseline: values.baseline,
      first: Number(values.first),
      rounds: Number(values.rounds),
      questions: values.questions,
      limit: Number(values.limit),
    };
    const { times, load, agree, differing } = measure(options, work);
    const table: Record<string, { wall: Summary; cpu: Summary }> = {};
    for (const [key, list] of times)
      table[key] = { wall: summarize(list.map((t) => t.wallMs)), cpu: summarize(list.map((t) => t.cpuMs)) };
    const loadRange = `${Math.min(...load).toFixed(1)}-${Math.max(...load).toFixed(1)}`;
    if (values.json) {
      console.log(
        JSON.stringify({ folder: options.folder, load: loadRange, table, agree, differing }, null, 2),
      );
      return;
    }
    const s = (ms: number) => (ms / 1000).toFixed(2);
    console.log(`batuta index ${options.folder}; load average during the run ${loadRange}`);
    for (const [key, { wall, cpu }] of Object.entries(table))
      console.log(
        `${key.replace('\t', ': ').padEnd(32)} wall ${s(wall.median)} s (p95 ${s(wall.p95)})  CPU ${s(cpu.median)} s (p95 ${s(cpu.p95)})  ${wall.runs} runs`,
      );
    if (agree)
      console.log(`searches over the two first-index databases: ${agree.same} of ${agree.of} identical`);
    console.log(
      `summaries of the first round that differ between the builds: ${differing.length === 0 ? 'none' : differing.join(', ')}`,
    );
    if (differing.length > 0 || (agree && agree.same !== agree.of)) process.exitCode = 1;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await runBench(import.meta.filename, main);
