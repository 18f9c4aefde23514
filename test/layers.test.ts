import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * DESIGN.md §2: dependencies point one way, `cli, mcp -> oracle, migration -> knowledge, retrieval -> store`.
 * Migration may use the oracle (its plan asks for component recommendations); `import type` is exempt.
 * src/cli and mcp/ reach the domain only through the layer entries; value imports form no cycle.
 */
const ROOT = resolve(import.meta.dirname, '..');

const RANK: Record<string, number> = {
  'src/errors': 0,
  'src/fixes': 0,
  'src/shapes': 0,
  'src/paths': 0.25,
  'src/text': 0.5,
  'src/store': 1,
  'src/knowledge': 2,
  'src/retrieval': 2,
  'src/oracle': 3,
  'src/picture': 3.5,
  'src/migration': 4,
  'src/index': 5,
  'src/cli': 6,
  mcp: 6,
};

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return walk(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

function layerOf(file: string): string {
  const rel = relative(ROOT, file)
    .replaceAll('\\', '/')
    .replace(/\.(ts|js)$/, '');
  if (rel.startsWith('mcp/')) return 'mcp';
  const [top, second] = rel.split('/');
  if (top !== 'src' || second === undefined) return rel;
  return `src/${second}`;
}

/** Static imports, re-exports and dynamic imports that carry values (not `import type`). */
function importsOf(source: string): string[] {
  const found: string[] = [];
  const statement = /^\s*(import|export)\s+(?!type\s)[^;]*?from\s+['"]([^'"]+)['"]/gms;
  const bare = /^\s*import\s+['"]([^'"]+)['"]/gm;
  const dynamic = /import\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const match of source.matchAll(statement)) found.push(match[2]!);
  for (const match of source.matchAll(bare)) found.push(match[1]!);
  for (const match of source.matchAll(dynamic)) found.push(match[1]!);
  return found;
}

function violations(): string[] {
  const problems: string[] = [];
  const files = [...walk(join(ROOT, 'src')), ...walk(join(ROOT, 'mcp'))];
  for (const file of files) {
    const from = layerOf(file);
    const rel = relative(ROOT, file);
    for (const spec of importsOf(readFileSync(file, 'utf8'))) {
      if (!spec.startsWith('.')) {
        problems.push(...packageRule(rel, from, spec));
        continue;
      }
      problems.push(...roomRule(rel, resolve(dirname(file), spec)));
      const to = layerOf(resolve(dirname(file), spec));
      if (to === from) continue;
      const allowed =
        (RANK[from] ?? -1) > (RANK[to] ?? 99) ||
        (from === 'src/cli' && to === 'mcp') ||
        (from === 'mcp' && to === 'mcp');
      const mcpReach = from === 'mcp' && to !== 'mcp' && !isEntry(resolve(dirname(file), spec));
      if (!allowed || mcpReach) problems.push(`${rel}: ${from} must not import ${to} (${spec})`);
      if (from === 'src/cli' && to !== 'mcp' && !isEntry(resolve(dirname(file), spec)))
        problems.push(`${rel}: src/cli reaches ${to} only through its entry (${spec})`);
    }
  }
  return problems;
}

/**
 * The files src/cli and mcp/ may import from the domain: each layer's entry (src/LAYER/index.ts), the
 * errors and their fixes, and light parts of the retrieval entry: the search request limits (for flag parsing),
 * the MCP tool's request fields (zod), the read path a one-shot search loads (searching.ts), the spec citer
 * (what an oracle answer cites, without loading the search and index code) and how a result's copies are named
 * on a line of output (named-copies.ts); and the picture formats (for flag parsing, without the drawing code).
 */
function isEntry(target: string): boolean {
  const rel = relative(ROOT, target)
    .replaceAll('\\', '/')
    .replace(/\.(ts|js)$/, '');
  return (
    /^src\/[a-z]+\/index$/.test(rel) ||
    rel === 'src/errors' ||
    rel === 'src/fixes' ||
    rel === 'src/retrieval/request' ||
    rel === 'src/retrieval/request-fields' ||
    rel === 'src/retrieval/searching' ||
    rel === 'src/retrieval/search/citations' ||
    rel === 'src/retrieval/search/named-copies' ||
    rel === 'src/picture/formats'
  );
}

/** Room rules inside src/retrieval: offline training stays offline, the read path never reaches the write path. */
function roomRule(rel: string, target: string): string[] {
  const to = relative(ROOT, target).replaceAll('\\', '/');
  if (to.startsWith('src/retrieval/train/') && !rel.startsWith('src/retrieval/train/'))
    return [`${rel}: only src/retrieval/train may import train/ (${to})`];
  if (rel.startsWith('src/retrieval/search/') && to.startsWith('src/retrieval/indexing/'))
    return [`${rel}: the read path (search/) must not import the write path (${to})`];
  return [];
}

/** Value-import edges between the files of src/ and mcp/ (`import type` left out). */
function importGraph(): Map<string, string[]> {
  const files = [...walk(join(ROOT, 'src')), ...walk(join(ROOT, 'mcp'))];
  const known = new Set(files);
  return new Map(
    files.map((file) => [
      file,
      importsOf(readFileSync(file, 'utf8'))
        .filter((spec) => spec.startsWith('.'))
        .map((spec) => resolve(dirname(file), spec).replace(/\.js$/, '.ts'))
        .filter((target) => known.has(target)),
    ]),
  );
}

/** Every import cycle, each as the files on it (depth-first search, one report per back edge). */
function cycles(graph: ReadonlyMap<string, readonly string[]>): string[] {
  const found: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    path.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') {
        const loop = path.slice(path.indexOf(next)).map((f) => relative(ROOT, f));
        found.push(loop.join(' -> '));
      } else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return found;
}

function packageRule(rel: string, from: string, spec: string): string[] {
  if (spec === 'better-sqlite3' && from !== 'src/store')
    return [`${rel}: only src/store may import better-sqlite3`];
  if (spec === 'onnxruntime-node' && !/src\/retrieval\/(dense|rerank|onnx)\//.test(rel)) {
    return [`${rel}: only src/retrieval/dense, rerank and onnx may import onnxruntime-node`];
  }
  if (spec.startsWith('@modelcontextprotocol/') && from !== 'mcp')
    return [`${rel}: only mcp/ may import the MCP SDK`];
  return [];
}

describe('layer order', () => {
  it('finds imports the way the checker reads them', () => {
    const sample =
      "import type { A } from '../a.js';\nimport { b } from '../b.js';\nconst c = await import('./c.js');";
    expect(importsOf(sample)).toEqual(['../b.js', './c.js']);
  });

  it('has no import that points up or sideways across layers', () => {
    expect(violations()).toEqual([]);
  });

  it('finds a cycle when there is one', () => {
    const graph = new Map([
      ['/a', ['/b']],
      ['/b', ['/c']],
      ['/c', ['/a']],
      ['/d', ['/a']],
    ]);
    expect(cycles(graph)).toHaveLength(1);
  });

  it('has no value-import cycle in src/ and mcp/', () => {
    expect(cycles(importGraph())).toEqual([]);
  });
});
