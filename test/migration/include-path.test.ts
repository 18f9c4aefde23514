import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { includeLookup, searchFolders } from '../../src/migration/include-path.js';
import type { Analysis, FileAnalysis } from '../../src/migration/types.js';
import { writeFiles } from '../cli/rust-project.js';
import { tempDir } from '../temp-dirs.js';

/** What `cc -E -Wp,-v -x c -Ilib /dev/null` prints on stderr (gcc 12, Debian). */
const GCC = `ignoring nonexistent directory "/usr/local/include/x86_64-linux-gnu"
#include "..." search starts here:
 quoted
#include <...> search starts here:
 lib
 /usr/lib/gcc/x86_64-linux-gnu/12/include
 /usr/local/include
 /usr/include
End of search list.
# 0 "/dev/null"
`;

/** A C file of the analysis: only its language and includes matter here. */
const cFile = (path: string, imports: string[]) => ({ path, language: 'c', imports }) as FileAnalysis;

let root: string;
beforeAll(() => {
  root = tempDir('batuta-include-path-');
  writeFiles(root, { 'vendor/extra.h': 'int extra(void);\n' });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('include path', () => {
  it('reads the folders the compiler lists, quoted and system ones, in its order', () => {
    expect(searchFolders(GCC)).toEqual([
      'quoted',
      'lib',
      '/usr/lib/gcc/x86_64-linux-gnu/12/include',
      '/usr/local/include',
      '/usr/include',
    ]);
    expect(searchFolders('cc: error: unrecognized option')).toEqual([]);
  });

  it("finds a quoted include on the compiler's own path and in c_flags' -I folders, not a missing one", async () => {
    const analysis = {
      root,
      files: [cFile('main.c', ['"stddef.h"', '"extra.h"', '"config.h"', '<stdio.h>'])],
    } as Analysis;
    const lookup = await includeLookup(root, analysis, ['-Ivendor'], { searchPath: process.env['PATH'] });
    // stddef.h is in the compiler's own folder, not /usr/include.
    expect(lookup('stddef.h', 'c')?.path).toMatch(/\/stddef\.h$/);
    expect(lookup('stdio.h', 'c')?.path).toMatch(/^\/usr\/.*\/stdio\.h$/);
    expect(lookup('extra.h', 'c')).toEqual({
      path: join(root, 'vendor', 'extra.h'),
      library: 'unknown',
      link: [],
      cLibrary: false,
    });
    expect(lookup('config.h', 'c')).toBeUndefined();
    // What provides stdio.h: the C library, as dpkg says where it is installed.
    const dpkg = process.env['PATH']?.split(':').some((dir) => existsSync(join(dir, 'dpkg')));
    expect(lookup('stdio.h', 'c')).toMatchObject(
      dpkg ? { library: 'libc6-dev', cLibrary: true } : { library: 'unknown', cLibrary: false },
    );
    // extra.h includes nothing; its lookup says no more than before.
    expect(lookup('extra.h', 'c')).not.toHaveProperty('pulledIn');
    // No compiler on the search path: nothing is found, so nothing is taken off the missing list.
    const none = await includeLookup(root, analysis, [], { searchPath: join(root, 'nowhere') });
    expect(none('stdio.h', 'c')).toBeUndefined();
  });
});

describe("a header's own includes", () => {
  // The machine's zlib (zlib1g-dev: /usr/include/zlib.h, pkg-config zlib: -lz), when it is installed.
  const zlib = existsSync('/usr/include/zlib.h');
  it.skipIf(!zlib)(
    "name the libraries they bring in, as the compiler follows them (cc -M), not the C library's",
    async () => {
      writeFiles(root, {
        'vendor/wrap.h': '#include <stdio.h>\n#include "extra.h"\n#include <zlib.h>\nint wrap(void);\n',
      });
      const analysis = { root, files: [cFile('main.c', ['"wrap.h"'])] } as Analysis;
      const lookup = await includeLookup(root, analysis, ['-Ivendor'], { searchPath: process.env['PATH'] });
      expect(lookup('wrap.h', 'c')).toEqual({
        path: join(root, 'vendor', 'wrap.h'),
        library: 'unknown',
        link: [],
        cLibrary: false,
        pulledIn: [{ headers: ['zlib.h', 'zconf.h'], link: ['-lz'] }],
      });
    },
  );
});
