/**
 * A source tree laid out as GNU autotools leave it: the project's own documents and code, the helper
 * scripts automake and libtool copy into build-aux/ (install-sh, config.guess, ltmain.sh …), the generated
 * `configure`, and a script named like a text document (`README-helper`, starting with `#!`).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const FILES: Record<string, string> = {
  README: 'kettlectl\n\nA controller for networked kettles. See INSTALL for building it.\n',
  INSTALL: 'Installation\n\nRun ./configure, then make and make install. The kettle must be on the bus.\n',
  NEWS: 'kettlectl 1.1\n* steeping timer\n',
  'src/main.c': '#include <stdio.h>\nint main(void) { puts("boiling"); return 0; }\n',
  'scripts/deploy.sh':
    '#!/bin/sh\n# Copies the controller to the kettle gateway.\nscp kettlectl gateway:/opt/\n',
  'README-helper': '#!/usr/bin/env python3\n"""Prints the kettle states."""\nprint("idle")\n',
  configure:
    '#! /bin/sh\n# Guess values for system-dependent variables and create Makefiles.\nas_me=configure\n',
  'build-aux/install-sh':
    '#!/bin/sh\n# install - install a program, script, or datafile\nscriptversion=2020-11-14.01\n',
  'build-aux/config.guess': '#! /bin/sh\n# Attempt to guess a canonical system name.\ntimestamp=2022-01-09\n',
  'build-aux/config.sub': '#! /bin/sh\n# Configuration validation subroutine script.\ntimestamp=2022-01-03\n',
  'build-aux/depcomp': '#! /bin/sh\n# depcomp - compile a program generating dependencies as side-effects\n',
  'build-aux/missing': '#! /bin/sh\n# Common wrapper for a few potentially missing GNU programs.\n',
  'build-aux/compile': '#! /bin/sh\n# Wrapper for compilers which do not understand -c -o.\n',
  'build-aux/test-driver': '#! /bin/sh\n# test-driver - basic testsuite driver script.\n',
  'build-aux/ltmain.sh':
    '#! /usr/bin/env sh\n## DO NOT EDIT - This file generated from ./build-aux/ltmain.in\n',
};

/** What selection keeps of the tree. */
export const KEPT = ['INSTALL', 'README', 'scripts/deploy.sh', 'src/main.c'];

/** What the build-script rule leaves out. */
export const BUILD_SCRIPTS = [
  'README-helper',
  'build-aux/compile',
  'build-aux/config.guess',
  'build-aux/config.sub',
  'build-aux/depcomp',
  'build-aux/install-sh',
  'build-aux/ltmain.sh',
  'build-aux/missing',
  'build-aux/test-driver',
  'configure',
];

/** Writes the tree under `root` and returns `root`. */
export function writeAutotoolsTree(root: string): string {
  for (const [source, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(root, source)), { recursive: true });
    writeFileSync(join(root, source), text);
  }
  return root;
}
