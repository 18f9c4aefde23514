/**
 * Phase 6, deployment: `cargo build --release` of the workspace (plus extra targets whose toolchains
 * are installed), recording each binary's path, size and sha256 so a release can be verified later.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BatutaError } from '../errors.js';
import { resolveUnder } from '../paths/contain.js';
import { readFileNoFollow } from '../paths/no-follow.js';
import { cargoError } from './cargo-check.js';
import { findProgram, runTool, searchHint } from './run-tool.js';
import { WORKSPACE_DIR } from './transpile.js';
import type { PhaseOptions, Plan } from './types.js';

/** A built binary. */
export interface Artifact {
  readonly target: string;
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
}

async function installedTargets(root: string, options: PhaseOptions): Promise<string[]> {
  const rustup = findProgram('rustup', root, options.searchPath);
  if (rustup === undefined) return [];
  const run = await runTool(rustup, ['target', 'list', '--installed'], { cwd: root, signal: options.signal });
  return run.code === 0
    ? run.stdout
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
    : [];
}

function collect(root: string, plan: Plan, target: string | undefined): Artifact[] {
  const dir =
    target === undefined
      ? join(WORKSPACE_DIR, 'target', 'release')
      : join(WORKSPACE_DIR, 'target', target, 'release');
  return plan.modules.flatMap((m) => {
    const path = join(dir, m.crate);
    const file = resolveUnder(root, path);
    if (!existsSync(file)) return [];
    const bytes = readFileNoFollow(file);
    return [
      {
        target: target ?? 'host',
        path,
        bytes: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
      },
    ];
  });
}

/** Builds release binaries; a failed build is a failed gate with cargo's first error line. */
export async function deployProject(
  root: string,
  plan: Plan,
  targets: readonly string[],
  options: PhaseOptions = {},
): Promise<{ passed: boolean; reason?: string; summary: Record<string, unknown> }> {
  const cargo = findProgram('cargo', root, options.searchPath);
  if (cargo === undefined)
    throw new BatutaError(
      'TOOL_MISSING',
      `deploy: cargo not found on PATH (install Rust: https://rustup.rs${searchHint(options.searchPath)})`,
    );
  const installed = targets.length > 0 ? await installedTargets(root, options) : [];
  const artifacts: Artifact[] = [];
  const skipped: string[] = [];
  for (const target of [undefined, ...targets]) {
    if (target !== undefined && !installed.includes(target)) {
      skipped.push(`${target}: toolchain not installed (rustup target add ${target})`);
      continue;
    }
    options.onProgress?.({
      phase: 'deploy',
      done: artifacts.length,
      total: targets.length + 1,
      message: target ?? 'host',
    });
    const args = ['build', '--release', '--offline', '--quiet', ...(target ? ['--target', target] : [])];
    const run = await runTool(cargo, args, {
      cwd: resolveUnder(root, WORKSPACE_DIR),
      signal: options.signal,
    });
    if (run.code !== 0) {
      return {
        passed: false,
        reason: `cargo build --release${target ? ` --target ${target}` : ''} failed: ${cargoError(run.stderr)}`,
        summary: { artifacts, skipped },
      };
    }
    artifacts.push(...collect(root, plan, target));
  }
  if (artifacts.length === 0)
    return {
      passed: false,
      reason: 'no binary was produced (no crate has src/main.rs)',
      summary: { artifacts, skipped },
    };
  return { passed: true, summary: { artifacts, skipped } };
}
