/**
 * optimize tells a loop that waits on I/O from one that computes: a loop whose own body calls read, fread,
 * getline, recv, print… on every pass (or a Python `for line in f`) cannot be vectorised around that call and
 * spends its time waiting on it, so it is advised "I/O-bound: scalar" with the calls named, whatever the data
 * size; arithmetic in loops without such a call (an inner loop of a read loop, a loop that prints only on an
 * error) keeps the cost model's advice.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeProject } from '../../src/migration/analyze.js';
import { type HotSpot, optimizeProject, rustLoops } from '../../src/migration/optimize.js';
import type { Analysis } from '../../src/migration/types.js';
import { writeFiles } from '../cli/rust-project.js';
import { tempDir } from '../temp-dirs.js';

const C = `#include <stdio.h>
#include <stdlib.h>

size_t slurp(FILE *f, unsigned char **out) {
  size_t size = 100, done = 0;
  unsigned char *buf = NULL;
  for (;; size *= 2) {
    buf = realloc(buf, size + 1);
    done += fread(buf + done, 1, size - done, f);
    if (done < size) break;
  }
  *out = buf;
  return done;
}

unsigned long checksum(FILE *f) {
  unsigned char buf[4096];
  unsigned long sum = 0;
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, f)) > 0)
    for (size_t i = 0; i < n; i++)
      sum = sum * 31 + buf[i];
  return sum;
}

long sum_checked(const long *a, int n) {
  long s = 0;
  for (int i = 0; i < n; i++) {
    if (a[i] < 0)
      fprintf(stderr, "negative at %d\n", i);
    s += a[i] * 2;
  }
  return s;
}

double dot(const double *a, const double *b, int n) {
  double s = 0;
  for (int i = 0; i < n; i++)
    s += a[i] * b[i];
  return s;
}
`;

const PY = `import sys

def total(path):
    count = 0
    with open(path) as f:
        for line in f:
            count += len(line) + 1
    return count

def echo():
    n = 0
    for line in sys.stdin:
        n = n + 1
        print(n, line)

def scale(xs, k):
    out = []
    for x in xs:
        out.append(x * k + 1)
    return out
`;

let root: string;
let analysis: Analysis;

beforeAll(async () => {
  root = tempDir('batuta-optimize-io-');
  writeFiles(root, { 'tool.c': C, 'lines.py': PY });
  analysis = await analyzeProject(root);
  mkdirSync(join(root, '.batuta/workspace'), { recursive: true });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function spots(size: number | null): Record<string, Pick<HotSpot, 'backend' | 'ioCalls' | 'rationale'>> {
  const result = optimizeProject(
    root,
    analysis,
    [],
    'balanced',
    size === null ? null : { elements: size, source: 'test' },
  );
  return Object.fromEntries(
    (result['hotSpots'] as HotSpot[]).map((h) => [
      h.name,
      { backend: h.backend, ioCalls: h.ioCalls, rationale: h.rationale },
    ]),
  );
}

describe('analysis of loops that call I/O', () => {
  it('names the I/O calls made in loops and the arithmetic done beside them', () => {
    const fn = (path: string, name: string) =>
      analysis.files.find((f) => f.path === path)!.functions.find((f) => f.name === name)!;
    expect(fn('tool.c', 'slurp')).toMatchObject({ loopIO: ['fread'] });
    expect(fn('tool.c', 'slurp').ioLoopArithmetic).toBe(fn('tool.c', 'slurp').loopArithmetic);
    // The inner loop computes without I/O: its arithmetic is not the read loop's.
    expect(fn('tool.c', 'checksum')).toMatchObject({ loopIO: ['fread'], ioLoopArithmetic: 0 });
    expect(fn('tool.c', 'checksum').loopArithmetic).toBeGreaterThan(0);
    expect(fn('tool.c', 'dot')).toMatchObject({ loopIO: [], ioLoopArithmetic: 0 });
    // An error message on some passes only: the loop computes.
    expect(fn('tool.c', 'sum_checked')).toMatchObject({ loopIO: [], ioLoopArithmetic: 0 });
    expect(fn('lines.py', 'total')).toMatchObject({ loopIO: ['for … in f'] });
    expect(fn('lines.py', 'echo')).toMatchObject({ loopIO: ['for … in sys.stdin', 'print'] });
    expect(fn('lines.py', 'scale')).toMatchObject({ loopIO: [] });
  });
});

describe('optimize advice', () => {
  it('advises scalar for a loop that waits on I/O, naming the calls, whatever the data size', () => {
    for (const size of [null, 1_000_000]) {
      const advice = spots(size);
      for (const name of ['slurp', 'total', 'echo']) {
        expect(advice[name]).toMatchObject({
          backend: 'scalar',
          rationale: expect.stringMatching(/^I\/O-bound: each pass of its loop calls /),
        });
      }
      expect(advice['slurp']!.ioCalls).toEqual(['fread']);
      expect(advice['slurp']!.rationale).toBe(
        'I/O-bound: each pass of its loop calls fread and waits on it; a loop around a call cannot be vectorised, so SIMD would save nothing',
      );
    }
  });

  it('keeps the cost model for arithmetic, an inner loop of a read loop included', () => {
    const advice = spots(1_000_000);
    for (const name of ['checksum', 'sum_checked', 'dot', 'scale']) {
      expect(advice[name]).toMatchObject({ backend: 'simd', ioCalls: [] });
    }
  });
});

describe('rustLoops', () => {
  it('names the I/O calls every pass of a loop makes, not those of an arm or of the loops inside it', () => {
    const rust = [
      'fn hash(input: &mut dyn Read) {',
      '    loop {',
      '        let mut filled = 0;',
      '        while filled < N {',
      '            match input.read(&mut buf[filled..]) {',
      '                Ok(n) => filled += n,',
      '            }',
      '        }',
      '        for b in &buf[..filled] {',
      '            h = h.wrapping_mul(31) + *b as u64;',
      '        }',
      '    }',
      '    for line in std::io::stdin().lines() {',
      '        println!("{}", line.unwrap().len());',
      '    }',
      '    for l in text.lines() { n += l.len(); }',
      '    for x in xs {',
      '        if *x < 0 {',
      '            eprintln!("negative");',
      '        }',
      '        s += x * 2;',
      '    }',
      '}',
    ].join('\n');
    expect(rustLoops(rust)).toEqual([
      { line: 2, depth: 1, io: [] },
      { line: 4, depth: 2, io: ['read'] },
      { line: 9, depth: 2, io: [] },
      { line: 13, depth: 1, io: ['stdin', 'println!'] },
      { line: 16, depth: 1, io: [] },
      { line: 17, depth: 1, io: [] },
    ]);
  });
});
