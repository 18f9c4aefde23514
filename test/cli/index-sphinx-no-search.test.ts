/**
 * A built Sphinx site without its search index (built CLI), as Debian's python-cmd2-doc ships it: the Sphinx
 * rules still apply, so the reStructuredText copies in `_sources/` (also those of pages whose API text the
 * build lost) and the search page are left out, by rule `sphinx`. Debian's bind9-doc and knot-doc ship no
 * build info or inventory either (bind9-doc its scripts one folder too deep, `_static/_static/`, where no page
 * loads them): the site is known by its index and search pages beside `_static/`.
 */
import { cpSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { dryRunPlan, kept, ruleOf } from './dry-run-plan.js';

const home = tempDir('batuta-sphinx-no-search-');
afterAll(() => rmSync(home, { recursive: true, force: true }));
const site = join(home, 'usr', 'share', 'doc', 'kilnctl-doc', 'html');
cpSync(resolve(import.meta.dirname, '../fixtures/doc-builders/sphinx'), site, { recursive: true });
rmSync(join(site, 'searchindex.js'));
writeFileSync(join(site, '.buildinfo'), '# Sphinx build info version 1\nconfig: 0123abcd\ntags: 4567ef\n');
writeFileSync(
  join(site, '_sources', 'api.rst.txt'),
  'Kiln API\n========\n\n.. autoclass:: kilnctl.Kiln\n   :members:\n\n.. autofunction:: kilnctl.fire\n',
);

describe('a Sphinx site without searchindex.js (built CLI)', () => {
  it('leaves out the source copies and the search page by the Sphinx rules', () => {
    const plan = dryRunPlan(home, site);
    expect(kept(plan)).toEqual(['index.html', 'quickstart.html']);
    const rules = ruleOf(plan);
    for (const source of [
      '_sources/api.rst.txt',
      '_sources/index.rst.txt',
      'search.html',
      'genindex.html',
      'objects.inv',
    ])
      expect(rules[source], source).toBe('sphinx');
  });
});

describe('a Sphinx site without searchindex.js, .buildinfo or objects.inv (built CLI)', () => {
  const bare = join(home, 'usr', 'share', 'doc', 'kilnctl-doc', 'arm');
  cpSync(resolve(import.meta.dirname, '../fixtures/doc-builders/sphinx'), bare, { recursive: true });
  rmSync(join(bare, 'searchindex.js'));
  rmSync(join(bare, 'objects.inv'));
  mkdirSync(join(bare, '_static', '_static'));
  renameSync(join(bare, '_static', 'doctools.js'), join(bare, '_static', '_static', 'doctools.js'));

  it('leaves out its scripts, source copies and generated pages by the Sphinx rules', () => {
    const plan = dryRunPlan(home, bare);
    expect(kept(plan)).toEqual(['index.html', 'quickstart.html']);
    const rules = ruleOf(plan);
    for (const source of [
      '_static/_static/doctools.js',
      '_sources/index.rst.txt',
      'search.html',
      'genindex.html',
    ])
      expect(rules[source], source).toBe('sphinx');
  });

  it('knows it by its source copies when it has no index page either (knot-doc)', () => {
    const knot = join(home, 'usr', 'share', 'doc', 'kilnctl-doc', 'knot');
    cpSync(bare, knot, { recursive: true });
    rmSync(join(knot, 'genindex.html'));
    const plan = dryRunPlan(home, knot);
    expect(kept(plan)).toEqual(['index.html', 'quickstart.html']);
    expect(ruleOf(plan)['search.html']).toBe('sphinx');
    expect(ruleOf(plan)['_sources/quickstart.rst.txt']).toBe('sphinx');
  });
});
