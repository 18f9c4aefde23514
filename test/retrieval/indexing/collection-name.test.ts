import { describe, expect, it } from 'vitest';
import { collectionNameFor, defaultCollectionName } from '../../../src/retrieval/indexing/collections.js';

describe('defaultCollectionName on real documentation layouts', () => {
  it.each([
    ['/usr/share/doc/python-requests-doc/html', 'python-requests-doc'],
    ['/usr/share/doc/libfoo-doc/html/en', 'libfoo-doc'],
    ['/usr/share/doc/libfoo-doc/HTML', 'libfoo-doc'],
    ['/usr/share/doc/libcommons-lang3-java/api', 'libcommons-lang3-java'],
    ['/usr/share/doc/libfoo-doc/reference', 'libfoo-doc'],
    ['/usr/share/doc/libfoo-java/apidocs', 'libfoo-java'],
    ['/usr/share/doc/octave/octave.html', 'octave'],
    ['/usr/share/doc/libfoo-doc/html/v2.1', 'libfoo-doc'],
    ['/srv/manuals/loom/1.4.0', 'loom'],
    ['/usr/share/doc/libfoo-doc/de_DE/html', 'libfoo-doc'],
    ['/opt/loom/docs/doxygen/html', 'loom'],
    ['/usr/share/gtk-doc/html/glib', 'glib'],
    // A sub-folder of a package's doc folder keeps the package: its own last part alone says little.
    ['/usr/share/doc/rust-doc/html/std', 'rust-doc-std'],
    ['/usr/share/doc/python3-doc/html/library/util', 'python3-doc-util'],
    ['/usr/share/doc/libfoo-doc/html/api/util/', 'libfoo-doc-util'],
    ['/usr/share/doc/libfoo-doc/examples', 'libfoo-doc-examples'],
    ['/usr/share/doc/libfoo-doc/html/util/html', 'libfoo-doc-util'],
    ['/usr/share/doc/python-flask-doc/html/flask', 'python-flask-doc'],
    // A package named after a documentation tool is still the subject when nothing else names one.
    ['/usr/share/doc/doxygen/html', 'doxygen'],
    ['/usr/share/doc/manual/html', 'manual'],
  ])('%s -> %s', (folder, name) => {
    expect(defaultCollectionName(folder)).toBe(name);
  });
});

describe('collectionNameFor: the collection a run without --name refreshes', () => {
  const at = (name: string, folder: string, lastIndexed: string) => ({ name, folder, lastIndexed });

  it('is the collection already holding the folder, else the default name', () => {
    const existing = [at('team', '/srv/handbook', '2026-01-02'), at('other', '/srv/notes', '2026-01-03')];
    expect(collectionNameFor('/srv/handbook', existing)).toBe('team');
    expect(collectionNameFor('/srv/recipes', existing)).toBe('recipes');
    expect(collectionNameFor('/srv/handbook', [])).toBe('handbook');
  });

  it('keeps the name of a collection that already holds a sub-folder of a package under an older default', () => {
    const folder = '/usr/share/doc/python3-doc/html/library/util';
    expect(collectionNameFor(folder, [])).toBe('python3-doc-util');
    expect(collectionNameFor(folder, [at('util', folder, '2026-01-01')])).toBe('util');
  });

  it('never names a sub-folder of a package after a generic part, and stays a valid name when long', () => {
    const name = defaultCollectionName(`/usr/share/doc/${'p'.repeat(60)}-doc/html/${'u'.repeat(30)}`);
    expect(name.length).toBeLessThanOrEqual(64);
    expect(name).toMatch(/^p+(-doc)?-u{30}$/);
  });

  it('of several holding the folder: the default name, else the one indexed last', () => {
    const folder = '/usr/share/doc/doxygen/html';
    const older = at('html', folder, '2026-01-01T10:00:00Z');
    const newer = at('manual', folder, '2026-01-02T10:00:00Z');
    expect(collectionNameFor(folder, [older, newer])).toBe('manual');
    expect(collectionNameFor(folder, [newer, at('doxygen', folder, '2025-12-01')])).toBe('doxygen');
  });
});
