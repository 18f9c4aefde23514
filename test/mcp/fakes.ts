/**
 * Small hand-made domain data behind the ServerDeps interfaces, so every tool, resource and prompt can be
 * exercised in-process without the real knowledge base, indexes or transpilers.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type {
  DocsDeps,
  GraphDeps,
  MigrationDeps,
  OracleDeps,
  PictureDeps,
  ServerDeps,
} from '../../mcp/deps.js';
import { createPictureDeps } from '../../mcp/picture-deps.js';
import type { AllowedRoots } from '../../mcp/roots.js';
import {
  type ComponentDetail,
  type IntegrationOut,
  MIGRATION_PHASES,
  type MigrationStatus,
  type RecipeOut,
  type SearchHit,
} from '../../mcp/schemas.js';
import { say } from '../../src/fixes.js';
import { BatutaError, loadKnowledge, NotFoundError, PhaseGateError } from '../../src/index.js';
import { documentText } from '../../src/retrieval/documents/document-text.js';

function component(name: string, layer: number, capabilities: string[]): ComponentDetail {
  return {
    name,
    display: name.toUpperCase(),
    version: '0.1.0',
    layer,
    layerName: `Layer ${layer}`,
    summary: `${name} summary`,
    description: `${name} description`,
    capabilities,
    domains: ['testing'],
    replaces: name === 'trueno' ? ['NumPy'] : [],
    platforms: ['cpu'],
    languages: { reads: [], writes: [] },
    integrations: [],
    recipes: [],
  };
}

export const COMPONENTS: readonly ComponentDetail[] = [
  component('trueno', 0, ['simd', 'gpu']),
  component('aprender', 1, ['ml-training', 'simd']),
  component('realizar', 1, ['inference']),
];

export const INTEGRATIONS: readonly IntegrationOut[] = [
  { from: 'aprender', to: 'trueno', pattern: 'compute backend', description: 'aprender runs on trueno' },
  { from: 'aprender', to: 'realizar', pattern: 'model export', description: 'models go to realizar' },
];

export const RECIPES: readonly RecipeOut[] = [
  {
    id: 'simd-dot',
    problem: 'dot product with simd',
    components: ['trueno'],
    tags: ['simd', 'vector'],
    code: 'fn main() {}',
    test: '#[test] fn t() {}',
  },
];

function find(name: string): ComponentDetail {
  const found = COMPONENTS.find((c) => c.name === name);
  if (found === undefined) {
    throw new NotFoundError(`component "${name}" does not exist (call list_components for the names)`);
  }
  return { ...found, integrations: INTEGRATIONS.filter((i) => i.from === name || i.to === name) };
}

export const fakeGraph: GraphDeps = {
  listComponents: () => COMPONENTS,
  getComponent: (name) => find(name.trim().toLowerCase()),
  findComponents(capability) {
    const id = capability.trim().toLowerCase();
    const components = COMPONENTS.filter((c) => c.capabilities.includes(id));
    if (components.length === 0) throw new NotFoundError(`capability "${capability}" is not known`);
    return { capability: { id, name: id.toUpperCase(), description: `${id} capability` }, components };
  },
  findIntegrations(from, to) {
    const a = find(from.trim().toLowerCase()).name;
    const b = find(to.trim().toLowerCase()).name;
    const direct = INTEGRATIONS.filter((i) => i.from === a && i.to === b);
    const hops = direct.map((i) => ({
      from: a,
      to: b,
      pattern: i.pattern,
      reversed: false,
      explanation: `${a} -> ${b} (${i.pattern})`,
    }));
    return { from: a, to: b, mode: direct.length > 0 ? 'direct' : 'none', direct, hops };
  },
  searchRecipes(filter, limit) {
    const words = (filter.query ?? '').toLowerCase().split(/\s+/);
    return RECIPES.filter((r) => filter.component === undefined || r.components.includes(filter.component))
      .filter((r) => filter.tag === undefined || r.tags.includes(filter.tag))
      .filter((r) => filter.query === undefined || r.tags.some((tag) => words.includes(tag)))
      .slice(0, limit);
  },
};

export const fakeOracle: OracleDeps = {
  async recommend(question) {
    const gpu = /gpu|train/i.test(question);
    return {
      query: question,
      problem: { domains: gpu ? ['ml-training'] : [] },
      primary: gpu
        ? {
            component: 'aprender',
            confidence: 0.9,
            rationale: 'trains models',
            capabilities: ['ml-training'],
          }
        : null,
      supporting: gpu
        ? [{ component: 'trueno', confidence: 0.7, rationale: 'GPU kernels', via: 'compute backend' }]
        : [],
      compute: gpu ? { backend: 'gpu', rationale: 'large matrices' } : null,
      integrations: gpu ? [INTEGRATIONS[0]!] : [],
      citations: gpu
        ? [{ collection: 'specs', source: 'aprender.md', heading: 'Training', lines: [2, 3] }]
        : [],
      example: gpu ? { recipe: 'simd-dot', problem: 'dot product with simd', code: 'fn main() {}' } : null,
      related: [],
    };
  },
};

/** Documents per collection, then per path. */
export const DOCUMENTS: Record<string, Record<string, string>> = {
  specs: {
    'aprender.md': '# Aprender\nTraining runs on GPU.\nIt uses trueno.\n',
    'guides/trueno.md': '# Trueno\nSIMD and GPU kernels.\n',
  },
};

/** In-memory documents; indexFolder really reads the folder so roots, progress and cancellation are exercised. */
export function createFakeDocs(): DocsDeps {
  const collections: Record<string, Record<string, string>> = structuredClone(DOCUMENTS);
  return {
    async search(question, options) {
      const documents = collections[options.collection];
      if (documents === undefined)
        throw new NotFoundError(`collection "${options.collection}" does not exist`);
      const words = question.toLowerCase().split(/\s+/);
      const hits: SearchHit[] = Object.entries(documents)
        .filter(([, text]) => words.some((word) => text.toLowerCase().includes(word)))
        .map(([source, text]) => ({
          collection: options.collection,
          source,
          component: source.replace(/^.*\//, '').replace(/\.md$/, ''),
          heading: text.split('\n')[0]!.replace(/^# /, ''),
          lines: [1, text.split('\n').length - 1] as [number, number],
          score: words.filter((word) => text.toLowerCase().includes(word)).length,
          snippet: text.slice(0, 40),
        }));
      return {
        results: hits.sort((a, b) => b.score - a.score).slice(0, options.k),
        notes: [],
        reranked: false,
      };
    },
    async collections() {
      return Object.entries(collections).map(([name, docs]) => ({
        name,
        documents: Object.keys(docs).length,
        chunks: 0,
      }));
    },
    async readDocument(collection, source) {
      const text = collections[collection]?.[source];
      if (text === undefined) throw new NotFoundError(`document "${collection}/${source}" does not exist`);
      return documentText(source, `/fake/${collection}/${source}`, text);
    },
    async indexFolder(folder, name, control) {
      const files = readdirSync(folder).sort();
      const documents: Record<string, string> = {};
      for (const [i, file] of files.entries()) {
        if (control.signal.aborted) throw new BatutaError('CANCELLED', 'index: cancelled');
        documents[file] = readFileSync(join(folder, file), 'utf8');
        control.onProgress((i + 1) / files.length, file);
        await new Promise((done) => setTimeout(done, 5));
      }
      const existing = collections[name] ?? {};
      collections[name] = documents;
      const added = files.filter((file) => !(file in existing)).length;
      return {
        collection: name,
        added,
        updated: 0,
        removed: 0,
        unchanged: files.length - added,
        chunks: files.length,
      };
    },
    async listCollections() {
      return Object.entries(collections)
        .filter(([name]) => name !== 'specs')
        .map(([name, docs]) => ({
          name,
          folder: `/fake/${name}`,
          files: Object.keys(docs).length,
          chunks: Object.keys(docs).length,
          contentBytes: Object.values(docs).reduce((sum, text) => sum + text.length, 0),
          diskBytes: Object.values(docs).reduce((sum, text) => sum + text.length, 0),
          embedder: null,
          lastIndexed: '2026-12-05T00:00:00.000Z',
          skipped: 0,
          fusion: null,
        }));
    },
  };
}

/**
 * A migration line kept in memory per project root: phases must run in order, each reports three progress
 * steps and honours cancellation, and validate fails its gate when the project holds a file "mismatch.txt".
 */
export function createFakeMigration(): MigrationDeps & { readonly calls: string[] } {
  const passed = new Map<string, Map<string, { status: 'passed' | 'failed'; reason: string | null }>>();
  const calls: string[] = [];
  const stateOf = (root: string) => passed.get(root) ?? new Map();
  return {
    calls,
    async runPhase(phase, root, control, options) {
      calls.push([phase, root, options.profile, options.by].filter((p) => p !== undefined).join(' '));
      const index = MIGRATION_PHASES.indexOf(phase);
      const before = MIGRATION_PHASES[index - 1];
      if (before !== undefined && stateOf(root).get(before)?.status !== 'passed') {
        throw new PhaseGateError(
          say`${phase}: run ${before} first (it has not passed) (${{ kind: 'phase', phase: before, path: root }} first)`,
        );
      }
      for (let step = 1; step <= 3; step += 1) {
        await new Promise((done) => setTimeout(done, 5));
        if (control.signal.aborted) throw new BatutaError('CANCELLED', `${phase}: cancelled`);
        control.onProgress(step / 3, `step ${step}`);
      }
      const failed = phase === 'validate' && existsSync(join(root, 'mismatch.txt'));
      const reason = failed ? 'output of main differs on input 1' : null;
      const state = stateOf(root);
      state.set(phase, { status: failed ? 'failed' : 'passed', reason });
      passed.set(root, state);
      return {
        phase,
        status: failed ? 'failed' : 'passed',
        ...(reason === null ? {} : { reason }),
        summary: { files: 1, note: 'fake' },
        artifacts: phase === 'transpile' ? ['rust/src/main.rs'] : [],
        seconds: 0.01,
      };
    },
    async status(root): Promise<MigrationStatus> {
      const state = stateOf(root);
      const phases = MIGRATION_PHASES.map((phase) => ({
        phase,
        status: state.get(phase)?.status ?? ('pending' as const),
        startedAt: null,
        finishedAt: null,
        reason: state.get(phase)?.reason ?? null,
        artifacts: [],
      }));
      const next = phases.find((p) => p.status !== 'passed')?.phase ?? null;
      return { root, next, phases };
    },
    async reset(root) {
      calls.push(`reset ${root}`);
      const had = passed.delete(root);
      return { root, removed: had, deleted: had ? ['state.db'] : [], kept: [] };
    },
    async submitTranslation(root, source, code, _control, dependencies) {
      calls.push(
        `submit ${root} ${source}${dependencies === undefined ? '' : ` with ${dependencies.map((d) => d.name).join(',')}`}`,
      );
      const broken = code.includes('broken');
      return {
        source,
        crate: 'main',
        file: '.batuta/workspace/main/src/main.rs',
        passed: !broken,
        diagnostics: broken
          ? [{ level: 'error', message: 'expected `;`', code: null, file: 'src/main.rs', line: 1, column: 9 }]
          : [],
        log: '.batuta/logs/check-main.log',
        waiting: [],
        dependencies: [...(dependencies ?? [])],
      };
    },
    async brief(root, source) {
      if (source !== 'app/main.py')
        throw new NotFoundError(`translation: "${source}" is not a file of the plan`);
      return {
        source,
        crate: 'main',
        file: '.batuta/workspace/main/src/main.rs',
        brief: `# Translate ${source} in ${root}`,
      };
    },
  };
}

/** Real pictures of the shipped knowledge base, with answers from fakeOracle. */
export function shippedPictures(): PictureDeps {
  return createPictureDeps(loadKnowledge(), fakeOracle);
}

/** Fake deps with every domain group present. */
export function fakeDeps(roots: AllowedRoots): ServerDeps {
  return {
    log: () => {},
    roots,
    graph: fakeGraph,
    oracle: fakeOracle,
    picture: shippedPictures(),
    docs: createFakeDocs(),
    migration: createFakeMigration(),
  };
}
