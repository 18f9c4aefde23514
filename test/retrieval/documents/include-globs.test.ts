import { describe, expect, it } from 'vitest';
import { BUILDERS } from '../../../src/retrieval/documents/builders.js';
import {
  includeGlobs,
  isOverridable,
  OVERRIDABLE_RULES,
  PROTECTED_RULES,
  probeOf,
} from '../../../src/retrieval/documents/include-globs.js';

describe('include globs: which rules give way, and when a glob chooses a file on purpose', () => {
  it('guesses give way to an explicit include; safety rules and --exclude never do', () => {
    for (const rule of ['changelog', 'type', 'minified', 'map-file', 'duplicate', 'gitignore', 'sphinx'])
      expect(isOverridable(rule, BUILDERS), rule).toBe(true);
    for (const rule of ['exclude', 'binary', 'damaged', 'too-large', 'unreadable', 'link-outside', 'link'])
      expect(isOverridable(rule, BUILDERS), rule).toBe(false);
    for (const rule of OVERRIDABLE_RULES) expect(PROTECTED_RULES.has(rule)).toBe(false);
  });

  it('a probe replaces the part the rule judged', () => {
    expect(probeOf('debian/changelog.gz', { part: 'name' })).toBe('debian/x0-batuta-probe.gz');
    expect(probeOf('genindex.html', { part: 'name' })).toBe('x0-batuta-probe.html');
    expect(probeOf('js/jquery.min.js', { part: 'name' })).toBe('js/x0-batuta-probe.js');
    expect(probeOf('setup.cfg', { part: 'extension' })).toBe('setup.md');
    expect(probeOf('notes.cfg.gz', { part: 'extension' })).toBe('notes.md.gz');
    expect(probeOf('_sources/a/index.rst.txt', { part: 'folder', index: 0 })).toBe(
      'x0-batuta-probe/a/index.rst.txt',
    );
    expect(probeOf('a.txt', { part: 'folder', index: -1 })).toBeNull();
    expect(probeOf('a.txt', { part: 'root' })).toBeNull();
  });

  it('a glob that also matches files the rule keeps only narrows', () => {
    const globs = includeGlobs(['*.html', 'docs/**', '**/*.txt', '*.gz', '*'])!;
    expect(globs.matches('genindex.html')).toBe(true);
    expect(globs.explicit('genindex.html', { part: 'name' })).toBeNull();
    expect(globs.explicit('docs/setup.cfg', { part: 'extension' })).toBeNull();
    expect(globs.explicit('_sources/index.rst.txt', { part: 'folder', index: 0 })).toBeNull();
    expect(globs.explicit('changelog.gz', { part: 'name' })).toBeNull();
    expect(globs.unmatched()).toEqual([]);
  });

  it('a glob that names the judged part chooses the file, and says which glob did', () => {
    const globs = includeGlobs([
      'changelog*',
      '_sources/**',
      '*.cfg',
      'genindex.html',
      '*.min.js',
      'nothing.xyz',
    ])!;
    expect(globs.explicit('changelog.Debian.gz', { part: 'name' })).toBe('changelog*');
    expect(globs.explicit('_sources/index.rst.txt', { part: 'folder', index: 0 })).toBe('_sources/**');
    expect(globs.explicit('sub/setup.cfg', { part: 'extension' })).toBe('*.cfg');
    expect(globs.explicit('genindex.html', { part: 'name' })).toBe('genindex.html');
    expect(globs.explicit('js/theme.min.js', { part: 'name' })).toBe('*.min.js');
    expect(globs.unmatched()).toEqual(['nothing.xyz']);
  });

  it('a glob with "/" matches paths from the root, also below a folder pattern', () => {
    const globs = includeGlobs(['docs/**'])!;
    expect(globs.matches('docs/a/b.md')).toBe(true);
    expect(globs.matches('other/docs/b.md')).toBe(false);
    expect(globs.reaches('docs')).toBe(true);
    expect(includeGlobs(['node_modules/pkg/README.md'])!.reaches('node_modules')).toBe(true);
    expect(includeGlobs(['*.md'])!.reaches('node_modules')).toBe(false);
  });
});
