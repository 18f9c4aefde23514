/**
 * Build step (`npm run build` runs it after tsc): bundles the `batuta` entry (src/cli/main.ts and every
 * module it reaches, MCP server included) with esbuild into dist/src/cli/main.js, replacing tsc's copy of
 * that one file, plus chunks beside it. A fresh process then reads a few files instead of resolving and
 * linking some 250 modules one by one. Code splitting keeps each `await import()` a chunk of its own,
 * loaded only when used. tsc still type-checks and emits dist/ (the library entry, the worker files, the
 * bench scripts); native and database packages stay external and load from node_modules as before.
 *
 * Modules find shipped files (specs/, embeddings/, worker scripts, the stack picture) relative to their
 * own URL. A bundled module's `import.meta.url` would be the chunk's, so each one is rewritten to the URL
 * of the module's tsc output under dist/: code behaves as if it ran from there. The bundle knows the id of
 * the sources it was built from (source-id.ts), which the build's lexicon snapshot must carry to be used.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Plugin } from 'esbuild';
import { sourceId } from './source-id.js';

const ROOT = resolve(import.meta.dirname, '../..');
const OUT_DIR = join(ROOT, 'dist', 'src', 'cli');
/** Bundled chunks carry this prefix, so a new build can remove the previous build's chunks. */
const CHUNK_PREFIX = 'main-chunk-';

/**
 * Packages left to node_modules: native addons and what finds files of its own package at run time
 * (grammars, WebAssembly, the layout engine's worker), and the PostgreSQL client with its optional parts.
 */
export const EXTERNAL_PACKAGES = [
  'better-sqlite3',
  'hnswlib-node',
  'onnxruntime-node',
  'tree-sitter-*',
  'web-tree-sitter',
  'elkjs',
  'pg',
  'pgvector',
  'htmlparser2',
];

/** The URL of `file`'s tsc output, as an expression evaluated in a chunk of OUT_DIR. */
function compiledUrl(file: string): string {
  const compiled = join(ROOT, 'dist', relative(ROOT, file)).replace(/\.ts$/, '.js');
  const path = relative(OUT_DIR, compiled).split(sep).join('/');
  return `new URL(${JSON.stringify(path)}, import.meta.url).href`;
}

/** Rewrites `import.meta.url|dirname|filename` of our own sources to their tsc output's location. */
const moduleUrls: Plugin = {
  name: 'module-urls',
  setup(context) {
    context.onLoad({ filter: /\.ts$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes('import.meta.') || args.path.includes(`${sep}node_modules${sep}`))
        return undefined;
      const hashbang = /^#!.*\n/.exec(source)?.[0] ?? '';
      const contents = [
        hashbang.trimEnd(),
        "import { fileURLToPath as __batutaFileUrlToPath } from 'node:url';",
        "import { dirname as __batutaDirname } from 'node:path';",
        `const __batutaModuleUrl = ${compiledUrl(args.path)};`,
        source
          .slice(hashbang.length)
          .replaceAll('import.meta.url', '__batutaModuleUrl')
          .replaceAll('import.meta.dirname', '__batutaDirname(__batutaFileUrlToPath(__batutaModuleUrl))')
          .replaceAll('import.meta.filename', '__batutaFileUrlToPath(__batutaModuleUrl)'),
      ].join('\n');
      return { contents, loader: 'ts', resolveDir: dirname(args.path) };
    });
  },
};

/**
 * zod's namespace re-exports every message locale (half of zod's code), which each fresh process would
 * compile; ours speak English only, so its locales module is replaced by one that exports `en` alone.
 */
const englishOnly: Plugin = {
  name: 'zod-english-only',
  setup(context) {
    context.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${sep}node_modules${sep}zod${sep}`)
        ? { path: join(args.resolveDir, '../locales/en.js'), namespace: 'zod-english-only' }
        : undefined,
    );
    context.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      resolveDir: dirname(args.path),
    }));
  },
};

async function loadEsbuild(): Promise<typeof import('esbuild')> {
  try {
    return await import('esbuild');
  } catch {
    throw new Error('esbuild is not installed (run npm ci to install the dev dependencies)');
  }
}

/** Bundles the CLI; returns the files written. */
export async function bundleCli(): Promise<string[]> {
  const { build } = await loadEsbuild();
  for (const name of readdirSync(OUT_DIR)) {
    if (name.startsWith(CHUNK_PREFIX)) rmSync(join(OUT_DIR, name));
  }
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: [join(ROOT, 'src', 'cli', 'main.ts')],
    outdir: OUT_DIR,
    entryNames: '[name]',
    chunkNames: `${CHUNK_PREFIX}[hash]`,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: EXTERNAL_PACKAGES,
    define: { BATUTA_BUILD_ID: JSON.stringify(sourceId(ROOT)) },
    plugins: [moduleUrls, englishOnly],
    minifyWhitespace: true,
    minifySyntax: true,
    sourcemap: true,
    metafile: true,
    logLevel: 'warning',
  });
  return Object.keys(result.metafile.outputs);
}

if (process.argv[1] !== undefined && import.meta.filename === process.argv[1]) {
  bundleCli().then(
    (files) =>
      process.stderr.write(`bundled the CLI into ${files.filter((f) => f.endsWith('.js')).length} files\n`),
    (error: unknown) => {
      process.stderr.write(`bundle: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
