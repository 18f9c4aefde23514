/** An agent crate's Cargo.toml follows the plan: its path dependencies on the project's libraries (agent.ts). */
import { describe, expect, it } from 'vitest';
import { withLibraries } from '../../src/migration/agent.js';

const WRITTEN = `[package]
name = "tool"
version = "0.1.0"
edition = "2021"

[[bin]]
name = "tool"
path = "src/main.rs"

[dependencies]
io = { path = "../io" }
`;

describe('withLibraries', () => {
  it("replaces the project's library crates a re-plan changed, keeping what else the manifest says", () => {
    const edited = `${WRITTEN}libc = "0.2"\n\n[dev-dependencies]\nhelper = { path = "../helper" }\n`;
    expect(withLibraries(edited, [{ crate: 'io-sh' }, { crate: 'text' }])).toBe(
      WRITTEN.replace(
        'io = { path = "../io" }',
        'io-sh = { path = "../io-sh" }\ntext = { path = "../text" }',
      ) + 'libc = "0.2"\n\n[dev-dependencies]\nhelper = { path = "../helper" }\n',
    );
  });

  it('adds a [dependencies] table when the crate had none, and drops the libraries the plan no longer has', () => {
    const none = WRITTEN.replace('\n[dependencies]\nio = { path = "../io" }\n', '');
    expect(withLibraries(none, [{ crate: 'io' }])).toBe(WRITTEN);
    expect(withLibraries(WRITTEN, [])).toBe(WRITTEN.replace('io = { path = "../io" }\n', ''));
    expect(withLibraries(WRITTEN, [{ crate: 'io' }])).toBe(WRITTEN);
  });
});
