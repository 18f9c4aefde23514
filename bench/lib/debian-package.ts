/**
 * Fetches a Debian package's files without installing it (`apt-get download` + `dpkg -x`) into a
 * cache folder, once. Benches use it for held-out documentation and the scale corpus; when apt is
 * unreachable they get a reason back instead of an exception, so they can skip with a note.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type FetchResult = { readonly root: string } | { readonly skipped: string };

function run(command: string, args: readonly string[], cwd: string): string | null {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.error) return `${command} cannot run (${result.error.message})`;
  if (result.status !== 0) {
    const reason = (result.stderr || result.stdout).trim().split('\n').at(-1) ?? '';
    return `${command} ${args.join(' ')} failed: ${reason}`;
  }
  return null;
}

/**
 * The folder `pkg` is extracted in (`<cache>/root/<pkg>`), downloading and extracting it first when
 * absent; `{ skipped }` with the reason when apt-get or dpkg cannot do it.
 */
export function fetchDebianPackage(pkg: string, cache: string): FetchResult {
  const root = join(cache, 'root', pkg);
  const done = join(root, '.extracted');
  if (existsSync(done)) return { root };
  const debs = join(cache, 'debs');
  mkdirSync(debs, { recursive: true });
  const findDeb = () => readdirSync(debs).find((name) => name.startsWith(`${pkg}_`) && name.endsWith('.deb'));
  if (findDeb() === undefined) {
    const failure = run('apt-get', ['download', pkg], debs);
    if (failure) return { skipped: failure };
  }
  const deb = findDeb();
  if (deb === undefined) return { skipped: `apt-get download ${pkg} left no .deb in ${debs}` };
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  const failure = run('dpkg', ['-x', join(debs, deb), root], debs);
  if (failure) return { skipped: failure };
  writeFileSync(done, `${deb}\n`);
  return { root };
}
