/**
 * How often builder-generated files (generatedRule) reach the top 10 of the product's search, through the
 * built CLI as a user runs it (`batuta index`, then `batuta oracle --rag --json -k 10` per question):
 *   node dist/bench/retrieval/generated-top.js --set flask|nodejs|FILE.yaml [--split dev|test|all]
 *       [--modes hybrid+rerank,hybrid,bm25,dense] [--corpus-root DIR]
 * Unlike eval.js it keeps files the bench does not list (searchindex.js, .js assets), so its nDCG@10 is the
 * one a user of the CLI gets.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidInputError } from '../../src/errors.js';
import { benchFlags, runBench } from '../lib/bench-flags.js';
import { generatedRule } from '../lib/generated-files.js';
import { mean, ndcgAt } from '../lib/metrics.js';
import { loadQuestionSet } from '../lib/question-set.js';
import { findRepoRoot } from '../lib/repo.js';
import { corpusRootOf, setPath } from './set-location.js';

const MODES: Record<string, string[]> = {
  'hybrid+rerank': [],
  hybrid: ['--no-rerank'],
  bm25: ['--mode', 'bm25'],
  dense: ['--mode', 'dense', '--no-rerank'],
};

function cli(repo: string, args: readonly string[]): unknown {
  const run = spawnSync(process.execPath, [join(repo, 'dist/src/cli/main.js'), ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0 && run.status !== 1) {
    throw new Error(`batuta ${args.slice(0, 2).join(' ')} failed: ${run.stderr.trim().split('\n').at(-1)}`);
  }
  return JSON.parse(run.stdout);
}

export interface ModeCount {
  readonly mode: string;
  readonly questions: number;
  /** Questions with at least one generated file in their top 10. */
  readonly withGenerated: number;
  /** Questions whose first result is a generated file. */
  readonly generatedFirst: number;
  /** Top-10 appearances per rule. */
  readonly byRule: Record<string, number>;
  readonly ndcg: number;
}

function main(argv: string[]): number {
  const { values } = benchFlags(import.meta.filename, {
    args: argv,
    options: {
      set: { type: 'string', default: 'flask' },
      split: { type: 'string', default: 'all' },
      modes: { type: 'string', default: 'hybrid+rerank,hybrid' },
      'corpus-root': { type: 'string' },
    },
    strict: true,
  });
  const modes = values.modes.split(',');
  const unknown = modes.find((mode) => MODES[mode] === undefined);
  if (unknown !== undefined) {
    throw new InvalidInputError(
      `generated-top: unknown mode "${unknown}" (use ${Object.keys(MODES).join(', ')})`,
    );
  }
  if (!['dev', 'test', 'all'].includes(values.split)) {
    throw new InvalidInputError(
      `generated-top: --split "${values.split}" is not known (use dev, test or all)`,
    );
  }
  const repo = findRepoRoot(import.meta.dirname);
  const file = setPath(repo, values.set, 'generated-top');
  const full = loadQuestionSet(file);
  const questions = full.questions.filter((q) => values.split === 'all' || q.split === values.split);
  const root = corpusRootOf(repo, full, file, values['corpus-root'], 'generated-top');
  const dir = mkdtempSync(join(tmpdir(), 'batuta-generated-'));
  try {
    const db = join(dir, 'index.db');
    cli(repo, ['index', root, '--name', 'bench', '--db', db, '--json']);
    const counts = modes.map((mode): ModeCount => {
      const byRule: Record<string, number> = {};
      let withGenerated = 0;
      let generatedFirst = 0;
      const ndcgs: number[] = [];
      for (const question of questions) {
        const args = ['oracle', '--rag', question.question, '--collection', 'bench', '--db', db];
        const answer = cli(repo, [...args, '--json', '-k', '10', ...MODES[mode]!]) as {
          results?: Array<{ source: string }>;
        };
        const sources = (answer.results ?? []).map((result) => result.source);
        const rules = sources.map(generatedRule);
        for (const rule of rules) if (rule !== null) byRule[rule] = (byRule[rule] ?? 0) + 1;
        if (rules.some((rule) => rule !== null)) withGenerated += 1;
        if (rules[0] !== undefined && rules[0] !== null) generatedFirst += 1;
        ndcgs.push(ndcgAt(sources, question.relevant));
      }
      process.stderr.write(`generated-top: ${mode} done\n`);
      return { mode, questions: questions.length, withGenerated, generatedFirst, byRule, ndcg: mean(ndcgs) };
    });
    const command = `node dist/bench/retrieval/generated-top.js ${argv.join(' ')}`.trim();
    process.stdout.write(
      `${JSON.stringify({ set: values.set, split: values.split, root, command, counts }, null, 2)}\n`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return 0;
}

await runBench(import.meta.filename, () => main(process.argv.slice(2)));
