/**
 * A crate's Cargo manifest: the one batuta writes for a new crate, and its `[dependencies]` table edited line by line, so comments, marks and every other table stay
 * as written: the plan's library lines (agent.ts) and the dependencies an agent declares (declared-dependencies.ts)
 * are both kept up to date through it.
 */

/** The manifest of a new crate: a program (`src/main.rs`, a binary named as the crate) or a library. */
export function newManifest(crate: string, program: boolean): string {
  const target = program
    ? `[[bin]]\nname = "${crate}"\npath = "src/main.rs"\n`
    : '[lib]\npath = "src/lib.rs"\n';
  return `[package]\nname = "${crate}"\nversion = "0.1.0"\nedition = "2021"\n\n${target}`;
}

/** The key of a `[dependencies]` line (`io` of `io = { path = "../io" }`). */
export const KEY = /^\s*([\w-]+)\s*=/;

/**
 * `manifest` with the `[dependencies]` lines `keep` refuses taken out and the lines `added` gives (from the keys
 * kept) put in, `first` in the table or `last` in its run of lines; a table is made when there is none.
 */
export function rewriteDependencies(
  manifest: string,
  keep: (line: string, key: string | undefined) => boolean,
  added: (kept: ReadonlySet<string>) => readonly string[],
  where: 'first' | 'last',
): string {
  const lines: string[] = [];
  const kept = new Set<string>();
  let table = '';
  let at = -1;
  for (const line of manifest.replace(/\n$/, '').split('\n')) {
    const header = /^\s*\[([^\]]*)\]\s*$/.exec(line);
    if (header !== null) table = header[1]!.trim();
    else if (table === 'dependencies') {
      const key = KEY.exec(line)?.[1];
      if (!keep(line, key)) continue;
      if (key !== undefined) kept.add(key);
    }
    lines.push(line);
    if (header !== null && table === 'dependencies') at = lines.length;
  }
  const add = added(kept);
  if (at >= 0) {
    let index = at;
    if (where === 'last')
      while (index < lines.length && !/^\s*\[/.test(lines[index]!) && lines[index]!.trim() !== '') index++;
    lines.splice(index, 0, ...add);
  } else if (add.length > 0) lines.push(...(lines.at(-1) === '' ? [] : ['']), '[dependencies]', ...add);
  return `${lines.join('\n')}\n`;
}
