/**
 * Phase 4, optimization: finds hot spots (nested loops, arithmetic in loops, numeric library kernels)
 * in the analysed source and the generated Rust, picks scalar/SIMD/GPU for each with the cost model,
 * and writes the chosen Cargo release profile into the workspace manifest. A loop that waits on I/O (its own
 * body calls read, fgets, recv, print…) is I/O-bound: scalar, whatever the data size.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidInputError } from '../errors.js';
import { resolveUnder } from '../paths/contain.js';
import { readFileNoFollow } from '../paths/no-follow.js';
import { chooseBackend, type Intensity } from './cost-model.js';
import { findMapping } from './ml-mappings.js';
import { WORKSPACE_DIR, workspaceManifest, writeAtomically } from './transpile.js';
import type { Analysis, FunctionInfo } from './types.js';
import type { DataSize } from './visible-data.js';

export type ProfileName = 'fast' | 'balanced' | 'aggressive';

/** Cargo release settings per profile: build speed against run speed and binary size. */
export const PROFILES: Record<ProfileName, Record<string, string | number | boolean>> = {
  fast: { 'opt-level': 2, lto: false, 'codegen-units': 16, panic: 'unwind' },
  balanced: { 'opt-level': 3, lto: 'thin', 'codegen-units': 4, panic: 'unwind' },
  aggressive: { 'opt-level': 3, lto: 'fat', 'codegen-units': 1, panic: 'abort' },
};

/** One place worth optimizing, with the backend the cost model picked. */
export interface HotSpot {
  readonly origin: 'source' | 'rust';
  readonly path: string;
  readonly line: number;
  readonly name: string;
  readonly loopDepth: number;
  readonly intensity: Intensity;
  readonly backend: string;
  readonly rationale: string;
  /** When the spot is I/O-bound (then scalar): the I/O calls each pass of its loops waits on; else empty. */
  readonly ioCalls: readonly string[];
}

/** A hot spot as found, before a backend is chosen. */
type Found = Omit<HotSpot, 'backend' | 'rationale'>;

/** The `[profile.release]` table for a profile. */
export function profileToml(name: ProfileName): string {
  const lines = Object.entries(PROFILES[name]).map(
    ([key, value]) => `${key} = ${typeof value === 'string' ? `"${value}"` : String(value)}`,
  );
  return `\n# batuta optimize: ${name} profile\n[profile.release]\n${lines.join('\n')}\n`;
}

function intensityOf(loopDepth: number, heavy: 'matmul' | 'reduction' | undefined): Intensity {
  if (loopDepth >= 3 || heavy === 'matmul') return 'high';
  if (loopDepth === 2 || heavy === 'reduction') return 'medium';
  return 'low';
}

/** An item that starts as a trait impl (`impl Trait for Type`, attributes and `unsafe` allowed before it). */
const IMPL_ITEM = /^\s*(#\[[^\]]*\]\s*)*(unsafe\s+)?impl\b/;

/**
 * Rust calls that wait on a file, a pipe, a terminal or a socket. `.lines()` is left out: on a `&str` it only
 * splits text (a `BufRead`'s lines are read by `stdin()`, `read_line` … when the reader is named).
 */
const RUST_IO =
  /\b(read|read_line|read_exact|read_to_end|read_to_string|read_until|stdin|recv|recv_from|write|write_all|fread|fgets|getline)\s*\(|\b(println|print|eprintln|eprint|writeln|write)!/g;

/** A loop in Rust source: its line, nesting depth, and the I/O calls every pass makes. */
export interface RustLoop {
  readonly line: number;
  readonly depth: number;
  readonly io: readonly string[];
}

/**
 * Loops in Rust source, with their nesting depth, by tracking which braces a loop keyword opened, and the
 * I/O calls each makes on every pass: in its header or in its body outside any inner block (an `if` or `match`
 * arm, an inner loop's body). The `for` of `impl Trait for Type` and of a higher-ranked bound (`for<'a>`)
 * opens no loop.
 */
export function rustLoops(text: string): RustLoop[] {
  const code = text.replace(/\/\/[^\n]*/g, '').replace(/"(?:[^"\\]|\\.)*"/g, '""');
  /** Per open brace: the loop it opened (its index in `loops`), or -1. */
  const stack: number[] = [];
  const loops: Array<{ line: number; depth: number; start: number; open: number; end: number }> = [];
  let pending = false;
  let line = 1;
  let item = 0;
  for (let i = 0; i < code.length; i++) {
    const ch = code[i]!;
    if (ch === '\n') line++;
    else if (ch === '{') {
      stack.push(pending ? loops.length - 1 : -1);
      if (pending) loops.at(-1)!.open = i;
      pending = false;
      item = i + 1;
    } else if (ch === '}' || ch === ';') {
      if (ch === '}') {
        const opened = stack.pop() ?? -1;
        if (opened >= 0) loops[opened]!.end = i;
      }
      item = i + 1;
    } else if (/[a-z]/.test(ch) && !/[A-Za-z0-9_]/.test(code[i - 1] ?? ' ')) {
      const word = /^[a-z_]+/.exec(code.slice(i, i + 8))![0];
      const notLoop =
        word === 'for' && (/^for\s*</.test(code.slice(i, i + 8)) || IMPL_ITEM.test(code.slice(item, i)));
      if ((word === 'for' && !notLoop) || word === 'while' || word === 'loop') {
        pending = true;
        loops.push({ line, depth: stack.filter((l) => l >= 0).length + 1, start: i, open: i, end: i });
      }
      i += word.length - 1;
    }
  }
  return loops.map(({ line, depth, start, open, end }) => {
    let own = code.slice(start, open);
    let level = 0;
    for (const ch of code.slice(open, end)) {
      if (ch === '{') level++;
      else if (ch === '}') level--;
      else if (level === 1) own += ch;
    }
    const io = [...own.matchAll(RUST_IO)].map((m) => (m[1] === undefined ? `${m[2]}!` : m[1]));
    return { line, depth, io: [...new Set(io)] };
  });
}

/**
 * The I/O calls a function's loops wait on, when they are what its loops do: every arithmetic operation in
 * its loops sits in a loop that calls I/O itself (an inner loop that computes without I/O keeps the function
 * arithmetic); empty otherwise, and for an analysis written before loops' I/O was recorded.
 */
function ioBound(fn: FunctionInfo): readonly string[] {
  const io = fn.loopIO ?? [];
  return io.length > 0 && fn.loopArithmetic === (fn.ioLoopArithmetic ?? 0) ? io : [];
}

function sourceHotSpots(analysis: Analysis): Found[] {
  const spots: Found[] = [];
  for (const file of analysis.files) {
    for (const fn of file.functions) {
      if (fn.loopDepth === 0 || (fn.loopDepth < 2 && fn.loopArithmetic === 0)) continue;
      const inside = file.apiUses.filter((u) => u.line >= fn.line && u.line <= fn.endLine);
      const kinds = inside.map((u) => findMapping(u.api)?.kind);
      const heavy = kinds.includes('matmul')
        ? 'matmul'
        : kinds.includes('reduction')
          ? 'reduction'
          : undefined;
      const intensity = intensityOf(fn.loopDepth, heavy);
      spots.push({
        origin: 'source',
        path: file.path,
        line: fn.line,
        name: fn.name,
        loopDepth: fn.loopDepth,
        intensity,
        ioCalls: ioBound(fn),
      });
    }
    for (const use of file.apiUses) {
      const kind = findMapping(use.api)?.kind;
      if (kind !== 'matmul' && kind !== 'reduction') continue;
      spots.push({
        origin: 'source',
        path: file.path,
        line: use.line,
        name: use.api,
        loopDepth: 0,
        intensity: intensityOf(0, kind),
        ioCalls: [],
      });
    }
  }
  return spots;
}

function rustHotSpots(root: string, crates: readonly string[]): Found[] {
  const spots: Found[] = [];
  for (const crate of crates) {
    const dir = resolveUnder(root, WORKSPACE_DIR, crate, 'src');
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)
      .filter((n) => n.endsWith('.rs'))
      .sort()) {
      const loops = rustLoops(readFileNoFollow(join(dir, name)).toString('utf8'));
      for (const loop of loops.filter((l) => l.depth >= 2)) {
        const path = `${WORKSPACE_DIR}/${crate}/src/${name}`;
        spots.push({
          origin: 'rust',
          path,
          line: loop.line,
          name: `loop nest`,
          loopDepth: loop.depth,
          intensity: intensityOf(loop.depth, undefined),
          ioCalls: loop.io,
        });
      }
    }
  }
  return spots;
}

/** Why an I/O-bound spot stays scalar. */
function ioRationale(calls: readonly string[]): string {
  const named = calls.length === 1 ? calls[0] : `${calls.slice(0, -1).join(', ')} and ${calls.at(-1)}`;
  return `I/O-bound: each pass of its loop calls ${named} and waits on it; a loop around a call cannot be vectorised, so SIMD would save nothing`;
}

/** Advice when no data size is known: a GPU is never advised without one. */
const NO_SIZE =
  'no data size known (set [optimization] data_elements in batuta.toml, or give validation cases inputs); SIMD costs nothing to try';

/** Runs the optimization phase over a transpiled workspace, for the data size given or seen (null: unknown). */
export function optimizeProject(
  root: string,
  analysis: Analysis,
  crates: readonly string[],
  profile: ProfileName,
  size: DataSize | null,
): Record<string, unknown> {
  if (!(profile in PROFILES)) {
    throw new InvalidInputError(
      `optimize: profile "${profile}" is not known (use fast, balanced or aggressive)`,
    );
  }
  const hotSpots: HotSpot[] = [...sourceHotSpots(analysis), ...rustHotSpots(root, crates)].map((spot) => {
    if (spot.ioCalls.length > 0) return { ...spot, backend: 'scalar', rationale: ioRationale(spot.ioCalls) };
    if (size === null)
      return { ...spot, backend: spot.intensity === 'low' ? 'scalar' : 'simd', rationale: NO_SIZE };
    const choice = chooseBackend(size.elements, spot.intensity);
    return { ...spot, backend: choice.backend, rationale: choice.rationale };
  });
  writeAtomically(
    resolveUnder(root, WORKSPACE_DIR, 'Cargo.toml'),
    workspaceManifest(crates, profileToml(profile)),
  );
  const dataElements = size?.elements ?? null;
  return {
    profile,
    release: PROFILES[profile],
    dataElements,
    dataSource: size?.source ?? 'unknown',
    hotSpots,
  };
}
