/**
 * What cargo's error output says failed (cargo-check.ts cargoError): the line a user acts on; and a crate
 * built (which links), as a submission and transpile's acceptance build it.
 */
import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildCrates, cargoError } from '../../src/migration/cargo-check.js';
import { CARGO_TIMEOUT, RUST_ENV, writeFiles } from '../cli/rust-project.js';
import { tempDir } from '../temp-dirs.js';

describe('cargoError', () => {
  it("says cargo's first error line", () => {
    expect(cargoError('   Compiling x v0.1.0\nerror: could not find `Cargo.toml` in `/tmp`\n')).toBe(
      'could not find `Cargo.toml` in `/tmp`',
    );
  });

  it('says which crate cargo cannot fetch offline, whose dependency it is, and what to do', () => {
    const stderr = [
      'error: no matching package named `serde` found',
      'location searched: crates.io index',
      'required by package `tool v0.1.0 (/p/.batuta/workspace/tool)`',
      "As a reminder, you're using offline mode (--offline) which can sometimes cause surprising resolution failures",
    ].join('\n');
    expect(cargoError(stderr)).toBe(
      "crate serde (a dependency of tool) is not in cargo's offline cache, and this machine builds offline (write that code with std and leave the crate out of the dependencies, or fetch it into the cache with cargo fetch where there is a network)",
    );
  });

  it('names the symbols the linker found no definition of, and how to link their library', () => {
    // rust-lld, as Rust's linker on x86_64 Linux says it, and GNU ld.
    const lld = [
      'error: linking with `cc` failed: exit status: 1',
      '  |',
      '  = note: rust-lld: error: undefined symbol: XML_ParserCreate',
      '          >>> referenced by main.rs:54',
      '          rust-lld: error: undefined symbol: XML_SetUserData',
      '          rust-lld: error: undefined symbol: XML_ParserCreate',
      '          rust-lld: error: undefined symbol: XML_GetBuffer',
      '          rust-lld: error: undefined symbol: XML_ParseBuffer',
    ].join('\n');
    const said =
      '(link the library that defines them: over MCP declare it in migration_submit_translation\'s dependencies as {kind: "system", name}, or put #[link(name = …)] on the extern block)';
    expect(cargoError(lld)).toBe(
      `the linker found no definition of XML_ParserCreate, XML_SetUserData, XML_GetBuffer and 1 more ${said}`,
    );
    const ld =
      "error: linking with `cc` failed\n  = note: /usr/bin/ld: main.o: in function `main':\n          main.c:(.text+0x9): undefined reference to `nettle_sha1_init'\n";
    expect(cargoError(ld)).toBe(`the linker found no definition of nettle_sha1_init ${said}`);
  });
});

describe('buildCrates', { timeout: CARGO_TIMEOUT }, () => {
  it('links, so an extern block whose library is not linked fails at once', async () => {
    const root = tempDir('batuta-cargo-check-');
    writeFiles(root, {
      '.batuta/logs/.keep': '',
      '.batuta/workspace/Cargo.toml': '[workspace]\nresolver = "2"\nmembers = ["tool"]\n',
      '.batuta/workspace/tool/Cargo.toml': '[package]\nname = "tool"\nversion = "0.1.0"\nedition = "2021"\n',
      '.batuta/workspace/tool/src/main.rs':
        'extern "C" {\n    fn batuta_nowhere() -> i32;\n}\n\nfn main() {\n    println!("{}", unsafe { batuta_nowhere() });\n}\n',
    });
    const searchPath = process.env['PATH'] ?? '';
    const saved = { ...process.env };
    Object.assign(process.env, RUST_ENV);
    try {
      const [built] = await buildCrates(root, ['tool'], { searchPath });
      expect(built!.passed).toBe(false);
      expect(built!.diagnostics.filter((d) => d.level === 'error').map((d) => d.message)).toEqual([
        expect.stringMatching(/^the linker found no definition of batuta_nowhere \(link the library/),
      ]);
    } finally {
      process.env = saved;
      rmSync(root, { recursive: true, force: true });
    }
  });
});
