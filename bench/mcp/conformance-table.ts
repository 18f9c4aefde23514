/**
 * Reads the result folders the official MCP conformance suite writes (`conformance server -o DIR`, one
 * `checks.json` per scenario) and prints one row per scenario and revision: pass, fail or not applicable
 * with the reason. A check is not applicable when the suite says it could not exercise it because the
 * server lacks one of the suite's own fixture tools, prompts or resources (test_simple_text,
 * test://static-text ...), which a real server does not carry, or when it tests a feature this server does
 * not offer (FEATURES_NOT_OFFERED). A scenario whose only findings are SHOULD-level warnings is `warn`.
 * Everything else counts.
 *
 * Usage: node dist/bench/mcp/conformance-table.js REVISION=DIR [REVISION=DIR ...]
 * Exit code 1 when an applicable scenario fails.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchPositionals, runBench } from '../lib/bench-flags.js';

interface Check {
  readonly id: string;
  readonly status: 'SUCCESS' | 'FAILURE' | 'WARNING' | 'SKIPPED' | 'INFO';
  readonly errorMessage?: string;
}

export interface Row {
  readonly scenario: string;
  readonly revision: string;
  readonly verdict: 'pass' | 'warn' | 'fail' | 'n/a';
  readonly note: string;
}

/** Messages the suite gives when the server lacks one of its fixtures (the check never ran). */
const FIXTURE_MISSING = [
  /(?:Tool|Prompt) '?([\w-]+)'? not found/,
  /Resource not found: (test:\/\/\S+)/,
  /^Not testable: (.*)/,
  /^Prerequisite failed/,
  /fixture .* unavailable/,
];

/** Scenario prefixes whose failed checks test a feature this server does not offer, with the reason. */
const FEATURES_NOT_OFFERED: readonly (readonly [string, string])[] = [
  ['input-required-result-', 'no tool of this server asks the client for input (input_required)'],
  ['resources-subscribe', 'the server declares no resources.subscribe capability'],
  [
    'tasks-required-task-error',
    "no tool of this server requires a task (its long tools also run as plain calls); the check calls the suite's fixture failing_job",
  ],
  ['resources-unsubscribe', 'the server declares no resources.subscribe capability'],
];

/** Checks that validate the wire format of whatever came back; they pass even when nothing was tested. */
const GENERIC_CHECKS = new Set(['wire-schema-valid']);

/** Classifies one scenario run from its checks. */
export function classify(scenario: string, revision: string, checks: readonly Check[]): Row {
  const offered = FEATURES_NOT_OFFERED.find(([prefix]) => scenario.startsWith(prefix))?.[1];
  const findings = checks.filter((c) => c.status === 'FAILURE' || c.status === 'WARNING');
  const notApplicable = (c: Check) =>
    offered !== undefined || FIXTURE_MISSING.some((re) => re.test(c.errorMessage ?? ''));
  const missing = findings.filter(notApplicable);
  const failures = findings.filter((c) => c.status === 'FAILURE' && !notApplicable(c));
  const warnings = findings.filter((c) => c.status === 'WARNING' && !notApplicable(c)).map((c) => c.id);
  const passed = checks.filter((c) => c.status === 'SUCCESS' && !GENERIC_CHECKS.has(c.id));
  const reason =
    offered ??
    `needs the suite's fixture ${[...new Set(missing.map((c) => fixtureName(c.errorMessage ?? '')))].join(', ')}`;
  if (failures.length > 0) {
    const note = failures.map((c) => `${c.id}: ${(c.errorMessage ?? '').slice(0, 120)}`).join('; ');
    return { scenario, revision, verdict: 'fail', note };
  }
  if (passed.length === 0 && warnings.length === 0) {
    return { scenario, revision, verdict: 'n/a', note: missing.length > 0 ? reason : 'no check ran' };
  }
  const parts = [`${passed.length} ${passed.length === 1 ? 'check' : 'checks'} passed`];
  if (missing.length > 0) parts.push(`${missing.length} not applicable (${reason})`);
  if (warnings.length > 0) parts.push(`SHOULD not met: ${warnings.join(', ')}`);
  return { scenario, revision, verdict: passed.length > 0 ? 'pass' : 'warn', note: parts.join('; ') };
}

function fixtureName(message: string): string {
  const quoted = /'([\w-]+)'/.exec(message)?.[1] ?? /(?:Tool|Prompt) ([\w-]+) not found/.exec(message)?.[1];
  const resource = /(test:\/\/\S+)/.exec(message)?.[1];
  if (quoted !== undefined) return quoted;
  if (resource !== undefined) return resource;
  if (/x-mcp-header/.test(message)) return 'a tool with an x-mcp-header parameter';
  return 'fixture';
}

/** The newest run of each scenario in a result folder (folder names end with the run's time); null when
 * the suite wrote no checks for it (the scenario crashed or timed out). */
function readRuns(dir: string): Map<string, Check[] | null> {
  const runs = new Map<string, Check[] | null>();
  for (const entry of readdirSync(dir).sort()) {
    const scenario = entry.replace(/^server-/, '').replace(/-\d{4}-\d\d-\d\dT[\d-]+Z$/, '');
    const file = join(dir, entry, 'checks.json');
    runs.set(scenario, existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Check[]) : null);
  }
  return runs;
}

function main(argv: string[]): number {
  const args = benchPositionals(
    import.meta.filename,
    { required: ['REVISION=DIR'], rest: 'REVISION=DIR' },
    argv,
  );
  const rows: Row[] = [];
  for (const arg of args) {
    const [revision, dir] = arg.split('=') as [string, string];
    for (const [scenario, checks] of readRuns(dir)) {
      rows.push(
        checks === null
          ? { scenario, revision, verdict: 'fail', note: 'the suite wrote no result (crashed or timed out)' }
          : classify(scenario, revision, checks),
      );
    }
  }
  console.log('| scenario | revision | result | detail |\n|---|---|---|---|');
  for (const row of rows) console.log(`| ${row.scenario} | ${row.revision} | ${row.verdict} | ${row.note} |`);
  for (const revision of new Set(rows.map((row) => row.revision))) {
    const of = rows.filter((row) => row.revision === revision);
    const count = (verdict: Row['verdict']) => of.filter((row) => row.verdict === verdict).length;
    const counts = `${count('pass')} pass, ${count('warn')} SHOULD-only warnings, ${count('fail')} fail`;
    console.log(`\n${revision}: ${counts}, ${count('n/a')} not applicable`);
  }
  return rows.some((row) => row.verdict === 'fail') ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`)
  await runBench(import.meta.filename, () => main(process.argv.slice(2)));
