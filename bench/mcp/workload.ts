/**
 * The calls the MCP benches make, with arguments drawn from the project's own question sets (the oracle
 * and retrieval benches' 338 questions) so consecutive calls do not ask the same thing and caches get no
 * free ride. A tool the server does not offer is skipped by the bench.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';

export interface BenchCall {
  readonly name: string;
  arguments(i: number): Record<string, unknown>;
}

const ROOT = resolve(import.meta.dirname, '../../..');

/** Every question of the oracle and retrieval question sets, in file order. */
export function loadQuestions(): string[] {
  const read = (path: string) => parse(readFileSync(resolve(ROOT, path), 'utf8')) as unknown;
  const oracle = ['bench/oracle/questions.yaml', 'bench/oracle/independent.yaml'].flatMap((path) =>
    (read(path) as { q: string }[]).map((item) => item.q),
  );
  const retrieval = [
    'bench/retrieval/specs-questions.yaml',
    'bench/retrieval/batuta-docs-questions.yaml',
  ].flatMap((path) =>
    (read(path) as { questions: { question: string }[] }).questions.map((item) => item.question),
  );
  return [...new Set([...oracle, ...retrieval])];
}

const COMPONENTS = ['trueno', 'aprender', 'realizar', 'depyler', 'trueno-db', 'batuta', 'pacha', 'repartir'];
const TARGETS = COMPONENTS.filter((name) => name !== 'aprender');

/** The benchmarked calls; graph tools first, then the two that search text. */
export function benchCalls(questions: readonly string[]): BenchCall[] {
  const question = (i: number) => questions[i % questions.length]!;
  return [
    { name: 'get_component', arguments: (i) => ({ name: COMPONENTS[i % COMPONENTS.length] }) },
    { name: 'list_components', arguments: () => ({}) },
    { name: 'find_integrations', arguments: (i) => ({ from: 'aprender', to: TARGETS[i % TARGETS.length] }) },
    { name: 'oracle_query', arguments: (i) => ({ question: question(i) }) },
    { name: 'search_docs', arguments: (i) => ({ query: question(i), k: 10 }) },
  ];
}
