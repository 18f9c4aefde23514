/**
 * What provides a header found on the compiler's include path (header-library.ts): a pkg-config module whose
 * own include folder holds it, else the Debian package `dpkg -S` names, else "unknown". The tools are fakes on
 * the search path here, so the answers do not depend on what this machine has installed.
 */
import { chmodSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headerLibraries, readPkgConfig } from '../../src/migration/header-library.js';
import { writeFiles } from '../cli/rust-project.js';
import { tempDir } from '../temp-dirs.js';

let root: string;
let bin: string;
let pc: string;
/** The compiler's system folders: the C library's and the compiler's own (where stdio.h and stddef.h are). */
let system: string[];
let inc: string;
let gcc: string;

/** A .pc file (its `${variable}`s are pkg-config's). */
const GLIB = `prefix=/usr\nincludedir=\${prefix}/include\n\nName: GLib\nCflags: -I\${includedir}/glib-2.0 -I/usr/lib/glib-2.0/include\nLibs: -L\${prefix}/lib -lglib-2.0\n`;

beforeAll(() => {
  root = tempDir('batuta-header-library-');
  bin = join(root, 'bin');
  pc = join(root, 'pkgconfig');
  inc = join(root, 'usr/include');
  gcc = join(root, 'gcc/13/include');
  system = [gcc, inc];
  writeFiles(inc, {
    'stdio.h': '',
    'unistd.h': '',
    'both.h': '',
    'mystery.h': '',
    'nettle/base64.h':
      '#define base64_decode_init nettle_base64_decode_init\nvoid base64_decode_init(struct base64_decode_ctx *ctx);\n',
    'nettle/version.h': '#define NETTLE_VERSION_MAJOR 3\n',
  });
  // nettle.pc and hogweed.pc both link -lnettle; which library defines a header's names, nm -D says.
  writeFiles(join(root, 'lib'), { 'libnettle.so': '', 'libhogweed.so': '' });
  writeFiles(gcc, { 'stddef.h': '' });
  writeFiles(pc, {
    'glib-2.0.pc': GLIB.replace('/usr', join(root, 'usr')),
    'nettle.pc': `includedir=${inc}\nName: Nettle\nCflags: -I\${includedir}\nLibs: -L${join(root, 'lib')} -lnettle # the library\n`,
    'hogweed.pc': `includedir=${inc}\nName: Hogweed\nCflags: -I\${includedir}\nLibs: -L${join(root, 'lib')} -lhogweed -lnettle\n`,
  });
  writeFiles(bin, {
    'pkg-config': `#!/bin/sh\n[ "$*" = "--variable pc_path pkg-config" ] && echo "${pc}:${join(root, 'none')}"\n`,
    // dpkg -S: the owner of each path it knows, "no path found" (and exit 1) for the others.
    dpkg: `#!/bin/sh\nshift\nrc=0\nfor p do case "$p" in\n  */include/nettle/*|*/nettle.pc|*/hogweed.pc) echo "nettle-dev:amd64: $p" ;;\n  */include/stdio.h|*/include/unistd.h) echo "libc6-dev:amd64: $p" ;;\n  */13/include/stddef.h) echo "libgcc-13-dev:amd64: $p" ;;\n  */include/both.h) echo "one-dev, two-dev: $p" ;;\n  *) echo "dpkg-query: no path found matching pattern $p" >&2; rc=1 ;;\nesac; done\nexit $rc\n`,
    // nm -D --defined-only LIBRARY: the names each library defines (versioned, as binutils prints them).
    nm: `#!/bin/sh\n[ "$1 $2" = "-D --defined-only" ] || exit 2\ncase "$3" in\n  */libnettle.so) printf '0000000000012340 T nettle_base64_decode_init@@NETTLE_8\\n0000000000034560 R nettle_sha1\\n' ;;\n  */libhogweed.so) printf '0000000000045670 T nettle_rsa_public_key_init@@HOGWEED_6\\n' ;;\n  *) exit 1 ;;\nesac\n`,
  });
  for (const tool of ['pkg-config', 'dpkg', 'nm']) chmodSync(join(bin, tool), 0o755);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('readPkgConfig', () => {
  it('reads the include folders and libraries of a .pc file, its variables expanded', () => {
    expect(readPkgConfig('glib-2.0', GLIB)).toEqual({
      name: 'glib-2.0',
      includes: ['/usr/include/glib-2.0', '/usr/lib/glib-2.0/include'],
      libraryFolders: ['/usr/lib'],
      link: ['-lglib-2.0'],
    });
  });
});

describe('headerLibraries', () => {
  // Only the headers a project includes are asked about; stdio.h need not be one of them.
  const headers = () => [
    { header: 'glib.h', path: join(inc, 'glib-2.0/glib.h') },
    { header: 'base64.h', path: join(inc, 'nettle/base64.h') },
    { header: 'nettle/version.h', path: join(inc, 'nettle/version.h') },
    { header: 'unistd.h', path: join(inc, 'unistd.h') },
    { header: 'stddef.h', path: join(gcc, 'stddef.h') },
    { header: 'both.h', path: join(inc, 'both.h') },
    { header: 'mystery.h', path: join(inc, 'mystery.h') },
  ];

  it("names the pkg-config module, else the package dpkg -S names with its modules' libraries, else unknown", async () => {
    const found = await headerLibraries(headers(), system, { root, searchPath: bin });
    expect([...found]).toEqual([
      // glib-2.0.pc's own include folder holds it (its -I of the system folder tells nothing).
      [join(inc, 'glib-2.0/glib.h'), { library: 'glib-2.0', link: ['-lglib-2.0'], cLibrary: false }],
      // Of the package's two modules' libraries, libnettle defines the name base64.h declares.
      [join(inc, 'nettle/base64.h'), { library: 'nettle-dev', link: ['-lnettle'], cLibrary: false }],
      // A header that declares no name either library defines keeps both: which one it needs is not known.
      [
        join(inc, 'nettle/version.h'),
        { library: 'nettle-dev', link: ['-lhogweed', '-lnettle'], cLibrary: false },
      ],
      // The packages of the compiler's stdio.h and stddef.h are the C library and the compiler's own.
      [join(inc, 'unistd.h'), { library: 'libc6-dev', link: [], cLibrary: true }],
      [join(gcc, 'stddef.h'), { library: 'libgcc-13-dev', link: [], cLibrary: true }],
      [join(inc, 'both.h'), { library: 'one-dev, two-dev', link: [], cLibrary: false }],
      [join(inc, 'mystery.h'), { library: 'unknown', link: [], cLibrary: false }],
    ]);
  });

  it('says unknown for every header when neither pkg-config nor dpkg is on the search path', async () => {
    const found = await headerLibraries(headers().slice(1, 3), system, {
      root,
      searchPath: join(root, 'none'),
    });
    expect([...found.values()]).toEqual([
      { library: 'unknown', link: [], cLibrary: false },
      { library: 'unknown', link: [], cLibrary: false },
    ]);
  });
});
