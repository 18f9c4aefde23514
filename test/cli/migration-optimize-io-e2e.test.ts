/**
 * End to end through the built `batuta` binary: optimize tells a loop that waits on I/O (a C `fgets` loop, the
 * agent's Rust `read` loop) from an arithmetic loop nest. The read loops were advised SIMD as loop nests (nettle's
 * io.c read_file, expat's elements translation); now they say "I/O-bound: scalar" with the call they wait on,
 * and the arithmetic nests keep SIMD.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { runBatuta, runBatutaJson } from './run-batuta.js';
import { CARGO_TIMEOUT, RUST_ENV, writeFiles } from './rust-project.js';

const C = `#include <stdio.h>

int count_fields(FILE *f) {
  char line[256];
  int fields = 0;
  while (fgets(line, sizeof line, f))
    for (char *p = line; *p; p++)
      if (*p == ',') fields++;
  return fields;
}

double dot(const double *a, const double *b, int n) {
  double s = 0;
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++)
      s += a[i] * b[j];
  return s;
}

int main(void) {
  double a[2] = {1, 2}, b[2] = {3, 4};
  printf("%d %g\\n", count_fields(stdin), dot(a, b, 2));
  return 0;
}
`;

const RUST = `use std::io::{self, Read};

fn count_fields(input: &mut dyn Read) -> usize {
    let mut buf = [0u8; 4096];
    let mut fields = 0;
    loop {
        let mut filled = 0;
        while filled < buf.len() {
            match input.read(&mut buf[filled..]) {
                Ok(0) | Err(_) => break,
                Ok(n) => filled += n,
            }
        }
        fields += buf[..filled].iter().filter(|&&b| b == b',').count();
        if filled < buf.len() {
            return fields;
        }
    }
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    let mut s = 0.0;
    for x in a {
        for y in b {
            s += x * y;
        }
    }
    s
}

fn main() {
    let n = count_fields(&mut io::stdin());
    println!("{} {}", n, dot(&[1.0, 2.0], &[3.0, 4.0]));
}
`;

let home: string;
let project: string;
const run = (...args: string[]) => runBatuta(args, home, RUST_ENV);

beforeAll(() => {
  home = tempDir('batuta-optimize-io-e2e-');
  project = join(home, 'fields');
  // A data size large enough for SIMD to pay off (the source's own `double a[2]` would say 2 elements).
  writeFiles(project, { 'fields.c': C, 'batuta.toml': '[optimization]\ndata_elements = 100000\n' });
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('optimize on read loops and arithmetic loops', { timeout: CARGO_TIMEOUT }, () => {
  it('says I/O-bound: scalar for the read loops, with the call, and keeps SIMD for the arithmetic', () => {
    expect(run('analyze', project).code).toBe(0);
    expect(run('plan', project).code).toBe(0);
    expect(run('transpile', project, '--by', 'agent').code).toBe(1);
    writeFiles(project, { '.batuta/workspace/fields/src/main.rs': RUST });
    expect(run('transpile', project).code).toBe(0);
    const text = run('optimize', project);
    expect(text.code).toBe(0);
    for (const line of [
      'fields.c:3 count_fields: I/O-bound: scalar (each pass calls fgets)',
      'fields.c:12 dot: simd',
      '.batuta/workspace/fields/src/main.rs:8 loop nest: I/O-bound: scalar (each pass calls read)',
      '.batuta/workspace/fields/src/main.rs:24 loop nest: simd',
    ]) {
      expect(text.stdout).toContain(line);
    }
    const json = runBatutaJson(['optimize', project], home, RUST_ENV);
    const spots = (json.body['summary'] as { hotSpots: Array<Record<string, unknown>> }).hotSpots;
    expect(spots.find((s) => s['name'] === 'count_fields')).toMatchObject({
      backend: 'scalar',
      ioCalls: ['fgets'],
      rationale: expect.stringMatching(/^I\/O-bound: each pass of its loop calls fgets and waits on it/),
    });
    expect(spots.find((s) => s['name'] === 'dot')).toMatchObject({ backend: 'simd', ioCalls: [] });
  });
});
