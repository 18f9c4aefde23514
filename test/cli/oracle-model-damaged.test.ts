/**
 * A damaged learned model (dist/oracle-model.bin) through the real `batuta oracle --json`, in a private
 * copy of the built package (built-tree.ts): one stderr line naming the file and `npm run build`, exit 1.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { linkBuiltTree } from './built-tree.js';

const MODEL = join('dist', 'oracle-model.bin');

describe('batuta oracle with a damaged learned model', () => {
  const tree = linkBuiltTree();
  const bytes = readFileSync(join(tree.root, MODEL));
  const header = bytes.indexOf(10) + 1;
  const damages = {
    truncated: bytes.subarray(0, bytes.length - 3),
    'a header that is not JSON': Buffer.concat([Buffer.from('{oops\n'), bytes.subarray(header)]),
    'a header without classes': Buffer.concat([Buffer.from('{"key":"k"}\n'), bytes.subarray(header)]),
  };

  /** The built tree's oracle asked one question, with a cache of its own. */
  const askOracle = () =>
    spawnSync(process.execPath, [tree.cli, 'oracle', '--json', 'How do I train a model on GPU?'], {
      encoding: 'utf8',
      env: { ...process.env, XDG_CACHE_HOME: tempDir('batuta-damaged-model-cache') },
    });

  it.each(Object.entries(damages))('%s: one line naming the file and npm run build, exit 1', (_, damaged) => {
    tree.replace(MODEL, damaged);
    const result = askOracle();
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(join(tree.root, MODEL));
    expect(lines[0]).toContain('npm run build');
    expect(lines[0]).not.toMatch(/internal error|\bat .+:\d+:\d+/);
  });

  it('answers again once the file is the built one', () => {
    tree.replace(MODEL, bytes);
    const result = askOracle();
    expect(result.status).toBe(0);
    expect((JSON.parse(result.stdout) as { primary: { component: string } }).primary.component).toBeTruthy();
  });
});
