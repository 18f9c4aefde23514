import { describe, expect, it } from 'vitest';
import { defaultCollectionName } from '../../../src/retrieval/indexing/collections.js';

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
    ['/usr/share/doc/rust-doc/html/std', 'std'],
    // A package named after a documentation tool is still the subject when nothing else names one.
    ['/usr/share/doc/doxygen/html', 'doxygen'],
    ['/usr/share/doc/manual/html', 'manual'],
  ])('%s -> %s', (folder, name) => {
    expect(defaultCollectionName(folder)).toBe(name);
  });
});
