/**
 * End to end through the built `batuta` binary: a program that prints one long line (minified JSON, as
 * json.tool --compact does) and a translation that differs in one character of it. Validation names the line and
 * the column and quotes both sides around it, not the whole line twice.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { runBatuta } from './run-batuta.js';
import { CARGO_TIMEOUT, RUST_ENV, writeFiles } from './rust-project.js';

let home: string;
let project: string;

beforeAll(() => {
  home = tempDir('batuta-long-line-e2e-');
  project = join(home, 'dump');
  writeFiles(project, {
    'dump.py': 'print(\'{"items":[\' + ",".join(str(i) for i in range(100)) + \'],"s":"\\\\u007f"}\')\n',
    'batuta.toml': '[[validation.cases]]\nname = "run"\nsource = "dump.py"\nargs = []\n',
  });
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('a long output line that differs', { timeout: CARGO_TIMEOUT }, () => {
  it('is quoted around its first differing column', () => {
    expect(runBatuta(['analyze', project], home, RUST_ENV).code).toBe(0);
    expect(runBatuta(['plan', project], home, RUST_ENV).code).toBe(0);
    expect(runBatuta(['transpile', project, '--by', 'agent'], home, RUST_ENV).code).toBe(1);
    writeFiles(project, {
      '.batuta/workspace/dump/src/main.rs':
        'fn main() {\n    let items: Vec<String> = (0..100).map(|i| i.to_string()).collect();\n    println!("{{\\"items\\":[{}],\\"s\\":\\"\\\\u007F\\"}}", items.join(","));\n}\n',
    });
    expect(runBatuta(['transpile', project], home, RUST_ENV).code).toBe(0);
    expect(runBatuta(['optimize', project], home, RUST_ENV).code).toBe(0);
    const validated = runBatuta(['validate', project], home, RUST_ENV);
    expect(validated.code).toBe(1);
    expect(validated.stdout).toContain(
      'run: stdout line 1 column 312: original "…,94,95,96,97,98,99],\\"s\\":\\"\\\\u007f\\"}", converted "…,94,95,96,97,98,99],\\"s\\":\\"\\\\u007F\\"}"',
    );
  });
});
