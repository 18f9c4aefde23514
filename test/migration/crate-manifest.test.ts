/** An agent crate's Cargo.toml follows the plan: its path dependencies on the project's libraries (agent.ts). */
import { describe, expect, it } from 'vitest';
import { withLibraries } from '../../src/migration/agent.js';

const HEAD = `[package]
name = "tool"
version = "0.1.0"
edition = "2021"

[[bin]]
name = "tool"
path = "src/main.rs"
`;

const IO = 'io = { path = "../io" } # batuta: the plan\'s import of io.sh';
const WRITTEN = `${HEAD}\n[dependencies]\n${IO}\n`;

describe('withLibraries', () => {
  it("replaces the project's library crates a re-plan changed, keeping what else the manifest says", () => {
    const edited = `${WRITTEN}libc = "0.2"\n\n[dev-dependencies]\nhelper = { path = "../helper" }\n`;
    expect(
      withLibraries(edited, [
        { crate: 'io-sh', path: 'io.sh' },
        { crate: 'text', path: 'lib/text.py' },
      ]),
    ).toBe(
      WRITTEN.replace(
        IO,
        'io-sh = { path = "../io-sh" } # batuta: the plan\'s import of io.sh\ntext = { path = "../text" } # batuta: the plan\'s import of lib/text.py',
      ) + 'libc = "0.2"\n\n[dev-dependencies]\nhelper = { path = "../helper" }\n',
    );
  });

  it('adds a [dependencies] table when the crate had none, and drops the libraries the plan no longer has', () => {
    expect(withLibraries(HEAD, [{ crate: 'io', path: 'io.sh' }])).toBe(WRITTEN);
    expect(withLibraries(WRITTEN, [])).toBe(`${HEAD}\n[dependencies]\n`);
    expect(withLibraries(WRITTEN, [{ crate: 'io', path: 'io.sh' }])).toBe(WRITTEN);
  });

  it('keeps a sibling crate an agent added by hand, and does not add a second line for it', () => {
    const hand = `${WRITTEN}util = { path = "../util" }\n`;
    expect(withLibraries(hand, [])).toBe(`${HEAD}\n[dependencies]\nutil = { path = "../util" }\n`);
    expect(withLibraries(hand, [{ crate: 'util', path: 'util.sh' }])).toBe(
      `${HEAD}\n[dependencies]\nutil = { path = "../util" }\n`,
    );
    const edited = `${HEAD}\n[dependencies]\nio = { path = "../io", default-features = false }\n`;
    expect(withLibraries(edited, [{ crate: 'io', path: 'io.sh' }])).toBe(edited);
  });
});
