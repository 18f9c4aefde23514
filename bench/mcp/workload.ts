/**
 * The calls the MCP benches make: realistic arguments that rotate so no answer is served from a single
 * warm path. A tool the server does not offer is skipped by the bench.
 */

export interface BenchCall {
  readonly name: string;
  arguments(i: number): Record<string, unknown>;
}

const QUESTIONS = [
  'How do I train a model on GPU?',
  'Which component stores vectors for similarity search?',
  'Convert my Python numpy code to Rust',
  'Serve a trained model over HTTP',
  'Run a shell script as safe Rust',
  'Distribute a computation over several machines',
  'Validate that the transpiled program behaves like the original',
  'Load a dataset from parquet files',
];

const COMPONENTS = ['trueno', 'aprender', 'realizar', 'depyler', 'trueno-db', 'batuta', 'pacha', 'repartir'];
const TARGETS = COMPONENTS.filter((name) => name !== 'aprender');

export const BENCH_CALLS: readonly BenchCall[] = [
  { name: 'get_component', arguments: (i) => ({ name: COMPONENTS[i % COMPONENTS.length] }) },
  { name: 'list_components', arguments: () => ({}) },
  { name: 'find_integrations', arguments: (i) => ({ from: 'aprender', to: TARGETS[i % TARGETS.length] }) },
  { name: 'oracle_query', arguments: (i) => ({ question: QUESTIONS[i % QUESTIONS.length] }) },
  { name: 'search_docs', arguments: (i) => ({ query: QUESTIONS[i % QUESTIONS.length], k: 10 }) },
];

/** The call the HTTP throughput bench repeats. */
export function oracleCall(i: number): { name: string; arguments: Record<string, unknown> } {
  return { name: 'oracle_query', arguments: { question: QUESTIONS[i % QUESTIONS.length] } };
}
