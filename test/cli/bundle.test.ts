/**
 * The installed `batuta` is the esbuild bundle (build/bundle-cli.ts): the bin file and its chunks reach
 * no module of tsc's output, every chunk loads, and bundled code finds the files shipped with the package.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { sourceId } from '../../build/source-id.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { readLexiconSnapshot } from '../../src/oracle/lexicon-snapshot.js';
import { stackInputs } from '../../src/oracle/stack-oracle.js';
import { tempDir } from '../temp-dirs.js';
import { runBatuta } from './run-batuta.js';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI_DIR = join(ROOT, 'dist', 'src', 'cli');
const home = tempDir('batuta-bundle-');
afterAll(() => rmSync(home, { recursive: true, force: true }));

const bundleFiles = () =>
  ['main.js', ...readdirSync(CLI_DIR).filter((name) => /^main-chunk-\w+\.js$/.test(name))].map((name) =>
    join(CLI_DIR, name),
  );

/** Relative specifiers of static and dynamic imports in a bundle file. */
function relativeImports(text: string): string[] {
  const found = [...text.matchAll(/(?:from|import\()\s*["'](\.[^"']+)["']/g)].map((m) => m[1] as string);
  return [...new Set(found)];
}

describe('the CLI bundle', () => {
  it('is what the package runs as batuta', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: { batuta: string } };
    expect(pkg.bin.batuta).toBe('dist/src/cli/main.js');
    expect(readFileSync(join(CLI_DIR, 'main.js'), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('imports only its own chunks, never a module of the unbundled build', () => {
    const files = bundleFiles();
    expect(files.length).toBeGreaterThan(2);
    const imports = files.flatMap((file) => relativeImports(readFileSync(file, 'utf8')));
    expect(imports.length).toBeGreaterThan(0);
    expect(imports.filter((spec) => !/^\.\/main-chunk-\w+\.js$/.test(spec))).toEqual([]);
  });

  it('loads every chunk in a fresh process', () => {
    const urls = bundleFiles().map((file) => pathToFileURL(file).href);
    const script = `for (const url of ${JSON.stringify(urls)}) await import(url);`;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it("carries the id of the sources it was built from, for which the build's lexicon snapshot was written", () => {
    const id = sourceId(ROOT);
    expect(bundleFiles().some((file) => readFileSync(file, 'utf8').includes(JSON.stringify(id)))).toBe(true);
    const inputs = stackInputs(loadKnowledge());
    expect(readLexiconSnapshot(inputs, id, join(ROOT, 'dist', 'oracle-lexicon.bin'))).not.toBeNull();
  });

  it('finds the shipped specs from bundled code', () => {
    const rag = runBatuta(['oracle', '--rag', '--json', '-k', '1', 'SIMD backend selection'], home);
    expect(rag.code).toBe(0);
    expect((JSON.parse(rag.stdout) as { results: { collection: string }[] }).results[0]?.collection).toBe(
      'specs',
    );
  });
});
