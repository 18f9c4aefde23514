import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isIgnored, parseGitignore, walkProject } from '../../src/migration/walk.js';
import { tempDir } from '../temp-dirs.js';

describe('gitignore rules', () => {
  it('handles globs, anchors, folders and negation', () => {
    const rules = parseGitignore('# comment\n*.log\n/build-out\ncache/\n!keep.log\ndocs/**/*.tmp\n', '');
    expect(isIgnored(rules, 'a/b/x.log', false)).toBe(true);
    expect(isIgnored(rules, 'keep.log', false)).toBe(false);
    expect(isIgnored(rules, 'build-out', true)).toBe(true);
    expect(isIgnored(rules, 'sub/build-out', true)).toBe(false);
    expect(isIgnored(rules, 'sub/cache', true)).toBe(true);
    expect(isIgnored(rules, 'sub/cache', false)).toBe(false);
    expect(isIgnored(rules, 'docs/a/b/c.tmp', false)).toBe(true);
  });
});

describe('walkProject', () => {
  it('honours nested .gitignore files and skips vendor and build folders', () => {
    const root = tempDir('batuta-walk-');
    try {
      for (const dir of ['src/gen', 'venv/lib', 'node_modules/x', 'target/debug', 'src/__pycache__']) {
        mkdirSync(join(root, dir), { recursive: true });
      }
      for (const f of [
        'src/a.py',
        'src/gen/b.py',
        'src/skip.py',
        'venv/lib/c.py',
        'node_modules/x/d.py',
        'target/debug/e.sh',
        'src/__pycache__/a.pyc',
        'top.sh',
      ]) {
        writeFileSync(join(root, f), '\n');
      }
      writeFileSync(join(root, 'src/.gitignore'), 'skip.py\n');
      expect(walkProject(root)).toEqual(['src/.gitignore', 'src/a.py', 'src/gen/b.py', 'top.sh']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
