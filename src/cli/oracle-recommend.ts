/**
 * `batuta oracle "QUESTION"`: a recommendation as readable text, markdown, or the one JSON document of
 * DESIGN.md §3. Exit 0 with an answer, 1 when nothing in the stack fits (with a hint to `--list`).
 * Imports the oracle, knowledge and citation modules directly rather than through src/index.ts: the
 * index pulls in SQLite, ONNX and tree-sitter (about 250 ms), which a fresh `batuta oracle` cannot pay.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { type Knowledge, loadKnowledge } from '../knowledge/index.js';
import { createStackOracle, type Recommendation, type StemCache } from '../oracle/index.js';
import { type CliIo, EXIT, printJson, reportError } from './io.js';
import type { OracleFlags } from './oracle-command.js';

/**
 * Stems of the knowledge base kept as files under the user cache folder ($XDG_CACHE_HOME/batuta/oracle
 * or ~/.cache/batuta/oracle), one file per key; writing a new key removes the others. The cache is an
 * optimisation: any error reading or writing it is ignored.
 */
export function createFileStemCache(env: CliIo['env']): StemCache {
  const root = env['XDG_CACHE_HOME'] || join(env['HOME'] || homedir(), '.cache');
  const dir = join(root, 'batuta', 'oracle');
  const file = (key: string) => join(dir, `stems-${key}.json`);
  return {
    read(key) {
      try {
        return readFileSync(file(key), 'utf8');
      } catch {
        return null;
      }
    },
    write(key, text) {
      try {
        mkdirSync(dir, { recursive: true });
        const temporary = `${file(key)}.${process.pid}.tmp`;
        writeFileSync(temporary, text);
        renameSync(temporary, file(key));
        // Stems of older knowledge or an older stemmer are never read again.
        for (const name of readdirSync(dir)) {
          if (/^stems-\w+\.json$/.test(name) && name !== `stems-${key}.json`)
            rmSync(join(dir, name), { force: true });
        }
      } catch {
        // A read-only or full disk only costs the next process the stemming time.
      }
    },
  };
}

/**
 * Answers a question with flags already parsed by oracle-command.ts. Errors are reported here, as one
 * line with the exit code they map to, so a broken knowledge folder never reaches the top level.
 */
export async function runRecommend(flags: OracleFlags, io: CliIo): Promise<number> {
  try {
    return await answerQuestion(flags, io);
  } catch (error) {
    return reportError(io, 'oracle', error);
  }
}

/** The knowledge base (from $BATUTA_KNOWLEDGE_DIR when set) and the recommendation for a question. */
export async function recommendFor(
  question: string,
  io: CliIo,
  explain: boolean,
): Promise<{ knowledge: Knowledge; recommendation: Recommendation }> {
  const dir = io.env['BATUTA_KNOWLEDGE_DIR'];
  const knowledge = loadKnowledge(dir === undefined || dir === '' ? undefined : dir);
  const { createSpecCiter } = await import('../retrieval/search/citations.js');
  const oracle = createStackOracle(knowledge, { stemCache: createFileStemCache(io.env) });
  const recommendation = await oracle.recommend(question, { cite: createSpecCiter(), explain });
  return { knowledge, recommendation };
}

/** The one line on stderr when nothing in the stack fits a question. */
export function noMatchLine(question: string): string {
  return `batuta oracle: nothing in the stack matches "${question}" (name the task, e.g. train, serve, search, transpile, or see batuta oracle --list)\n`;
}

async function answerQuestion(flags: OracleFlags, io: CliIo): Promise<number> {
  const question = flags.question ?? '';
  const { recommendation } = await recommendFor(question, io, flags.explain);
  if (flags.format === 'json') printJson(io, recommendation);
  else if (flags.format === 'markdown') io.stdout(toMarkdown(recommendation));
  else io.stdout(toText(recommendation));
  if (recommendation.primary === null) {
    io.stderr(noMatchLine(question));
    return EXIT.none;
  }
  return EXIT.ok;
}

const percent = (x: number) => `${Math.round(x * 100)}%`;

function problemLine(r: Recommendation): string {
  const p = r.problem;
  const parts = [
    p.domains.length > 0 ? `domains ${p.domains.join(', ')}` : '',
    p.algorithms.length > 0 ? `algorithms ${p.algorithms.join(', ')}` : '',
    p.dataSize === null ? '' : `data ${p.dataSize.text}`,
    p.hardware.length > 0 ? `hardware ${p.hardware.join(', ')}` : '',
    p.deployment.length > 0 ? `deploy to ${p.deployment.join(', ')}` : '',
    p.languages.length > 0 ? `${p.migration ? 'migrate from' : 'languages'} ${p.languages.join(', ')}` : '',
    p.tools.length > 0 ? `replacing ${p.tools.join(', ')}` : '',
    p.negated.length > 0 ? `ruled out ${p.negated.join(', ')}` : '',
  ];
  return parts.filter((x) => x !== '').join('; ');
}

/** ", published as aprender-serve" when the primary's crate carries another name than the component. */
function publishedNote(r: Recommendation): string {
  const p = r.primary?.published;
  return p === undefined || p.crate === r.primary?.component ? '' : `, published as ${p.crate}`;
}

/** Readable text for a terminal. */
export function toText(r: Recommendation): string {
  if (r.primary === null) return `No stack component fits "${r.query}".\n`;
  const lines = [`Question: ${r.query}`, `Understood: ${problemLine(r)}`, ''];
  lines.push(
    `Primary: ${r.primary.component}${publishedNote(r)} (confidence ${percent(r.primary.confidence)})`,
  );
  lines.push(`  ${r.primary.rationale}`);
  if (r.primary.capabilities.length > 0) lines.push(`  capabilities: ${r.primary.capabilities.join(', ')}`);
  if (r.supporting.length > 0) lines.push('', 'Supporting:');
  for (const s of r.supporting) {
    const crate =
      s.published !== undefined && s.published.crate !== s.component
        ? `, published as ${s.published.crate}`
        : '';
    lines.push(`  ${s.component} (${percent(s.confidence)}${crate}, via ${s.via}): ${s.rationale}`);
  }
  if (r.compute !== null) lines.push('', `Compute: ${r.compute.backend}: ${r.compute.rationale}`);
  if (r.integrations.length > 0) lines.push('', 'Integrations:');
  for (const i of r.integrations) lines.push(`  ${i.from} -> ${i.to} (${i.pattern}): ${i.description}`);
  if (r.citations.length > 0) lines.push('', 'Sources:');
  for (const c of r.citations) lines.push(`  ${c.source}:${c.lines[0]}-${c.lines[1]} ${c.heading}`);
  if (r.example !== null)
    lines.push('', `Example (${r.example.recipe}): ${r.example.problem}`, indent(r.example.code));
  if (r.related.length > 0) lines.push('', 'Related:', ...r.related.map((q) => `  batuta oracle "${q}"`));
  return `${lines.join('\n')}\n`;
}

function indent(code: string): string {
  return code
    .trimEnd()
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}

/** Markdown for pasting into an issue or a design document. */
export function toMarkdown(r: Recommendation): string {
  if (r.primary === null) return `No stack component fits "${r.query}".\n`;
  const out = [`## ${r.query}`, '', `*Understood:* ${problemLine(r)}`, ''];
  out.push(
    `**Primary: \`${r.primary.component}\`**${publishedNote(r)} (confidence ${percent(r.primary.confidence)}): ${r.primary.rationale}`,
  );
  if (r.supporting.length > 0) out.push('', '| supporting | confidence | via | why |', '|---|---|---|---|');
  for (const s of r.supporting)
    out.push(`| \`${s.component}\` | ${percent(s.confidence)} | ${s.via} | ${s.rationale} |`);
  if (r.compute !== null) out.push('', `**Compute:** \`${r.compute.backend}\`: ${r.compute.rationale}`);
  if (r.integrations.length > 0) out.push('', '### Integrations', '');
  for (const i of r.integrations) out.push(`- \`${i.from}\` → \`${i.to}\` (${i.pattern}): ${i.description}`);
  if (r.citations.length > 0) out.push('', '### Sources', '');
  for (const c of r.citations)
    out.push(`- ${c.collection}/${c.source} lines ${c.lines[0]}–${c.lines[1]}: ${c.heading}`);
  if (r.example !== null)
    out.push('', `### Example: ${r.example.problem}`, '', '```rust', r.example.code.trimEnd(), '```');
  if (r.related.length > 0) out.push('', '### Related questions', '', ...r.related.map((q) => `- ${q}`));
  return `${out.join('\n')}\n`;
}
