/**
 * Reduces an `strace -f -y` log to a program's observable effects: files read, bytes written per file,
 * files removed or renamed, folders made, programs started, network use and exit status. Paths are made
 * relative to the run folder; pids, addresses, timings and the runtime's own files are dropped, so an
 * interpreter and a native binary doing the same work produce the same effects.
 */

/** Syscalls recorded by validation (legacy ones prefixed with ? so strace skips them where absent). */
export const TRACED_SYSCALLS =
  '?open,openat,?creat,unlink,unlinkat,?rename,renameat,renameat2,?mkdir,mkdirat,?rmdir,execve,clone,clone3,' +
  '?fork,?vfork,connect,bind,sendto,write,writev,pwrite64,pwritev,sendfile,copy_file_range';

/** The observable effects of one run. */
export interface Effects {
  readonly read: string[];
  readonly written: Record<string, number>;
  readonly removed: string[];
  readonly renamed: string[];
  readonly madeDirs: string[];
  readonly processes: string[];
  readonly network: string[];
  readonly exitStatus: number | null;
}

export interface TraceContext {
  /** The run's working folder: paths inside it become `./relative`. */
  readonly cwd: string;
  /** Path prefixes that belong to the runtime or the program itself (never effects). */
  readonly ignore: readonly string[];
  /**
   * Programs a shell script computes with (`dirname`, `sed`): starting them, or a subshell that starts
   * nothing else, is how the shell works, not an effect. What they read and write still counts.
   */
  readonly helpers?: ReadonlySet<string>;
}

/**
 * The utilities shell scripts compute values with; starting one changes nothing outside its output. The
 * gettext tools are here too: a script that translates its messages (`gettext`, `eval_gettext` through
 * `envsubst`) prints them, as the converted program does without starting anything. So are the file
 * utilities whose every change is a traced call (`mv` a rename, `rm` an unlink, `cp` reads and writes,
 * `mkdir`, `rmdir`): the change is compared as the file effect it is, so a translation that renames the
 * file itself (`std::fs::rename`) is the same program as a script that runs `mv`.
 */
export const SHELL_HELPERS: ReadonlySet<string> = new Set([
  '[',
  'awk',
  'basename',
  'cat',
  'cp',
  'cut',
  'date',
  'dirname',
  'echo',
  'env',
  'envsubst',
  'expr',
  'false',
  'gawk',
  'gettext',
  'grep',
  'head',
  'id',
  'ls',
  'mawk',
  'mkdir',
  'mv',
  'ngettext',
  'printf',
  'pwd',
  'readlink',
  'realpath',
  'rm',
  'rmdir',
  'sed',
  'seq',
  'sort',
  'tail',
  'test',
  'tr',
  'true',
  'uname',
  'uniq',
  'wc',
  'which',
]);

/** Folders every program touches while starting: loader, libc, locale, kernel views. */
export const SYSTEM_PREFIXES = [
  '/usr/',
  '/lib/',
  '/lib64/',
  '/etc/',
  '/proc/',
  '/sys/',
  '/dev/',
  '/run/',
  '/var/lib/',
];

interface Call {
  readonly pid: number;
  readonly name: string;
  readonly args: string;
  readonly ret: string;
  readonly decoration: string | undefined;
}

const CALL = /^(\d+)\s+(\w+)\((.*)\)\s+=\s+(-?\d+|\?)(?:<(.*)>)?/;
const EXITED = /^(\d+)\s+\+\+\+ (?:exited with (\d+)|killed by (\w+))/;

function joinResumed(lines: readonly string[]): string[] {
  const pending = new Map<string, string>();
  const out: string[] = [];
  for (const line of lines) {
    const unfinished = /^(\d+)\s+(.*) <unfinished \.\.\.>$/.exec(line);
    if (unfinished) {
      pending.set(unfinished[1]!, `${unfinished[1]}  ${unfinished[2]}`);
      continue;
    }
    const resumed = /^(\d+)\s+<\.\.\. \w+ resumed>(.*)$/.exec(line);
    if (resumed) {
      out.push(`${pending.get(resumed[1]!) ?? ''}${resumed[2]}`);
      pending.delete(resumed[1]!);
    } else out.push(line);
  }
  return out;
}

function unquote(text: string): string {
  return text.replace(/\\x([0-9a-f]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

function dirOf(dirfd: string, cwd: string): string {
  return /<([^>]*)>/.exec(dirfd)?.[1] ?? cwd;
}

function absolute(path: string, base: string): string {
  return path.startsWith('/') ? path : `${base.replace(/\/$/, '')}/${path.replace(/^\.\//, '')}`;
}

/** Makes a path comparable between runs, or undefined when it is runtime noise. */
export function normalizePath(path: string, context: TraceContext): string | undefined {
  const clean = path.replace(/\/+$/, '');
  if (clean === context.cwd) return '.';
  if (clean.startsWith(`${context.cwd}/`)) return `./${clean.slice(context.cwd.length + 1)}`;
  if (clean.includes('/__pycache__/') || clean.endsWith('.pyc')) return undefined;
  const noise = [...SYSTEM_PREFIXES, ...context.ignore];
  if (
    noise.some(
      (prefix) =>
        clean === prefix.replace(/\/$/, '') || clean.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`),
    )
  ) {
    return undefined;
  }
  return clean;
}

function pathArgs(args: string): string[] {
  return [...args.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => unquote(m[1]!));
}

/** A process event in log order: a fork (with the child's pid) or a program started by `pid`. */
type ProcessEvent = { readonly fork: number } | { readonly pid: number; readonly exec: string };

interface Acc {
  read: Set<string>;
  written: Map<string, number>;
  removed: Set<string>;
  renamed: string[];
  madeDirs: Set<string>;
  processes: ProcessEvent[];
  network: string[];
}

function recordOpen(call: Call, context: TraceContext, acc: Acc): void {
  if (call.decoration === undefined || Number(call.ret) < 0 || call.args.includes('O_DIRECTORY')) return;
  const path = normalizePath(call.decoration, context);
  if (path === undefined) return;
  if (call.name === 'creat' || /O_WRONLY|O_RDWR|O_CREAT/.test(call.args)) {
    acc.written.set(path, acc.written.get(path) ?? 0);
  } else acc.read.add(path);
}

function recordWrite(call: Call, context: TraceContext, acc: Acc): void {
  const fds = [...call.args.matchAll(/(?:^|, )(\d+)<([^>]*)>/g)];
  const target = call.name === 'copy_file_range' ? fds[1] : fds[0];
  if (target === undefined || Number(call.ret) <= 0) return;
  const path = normalizePath(target[2]!, context);
  if (path !== undefined && !path.includes(':['))
    acc.written.set(path, (acc.written.get(path) ?? 0) + Number(call.ret));
}

function recordPaths(call: Call, context: TraceContext, acc: Acc): void {
  if (Number(call.ret) < 0) return;
  const dirfds = [...call.args.matchAll(/(AT_FDCWD|\d+)(<[^>]*>)?, "/g)].map((m) =>
    dirOf(m[2] ?? '', context.cwd),
  );
  const paths = pathArgs(call.args).map((p, i) =>
    normalizePath(absolute(p, dirfds[i] ?? context.cwd), context),
  );
  if (/^(unlink|unlinkat|rmdir)$/.test(call.name) && paths[0] !== undefined) acc.removed.add(paths[0]);
  else if (call.name.startsWith('rename') && (paths[0] !== undefined || paths[1] !== undefined)) {
    acc.renamed.push(`${paths[0] ?? '(runtime)'} -> ${paths[1] ?? '(runtime)'}`);
  } else if (call.name.startsWith('mkdir') && paths[0] !== undefined) acc.madeDirs.add(paths[0]);
}

function recordCall(call: Call, context: TraceContext, acc: Acc, first: { execs: number }): void {
  const { name } = call;
  if (name === 'open' || name === 'openat' || name === 'creat') recordOpen(call, context, acc);
  else if (/^(write|writev|pwrite64|pwritev|sendfile|copy_file_range)$/.test(name))
    recordWrite(call, context, acc);
  else if (/^(unlink|unlinkat|rmdir|rename|renameat|renameat2|mkdir|mkdirat)$/.test(name))
    recordPaths(call, context, acc);
  else if (name === 'execve' && Number(call.ret) === 0) {
    first.execs++;
    const program = (pathArgs(call.args)[0] ?? '?').split('/').pop()!;
    if (first.execs > 1) acc.processes.push({ pid: call.pid, exec: program });
  } else if ((name === 'clone' || name === 'clone3') && !call.args.includes('CLONE_THREAD')) {
    if (Number(call.ret) > 0) acc.processes.push({ fork: Number(call.ret) });
  } else if ((name === 'fork' || name === 'vfork') && Number(call.ret) > 0)
    acc.processes.push({ fork: Number(call.ret) });
  else if (name === 'connect' || name === 'bind' || name === 'sendto') {
    const family = /sa_family=(AF_\w+)/.exec(call.args)?.[1];
    if (family !== undefined && family !== 'AF_UNIX') {
      const addr = /inet_(?:addr|pton)\([^"]*"([^"]+)"/.exec(call.args)?.[1] ?? '';
      const port = /htons\((\d+)\)/.exec(call.args)?.[1] ?? '';
      acc.network.push(`${name} ${family} ${addr}:${port}`);
    }
  }
}

/** Parses an strace log and returns the effects; the first pid in the log is the program itself. */
export function reduceTrace(log: string, context: TraceContext): Effects {
  const acc: Acc = {
    read: new Set(),
    written: new Map(),
    removed: new Set(),
    renamed: [],
    madeDirs: new Set(),
    processes: [],
    network: [],
  };
  let mainPid: number | undefined;
  let exitStatus: number | null = null;
  const first = { execs: 0 };
  for (const line of joinResumed(log.split('\n'))) {
    const exited = EXITED.exec(line);
    if (exited) {
      if (Number(exited[1]) === mainPid) exitStatus = exited[2] === undefined ? null : Number(exited[2]);
      continue;
    }
    const m = CALL.exec(line);
    if (!m) continue;
    mainPid ??= Number(m[1]);
    recordCall(
      { pid: Number(m[1]), name: m[2]!, args: m[3]!, ret: m[4]!, decoration: m[5] },
      context,
      acc,
      first,
    );
  }
  return {
    read: [...acc.read].sort(),
    written: Object.fromEntries([...acc.written].sort(([a], [b]) => a.localeCompare(b))),
    removed: [...acc.removed].sort(),
    renamed: acc.renamed,
    madeDirs: [...acc.madeDirs].sort(),
    processes: programsStarted(acc.processes, context.helpers),
    network: acc.network,
    exitStatus,
  };
}

/**
 * The events with each fork before what its child does: strace logs a vfork (or a clone that waits for the
 * child, as posix_spawn's) as resumed only after the child's exec, or before it, as the processes happen to
 * run, and the same program must not read as another.
 */
function forksFirst(events: readonly ProcessEvent[]): ProcessEvent[] {
  const forkOf = new Map<number, ProcessEvent>();
  for (const e of events) if ('fork' in e) forkOf.set(e.fork, e);
  const placed = new Set<ProcessEvent>();
  const out: ProcessEvent[] = [];
  for (const e of events) {
    const fork = 'exec' in e ? forkOf.get(e.pid) : e;
    if (fork !== undefined && !placed.has(fork)) {
      placed.add(fork);
      out.push(fork);
    }
    if ('exec' in e) out.push(e);
  }
  return out;
}

/** The process events as `fork` and `exec NAME`, without a shell's helpers and bare subshells. */
function programsStarted(logged: readonly ProcessEvent[], helpers?: ReadonlySet<string>): string[] {
  const events = forksFirst(logged);
  const started = new Set<number>();
  for (const e of events) if ('exec' in e && !helpers?.has(e.exec)) started.add(e.pid);
  return events.flatMap((e) => {
    if ('exec' in e) return helpers?.has(e.exec) ? [] : [`exec ${e.exec}`];
    return helpers === undefined || started.has(e.fork) ? ['fork'] : [];
  });
}

function listDiff(label: string, a: readonly string[], b: readonly string[]): string[] {
  const onlyA = a.filter((x) => !b.includes(x));
  const onlyB = b.filter((x) => !a.includes(x));
  const out: string[] = [];
  if (onlyA.length > 0) out.push(`${label}: only the original: ${onlyA.join(', ')}`);
  if (onlyB.length > 0) out.push(`${label}: only the converted: ${onlyB.join(', ')}`);
  return out;
}

/** Each way the converted program's effects differ from the original's, one sentence per difference. */
export function compareEffects(original: Effects, converted: Effects): string[] {
  const out: string[] = [];
  out.push(...listDiff('files read', original.read, converted.read));
  const files = [...new Set([...Object.keys(original.written), ...Object.keys(converted.written)])].sort();
  for (const file of files) {
    const a = original.written[file];
    const b = converted.written[file];
    if (a === b) continue;
    if (a === undefined) out.push(`file ${file}: written only by the converted program (${b} bytes)`);
    else if (b === undefined) out.push(`file ${file}: written only by the original program (${a} bytes)`);
    else out.push(`file ${file}: original wrote ${a} bytes, converted ${b}`);
  }
  out.push(...listDiff('files removed', original.removed, converted.removed));
  out.push(...listDiff('renames', original.renamed, converted.renamed));
  out.push(...listDiff('folders made', original.madeDirs, converted.madeDirs));
  if (original.processes.join() !== converted.processes.join()) {
    out.push(
      `processes: original [${original.processes.join(', ')}], converted [${converted.processes.join(', ')}]`,
    );
  }
  out.push(...listDiff('network', original.network, converted.network));
  if (original.exitStatus !== converted.exitStatus) {
    out.push(`exit status under strace: original ${original.exitStatus}, converted ${converted.exitStatus}`);
  }
  return out;
}
