/**
 * loadKnowledge: the shipped data is valid, and every kind of mistake in a knowledge folder becomes one
 * InvalidDataError naming the file, the path inside it and the bad value. Each broken case starts from
 * a copy of test/fixtures/knowledge-small and changes one thing.
 */
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { InvalidDataError } from '../../src/errors.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { tempDir } from '../temp-dirs.js';

const SMALL = join(import.meta.dirname, '../fixtures/knowledge-small');
const BROKEN_LAYER = join(import.meta.dirname, '../fixtures/knowledge-broken-layer');
const made: string[] = [];

/** A copy of the small fixture with `file` rewritten by `edit`. */
function brokenCopy(file: string, edit: (text: string) => string): string {
  const dir = tempDir('batuta-knowledge-');
  made.push(dir);
  cpSync(SMALL, dir, { recursive: true });
  const path = join(dir, file);
  const before = readFileSync(path, 'utf8');
  const after = edit(before);
  expect(after, `the edit of ${file} must change it`).not.toBe(before);
  writeFileSync(path, after);
  return dir;
}

function loadError(dir: string): InvalidDataError {
  try {
    loadKnowledge(dir, { snapshot: null });
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidDataError);
    return error as InvalidDataError;
  }
  throw new Error(`loadKnowledge(${dir}) accepted broken data`);
}

afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('loadKnowledge on the shipped data', () => {
  const k = loadKnowledge(undefined, { snapshot: null });

  it('has the 20 components with the versions of the product brief', () => {
    expect(k.components).toHaveLength(20);
    const version = Object.fromEntries(k.components.map((c) => [c.name, c.version]));
    expect(version).toMatchObject({
      trueno: '0.14',
      'trueno-db': '0.3.11',
      'trueno-graph': '0.1.11',
      'trueno-viz': '0.1.20',
      'trueno-rag': '0.1.10',
      aprender: '0.24',
      entrenar: '0.5',
      realizar: '0.6',
      bashrs: '6.57',
      ruchy: '4.1',
      batuta: '0.5',
      repartir: '2.0',
      pforge: '0.1.4',
      renacer: '0.9.8',
    });
  });

  it('puts every component in its layer and gives each at least five capabilities', () => {
    const layer = Object.fromEntries(k.components.map((c) => [c.name, c.layer]));
    expect(layer).toMatchObject({
      trueno: 0,
      aprender: 1,
      realizar: 2,
      depyler: 3,
      pforge: 4,
      pmat: 5,
      pacha: 6,
    });
    expect(k.layers.map((l) => l.id)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    for (const c of k.components) expect(c.capabilities.length, c.name).toBeGreaterThanOrEqual(5);
  });

  it('has at least 30 integrations and 20 recipes', () => {
    expect(k.integrations.length).toBeGreaterThanOrEqual(30);
    expect(k.recipes.length).toBeGreaterThanOrEqual(20);
  });
});

describe('loadKnowledge on a folder', () => {
  it('loads a small valid folder with defaults filled in', () => {
    const k = loadKnowledge(SMALL, { snapshot: null });
    expect(k.components.map((c) => c.name).sort()).toEqual(['aprender', 'trueno']);
    expect(k.components.find((c) => c.name === 'aprender')?.keywords).toEqual([]);
    expect(k.integrations).toHaveLength(1);
    expect(k.recipes[0]?.id).toBe('classify-iris');
  });

  it('names file, path and value for a layer that is not a number', () => {
    const error = loadError(BROKEN_LAYER);
    expect(error.details).toMatchObject({ file: 'components/trueno.yaml', path: 'layer' });
    expect(error.message).toContain('"zero"');
    expect(error.message).not.toContain('\n');
  });

  it('rejects a layer out of range', () => {
    const dir = brokenCopy('components/trueno.yaml', (t) => t.replace('layer: 0', 'layer: 9'));
    expect(loadError(dir).details).toMatchObject({ file: 'components/trueno.yaml', path: 'layer' });
  });

  it('reports YAML syntax errors with the file', () => {
    const dir = brokenCopy('domains.yaml', (t) => `${t}\n- id: [unclosed\n`);
    const error = loadError(dir);
    expect(error.details).toMatchObject({ file: 'domains.yaml' });
    expect(error.message).toMatch(/YAML/);
  });

  it('reports a missing required field with its index in a list file', () => {
    const dir = brokenCopy('capabilities.yaml', (t) => t.replace('  domain: ml-classical\n', ''));
    expect(loadError(dir).details).toMatchObject({ file: 'capabilities.yaml', path: '4.domain' });
  });

  it('rejects an unknown key (a typo in a field name)', () => {
    const dir = brokenCopy('components/aprender.yaml', (t) => t.replace('replaces:', 'replace:'));
    expect(loadError(dir).details).toMatchObject({ file: 'components/aprender.yaml' });
  });

  it('rejects a component with fewer than five capabilities', () => {
    const dir = brokenCopy('components/trueno.yaml', (t) =>
      t.replace('[simd, gpu-acceleration, wasm, matrix-ops, classification]', '[simd]'),
    );
    expect(loadError(dir).details).toMatchObject({ file: 'components/trueno.yaml', path: 'capabilities' });
  });

  it('rejects a file whose name differs from the component name', () => {
    const dir = brokenCopy('components/trueno.yaml', (t) => t.replace('name: trueno', 'name: truen'));
    expect(loadError(dir).details).toMatchObject({ file: 'components/trueno.yaml', path: 'name' });
  });

  it('rejects a capability id no capability defines', () => {
    const dir = brokenCopy('components/aprender.yaml', (t) => t.replace('classification,', 'clasification,'));
    const error = loadError(dir);
    expect(error.details).toMatchObject({ file: 'components/aprender.yaml', path: 'capabilities.0' });
    expect(error.message).toContain('clasification');
  });

  it('rejects a capability in an unknown domain', () => {
    const dir = brokenCopy('capabilities.yaml', (t) => t.replace('domain: ml-classical', 'domain: ml'));
    expect(loadError(dir).details).toMatchObject({ file: 'capabilities.yaml', path: '4.domain' });
  });

  it('rejects an integration that names a missing component', () => {
    const dir = brokenCopy('integrations.yaml', (t) => t.replace('to: aprender', 'to: aprendre'));
    const error = loadError(dir);
    expect(error.details).toMatchObject({ file: 'integrations.yaml', path: '0.to' });
    expect(error.message).toContain('aprendre');
  });

  it('rejects a recipe that names a missing component', () => {
    const dir = brokenCopy('recipes.yaml', (t) => t.replace('[aprender, trueno]', '[aprender, numpy]'));
    expect(loadError(dir).details).toMatchObject({ file: 'recipes.yaml', path: '0.components.1' });
  });

  it('rejects duplicate capability ids', () => {
    const dir = brokenCopy('capabilities.yaml', (t) => t.replace('id: wasm', 'id: simd'));
    expect(loadError(dir).details).toMatchObject({ file: 'capabilities.yaml' });
  });

  it('rejects a synonym shared by two capabilities, whatever its case or plural', () => {
    const dir = brokenCopy('capabilities.yaml', (t) =>
      t.replace('[webassembly, browser]', '[webassembly, Graphics-Cards]'),
    );
    const error = loadError(dir);
    expect(error.details).toMatchObject({ file: 'capabilities.yaml', path: '2.synonyms' });
    expect(error.message).toContain('gpu-acceleration');
  });

  it('says which file is missing', () => {
    const dir = brokenCopy('layers.yaml', () => '');
    rmSync(join(dir, 'layers.yaml'));
    expect(loadError(dir).details).toMatchObject({ file: 'layers.yaml' });
  });

  it('says when the folder does not exist', () => {
    expect(loadError(join(tmpdir(), 'batuta-no-such-knowledge')).code).toBe('INVALID_DATA');
  });
});

describe('shipped knowledge: where each component is published now', () => {
  it('records a crate and repository for every component, with the 2026 renames and earlier names', () => {
    const knowledge = loadKnowledge();
    const renamed: Record<string, string> = {
      trueno: 'aprender-compute',
      realizar: 'aprender-serve',
      entrenar: 'aprender-train',
      batuta: 'aprender-orchestrate',
      renacer: 'aprender-profile',
      repartir: 'aprender-distribute',
      alimentar: 'aprender-data',
      'trueno-rag': 'aprender-rag',
      pacha: 'aprender-registry',
    };
    for (const c of knowledge.components) {
      expect(c.published, c.name).toBeDefined();
      const crate = renamed[c.name];
      if (crate !== undefined) {
        expect(c.published).toMatchObject({ crate, since: '2026', earlier: [c.name] });
        expect(c.published?.repository).toBe('https://github.com/paiml/aprender');
      } else {
        expect(c.published?.crate).toBe(c.name);
      }
    }
  });
});
