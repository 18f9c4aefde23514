import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fetchDebianPackage } from '../../bench/lib/debian-package.js';
import { tempDir } from '../temp-dirs.js';

/** A real .deb of `pkg` in `version` holding usr/share/doc/<pkg>/page.html, built with dpkg-deb into `debs`. */
function buildDeb(debs: string, pkg: string, version: string, page: string): string {
  const tree = tempDir('deb-tree');
  mkdirSync(join(tree, 'DEBIAN'));
  writeFileSync(
    join(tree, 'DEBIAN/control'),
    `Package: ${pkg}\nVersion: ${version}\nArchitecture: all\nMaintainer: t <t@example.org>\nDescription: test\n`,
  );
  mkdirSync(join(tree, 'usr/share/doc', pkg), { recursive: true });
  writeFileSync(join(tree, 'usr/share/doc', pkg, 'page.html'), page);
  mkdirSync(debs, { recursive: true });
  const deb = join(debs, `${pkg}_${version}_all.deb`);
  const built = spawnSync('dpkg-deb', ['--build', '--root-owner-group', tree, deb], { encoding: 'utf8' });
  expect(built.status, built.stderr).toBe(0);
  return deb;
}

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('fetchDebianPackage with a pinned version and hash', () => {
  it('extracts the pinned build when its hash matches', () => {
    const cache = tempDir('pin-cache');
    const deb = buildDeb(join(cache, 'debs'), 'pin-doc', '1.0-1', '<h1>one</h1>');
    const fetched = fetchDebianPackage('pin-doc', cache, { version: '1.0-1', sha256: sha256(deb) });
    expect(fetched).toEqual({ root: join(cache, 'root/pin-doc') });
    expect(readFileSync(join(cache, 'root/pin-doc/usr/share/doc/pin-doc/page.html'), 'utf8')).toBe(
      '<h1>one</h1>',
    );
  });

  it('skips, naming both hashes, when the file differs from the pin, and extracts nothing', () => {
    const cache = tempDir('pin-cache');
    const deb = buildDeb(join(cache, 'debs'), 'pin-doc', '1.0-1', '<h1>one</h1>');
    const pinned = '0'.repeat(64);
    const fetched = fetchDebianPackage('pin-doc', cache, { version: '1.0-1', sha256: pinned });
    expect('skipped' in fetched).toBe(true);
    const reason = (fetched as { skipped: string }).skipped;
    expect(reason).toContain(sha256(deb));
    expect(reason).toContain(pinned);
    expect(existsSync(join(cache, 'root/pin-doc'))).toBe(false);
  });

  it('extracts again when the folder came from another version, keeping the other .deb out', () => {
    const cache = tempDir('pin-cache');
    const debs = join(cache, 'debs');
    const old = buildDeb(debs, 'pin-doc', '1.0-1', '<h1>old</h1>');
    expect(fetchDebianPackage('pin-doc', cache, { version: '1.0-1', sha256: sha256(old) })).toHaveProperty(
      'root',
    );
    const current = buildDeb(debs, 'pin-doc', '1.0-2', '<h1>new</h1>');
    const fetched = fetchDebianPackage('pin-doc', cache, { version: '1.0-2', sha256: sha256(current) });
    expect(fetched).toEqual({ root: join(cache, 'root/pin-doc') });
    expect(readFileSync(join(cache, 'root/pin-doc/usr/share/doc/pin-doc/page.html'), 'utf8')).toBe(
      '<h1>new</h1>',
    );
    expect(readFileSync(join(cache, 'root/pin-doc/.extracted'), 'utf8')).toBe('pin-doc_1.0-2_all.deb\n');
  });

  it('without a pin keeps whatever build was extracted first', () => {
    const cache = tempDir('pin-cache');
    const debs = join(cache, 'debs');
    buildDeb(debs, 'pin-doc', '1.0-1', '<h1>old</h1>');
    expect(fetchDebianPackage('pin-doc', cache)).toHaveProperty('root');
    expect(fetchDebianPackage('pin-doc', cache)).toEqual({ root: join(cache, 'root/pin-doc') });
    expect(readFileSync(join(cache, 'root/pin-doc/usr/share/doc/pin-doc/page.html'), 'utf8')).toBe(
      '<h1>old</h1>',
    );
  });
});
