/**
 * End to end through the built `batuta` binary: optimize reads the loop nests of the agent's Rust, and the `for`
 * of `impl fmt::Display for Words` is no loop, so a loop inside a trait impl is no loop nest (it was advised SIMD
 * in aptsources' deb822 translation); a real nest still is.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { runBatuta, runBatutaJson } from './run-batuta.js';
import { CARGO_TIMEOUT, RUST_ENV, writeFiles } from './rust-project.js';

let home: string;
let project: string;

beforeAll(() => {
  home = tempDir('batuta-optimize-rust-loops-e2e-');
  project = join(home, 'words');
  writeFiles(project, { 'words.sh': '#!/bin/sh\nfor w in "$@"; do\n  echo "$w"\ndone\n' });
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('optimize on an agent translation', { timeout: CARGO_TIMEOUT }, () => {
  it('finds no loop nest in a loop inside a trait impl, and finds a real one', () => {
    expect(runBatuta(['analyze', project], home, RUST_ENV).code).toBe(0);
    expect(runBatuta(['plan', project], home, RUST_ENV).code).toBe(0);
    expect(runBatuta(['transpile', project, '--by', 'agent'], home, RUST_ENV).code).toBe(1);
    const rust = [
      'use std::fmt;',
      '',
      'struct Words(Vec<String>);',
      '',
      'impl fmt::Display for Words {',
      "    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {",
      '        for w in &self.0 {',
      '            writeln!(f, "{w}")?;',
      '        }',
      '        Ok(())',
      '    }',
      '}',
      '',
      'fn main() {',
      '    print!("{}", Words(std::env::args().skip(1).collect()));',
      '}',
      '',
    ].join('\n');
    const rustSpots = () => {
      expect(runBatuta(['transpile', project], home, RUST_ENV).code).toBe(0);
      const optimized = runBatutaJson(['optimize', project], home, RUST_ENV);
      const spots = (optimized.body['summary'] as { hotSpots: Array<{ path: string; line: number }> })
        .hotSpots;
      return spots.filter((s) => s.path.startsWith('.batuta/')).map((s) => s.line);
    };
    writeFiles(project, { '.batuta/workspace/words/src/main.rs': rust });
    expect(rustSpots()).toEqual([]);
    writeFiles(project, {
      '.batuta/workspace/words/src/main.rs': rust.replace(
        '            writeln!(f, "{w}")?;',
        '            for _ in 0..1 {\n                writeln!(f, "{w}")?;\n            }',
      ),
    });
    expect(rustSpots()).toEqual([8]);
  });
});
