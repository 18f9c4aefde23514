/**
 * Fetches a Debian package's files without installing it (`apt-get download` + `dpkg -x`) into a
 * cache folder, once. Benches use it for held-out documentation and the scale corpus; when apt is
 * unreachable they get a reason back instead of an exception, so they can skip with a note.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type FetchResult = { readonly root: string } | { readonly skipped: string };

/**
 * The exact build a hand-graded question set was judged against: another version of the package may move or
 * rewrite the judged pages, so a pinned fetch takes only this version and only a file with this hash.
 */
export interface DebianPin {
  /** The Debian version, as `apt-get download pkg=VERSION` takes it. */
  readonly version: string;
  /** SHA-256 of the .deb file, lowercase hex. */
  readonly sha256: string;
}

/** How apt-get names the downloaded file's prefix: an epoch's colon is written %3a. */
function debPrefix(pkg: string, pin: DebianPin | undefined): string {
  return pin === undefined ? `${pkg}_` : `${pkg}_${pin.version.replace(':', '%3a')}_`;
}

/** Why the .deb at `path` is not the pinned build, or null when its hash matches. */
function pinMismatch(path: string, name: string, pin: DebianPin | undefined): string | null {
  if (pin === undefined) return null;
  const actual = createHash('sha256').update(readFileSync(path)).digest('hex');
  if (actual === pin.sha256) return null;
  return `${name} has sha256 ${actual}, pinned ${pin.sha256} (delete it and fetch again, or re-grade the set and update the pin)`;
}

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
 * absent; `{ skipped }` with the reason when apt-get or dpkg cannot do it. With a `pin`, only that
 * version is downloaded and only a file with that hash extracted; a folder extracted from another
 * version is extracted again.
 */
export function fetchDebianPackage(pkg: string, cache: string, pin?: DebianPin): FetchResult {
  const root = join(cache, 'root', pkg);
  const done = join(root, '.extracted');
  const prefix = debPrefix(pkg, pin);
  if (existsSync(done) && readFileSync(done, 'utf8').startsWith(prefix)) return { root };
  const debs = join(cache, 'debs');
  mkdirSync(debs, { recursive: true });
  const findDeb = () => readdirSync(debs).find((name) => name.startsWith(prefix) && name.endsWith('.deb'));
  if (findDeb() === undefined) {
    const wanted = pin === undefined ? pkg : `${pkg}=${pin.version}`;
    const failure = run('apt-get', ['download', wanted], debs);
    if (failure) return { skipped: failure };
  }
  const deb = findDeb();
  if (deb === undefined) return { skipped: `apt-get download ${pkg} left no ${prefix}*.deb in ${debs}` };
  const mismatch = pinMismatch(join(debs, deb), deb, pin);
  if (mismatch) return { skipped: mismatch };
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  const failure = run('dpkg', ['-x', join(debs, deb), root], debs);
  if (failure) return { skipped: failure };
  writeFileSync(done, `${deb}\n`);
  return { root };
}
