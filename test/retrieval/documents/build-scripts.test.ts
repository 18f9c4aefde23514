/**
 * Build-system helper scripts are not documentation: autotools' and libtool's helpers are known by name
 * whatever their type, and a file the text rule would read (named like README or INSTALL, or `.txt`) is a
 * script when it starts with `#!`. Source code (`deploy.sh`) stays code.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildScriptRule } from '../../../src/retrieval/documents/build-scripts.js';
import { selectFiles } from '../../../src/retrieval/documents/selection.js';
import { tempDir } from '../../temp-dirs.js';
import { BUILD_SCRIPTS, KEPT, writeAutotoolsTree } from './autotools-tree.js';

const SHEBANG = () => '#!/bin/sh\necho hi\n';
const PROSE = () => 'Installation\n\nRun make.\n';

describe('buildScriptRule', () => {
  it('knows the autotools and libtool helpers by name, whatever their content', () => {
    for (const name of ['install-sh', 'config.guess', 'config.sub', 'depcomp', 'ltmain.sh', 'configure'])
      expect(buildScriptRule(name, null, PROSE), name).not.toBeNull();
  });

  it('takes a text file that starts with #! for a script, and leaves prose and code alone', () => {
    expect(buildScriptRule('README-helper', 'text', SHEBANG)).not.toBeNull();
    expect(buildScriptRule('INSTALL', 'text', () => '\uFEFF#! /usr/bin/env python3\n')).not.toBeNull();
    expect(buildScriptRule('INSTALL', 'text', PROSE)).toBeNull();
    expect(buildScriptRule('deploy.sh', 'code', SHEBANG)).toBeNull();
    expect(buildScriptRule('guide.md', 'markdown', SHEBANG)).toBeNull();
  });

  it('reads the head only for text files', () => {
    let reads = 0;
    const counted = () => {
      reads += 1;
      return PROSE();
    };
    buildScriptRule('main.c', 'code', counted);
    buildScriptRule('guide.html', 'html', counted);
    expect(reads).toBe(0);
    buildScriptRule('INSTALL', 'text', counted);
    expect(reads).toBe(1);
  });
});

describe('selectFiles on an autotools tree', () => {
  it('leaves the helpers and scripts named as text out by rule build-script, and keeps documents and code', () => {
    const selection = selectFiles(writeAutotoolsTree(join(tempDir('autotools'), 'kettlectl')));
    expect(selection.files.map((file) => file.source)).toEqual(KEPT);
    const scripts = selection.skipped.filter((skip) => skip.rule === 'build-script');
    expect(scripts.map((skip) => skip.source)).toEqual(BUILD_SCRIPTS);
  });

  it('an include glob naming a helper brings it back; one matching every file does not', () => {
    const root = writeAutotoolsTree(join(tempDir('autotools-include'), 'kettlectl'));
    const named = selectFiles(root, { include: ['install-sh'] });
    expect(named.files.map((file) => file.source)).toEqual(['build-aux/install-sh']);
    expect(named.included).toEqual([
      expect.objectContaining({ source: 'build-aux/install-sh', rules: ['build-script'] }),
    ]);
    const broad = selectFiles(root, { include: ['build-aux/**'] });
    expect(broad.files).toEqual([]);
  });
});
