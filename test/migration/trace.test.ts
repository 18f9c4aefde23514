import { describe, expect, it } from 'vitest';
import { compareEffects, normalizePath, reduceTrace, SHELL_HELPERS } from '../../src/migration/trace.js';

const CONTEXT = { cwd: '/tmp/run-1', ignore: ['/opt/py', '/home/me/project'] };

const PYTHON_LOG = [
  '100  execve("/opt/py/bin/python3", [...], 0x7ffd /* 20 vars */) = 0',
  '100  openat(AT_FDCWD</tmp/run-1>, "/etc/ld.so.cache", O_RDONLY|O_CLOEXEC) = 3</etc/ld.so.cache>',
  '100  openat(AT_FDCWD</tmp/run-1>, "/opt/py/lib/python3.11/os.py", O_RDONLY|O_CLOEXEC) = 3</opt/py/lib/python3.11/os.py>',
  '100  openat(AT_FDCWD</tmp/run-1>, "/home/me/project/main.py", O_RDONLY) = 3</home/me/project/main.py>',
  '100  openat(AT_FDCWD</tmp/run-1>, "in.txt", O_RDONLY|O_CLOEXEC) = 3</tmp/run-1/in.txt>',
  '100  openat(AT_FDCWD</tmp/run-1>, "missing.txt", O_RDONLY) = -1 ENOENT (No such file or directory)',
  '100  openat(AT_FDCWD</tmp/run-1>, "out.txt", O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC, 0666) = 3</tmp/run-1/out.txt>',
  '100  write(3</tmp/run-1/out.txt>, ""..., 7 <unfinished ...>',
  '101  clone3({flags=CLONE_VM|CLONE_THREAD, exit_signal=0}, 88) = 101',
  '100  <... write resumed>) = 7',
  '100  write(1<pipe:[555]>, ""..., 12) = 12',
  '100  unlinkat(AT_FDCWD</tmp/run-1>, "old.txt", 0) = 0',
  '100  mkdirat(AT_FDCWD</tmp/run-1>, "cache", 0777) = 0',
  '100  connect(4<socket:[9]>, {sa_family=AF_INET, sin_port=htons(443), sin_addr=inet_addr("10.0.0.1")}, 16) = 0',
  '100  connect(5<socket:[10]>, {sa_family=AF_UNIX, sun_path="/run/nscd/socket"}, 110) = -1 ENOENT',
  '100  +++ exited with 0 +++',
].join('\n');

const RUST_LOG = [
  '200  execve("/home/me/project/.batuta/workspace/target/debug/main", [...], 0x7ffd /* 20 vars */) = 0',
  '200  openat(AT_FDCWD</tmp/run-1>, "/lib/x86_64-linux-gnu/libc.so.6", O_RDONLY|O_CLOEXEC) = 3</usr/lib/x86_64-linux-gnu/libc.so.6>',
  '200  openat(AT_FDCWD</tmp/run-1>, "in.txt", O_RDONLY|O_CLOEXEC) = 3</tmp/run-1/in.txt>',
  '200  openat(AT_FDCWD</tmp/run-1>, "out.txt", O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC, 0666) = 3</tmp/run-1/out.txt>',
  '200  write(3</tmp/run-1/out.txt>, ""..., 5) = 5',
  '200  clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|SIGCHLD, child_tidptr=0x7f) = 201',
  '201  execve("/usr/bin/sort", [...], 0x7ffd /* 20 vars */) = 0',
  '200  +++ exited with 1 +++',
].join('\n');

describe('reduceTrace', () => {
  it('keeps the observable effects and drops runtime start-up noise', () => {
    expect(reduceTrace(PYTHON_LOG, CONTEXT)).toEqual({
      read: ['./in.txt'],
      written: { './out.txt': 7 },
      removed: ['./old.txt'],
      renamed: [],
      madeDirs: ['./cache'],
      processes: [],
      network: ['connect AF_INET 10.0.0.1:443'],
      exitStatus: 0,
    });
  });

  it('sees spawned programs, forks and the exit status of the first process', () => {
    const effects = reduceTrace(RUST_LOG, CONTEXT);
    expect(effects.processes).toEqual(['fork', 'exec sort']);
    expect(effects.exitStatus).toBe(1);
    expect(effects.written).toEqual({ './out.txt': 5 });
  });

  it('does not count the helpers and subshells a shell script computes with as programs it starts', () => {
    const log = [
      '300  execve("/usr/bin/bash", ["bash", "/home/me/project/bin/greet"], 0x7ffd /* 20 vars */) = 0',
      '300  clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|SIGCHLD, child_tidptr=0x7f) = 301',
      '301  execve("/usr/bin/dirname", ["dirname", "bin/greet"], 0x7ffd /* 20 vars */) = 0',
      '301  +++ exited with 0 +++',
      '300  clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|SIGCHLD, child_tidptr=0x7f) = 302',
      '302  +++ exited with 0 +++',
      '300  clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|SIGCHLD, child_tidptr=0x7f) = 303',
      '303  execve("/usr/bin/git", ["git", "status"], 0x7ffd /* 20 vars */) = 0',
      '303  openat(AT_FDCWD</tmp/run-1>, "notes.txt", O_RDONLY) = 3</tmp/run-1/notes.txt>',
      '300  +++ exited with 0 +++',
    ].join('\n');
    const shell = reduceTrace(log, { ...CONTEXT, helpers: new Set(['dirname']) });
    expect(shell.processes).toEqual(['fork', 'exec git']);
    expect(shell.read).toEqual(['./notes.txt']);
    expect(reduceTrace(log, CONTEXT).processes).toEqual(['fork', 'exec dirname', 'fork', 'fork', 'exec git']);
  });

  it('counts a utility the program replaces itself with on neither side: sotruss\'s `exec "$@"` and a translation\'s exec', () => {
    const exec = (first: string) =>
      [
        `400  execve("${first}", ["wrap"], 0x7ffd /* 20 vars */) = 0`,
        '400  execve("/bin/echo", ["/bin/echo", "hi"], 0x7ffd /* 20 vars */) = 0',
        '400  +++ exited with 0 +++',
      ].join('\n');
    const helpers = { ...CONTEXT, helpers: SHELL_HELPERS };
    expect(reduceTrace(exec('/usr/bin/dash'), helpers).processes).toEqual([]);
    // The converted program's trace read with the original's helpers, as validation compares the two.
    expect(
      reduceTrace(exec('/home/me/project/.batuta/runs/programs/wrap/wrap.sh'), helpers).processes,
    ).toEqual([]);
    expect(reduceTrace(exec('/usr/bin/dash'), CONTEXT).processes).toEqual(['exec echo']);
  });

  it('does not count the gettext tools a script translates its messages with (git-sh-i18n)', () => {
    const log = [
      '300  execve("/usr/bin/sh", ["sh", "/home/me/project/hail"], 0x7ffd /* 20 vars */) = 0',
      '300  clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|SIGCHLD, child_tidptr=0x7f) = 301',
      '301  execve("/usr/bin/gettext", ["gettext", "hail"], 0x7ffd /* 20 vars */) = 0',
      '301  +++ exited with 0 +++',
      '300  clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|SIGCHLD, child_tidptr=0x7f) = 302',
      '302  execve("/usr/bin/envsubst", ["envsubst", "$name"], 0x7ffd /* 20 vars */) = 0',
      '302  +++ exited with 0 +++',
      '300  clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|SIGCHLD, child_tidptr=0x7f) = 303',
      '303  execve("/usr/bin/git", ["git", "rev-parse", "--git-dir"], 0x7ffd /* 20 vars */) = 0',
      '300  +++ exited with 0 +++',
    ].join('\n');
    expect(reduceTrace(log, { ...CONTEXT, helpers: SHELL_HELPERS }).processes).toEqual(['fork', 'exec git']);
  });

  it("does not count the file utilities a script moves and removes files with (zforce's mv), but what they do", () => {
    const log = [
      '300  execve("/usr/bin/sh", ["sh", "/home/me/project/zforce"], 0x7ffd /* 20 vars */) = 0',
      '300  clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|SIGCHLD, child_tidptr=0x7f) = 301',
      '301  execve("/usr/bin/mv", ["mv", "packed", "packed.gz"], 0x7ffd /* 20 vars */) = 0',
      '301  renameat2(AT_FDCWD</tmp/run-1>, "packed", AT_FDCWD</tmp/run-1>, "packed.gz", RENAME_NOREPLACE) = 0',
      '301  +++ exited with 0 +++',
      '300  clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|SIGCHLD, child_tidptr=0x7f) = 302',
      '302  execve("/usr/bin/rm", ["rm", "-f", "old"], 0x7ffd /* 20 vars */) = 0',
      '302  unlinkat(AT_FDCWD</tmp/run-1>, "old", 0) = 0',
      '302  +++ exited with 0 +++',
      '300  +++ exited with 0 +++',
    ].join('\n');
    const shell = reduceTrace(log, { ...CONTEXT, helpers: SHELL_HELPERS });
    expect(shell.processes).toEqual([]);
    expect(shell.renamed).toEqual(['./packed -> ./packed.gz']);
    expect(shell.removed).toEqual(['./old']);
  });

  it("puts a fork before its child's exec however strace interleaves them (vfork: the child runs first)", () => {
    const vfork = [
      '400  execve("/opt/py/bin/python3", ["python3", "routel"], 0x7ffd /* 20 vars */) = 0',
      '400  vfork( <unfinished ...>',
      '401  execve("/usr/sbin/ip", ["ip", "-j", "route"], 0x7ffd /* 20 vars */) = 0',
      '400  <... vfork resumed>) = 401',
      '401  +++ exited with 0 +++',
      '400  +++ exited with 0 +++',
    ].join('\n');
    const inOrder = [
      '500  execve("/home/me/project/.batuta/runs/programs/routel/routel", ["routel"], 0x7ffd /* 20 vars */) = 0',
      '500  clone3({flags=CLONE_VM|CLONE_VFORK, exit_signal=SIGCHLD}, 88) = 501',
      '501  execve("/usr/sbin/ip", ["ip", "-j", "route"], 0x7ffd /* 20 vars */) = 0',
      '500  +++ exited with 0 +++',
    ].join('\n');
    expect(reduceTrace(vfork, CONTEXT).processes).toEqual(['fork', 'exec ip']);
    expect(reduceTrace(inOrder, CONTEXT).processes).toEqual(['fork', 'exec ip']);
  });

  it('counts writes through a redirected standard output as writes to that file', () => {
    const log = '300  write(1</tmp/run-1/count.txt>, "3\\n", 2) = 2\n300  +++ exited with 0 +++';
    expect(reduceTrace(log, CONTEXT).written).toEqual({ './count.txt': 2 });
  });
});

describe('normalizePath', () => {
  it('relativises run-folder paths and drops runtime paths', () => {
    expect(normalizePath('/tmp/run-1/a/b.txt', CONTEXT)).toBe('./a/b.txt');
    expect(normalizePath('/usr/lib/x.so', CONTEXT)).toBeUndefined();
    expect(normalizePath('/opt/py/lib/site.py', CONTEXT)).toBeUndefined();
    expect(normalizePath('/opt/python-other/x', CONTEXT)).toBe('/opt/python-other/x');
    expect(normalizePath('/tmp/run-1/__pycache__/m.cpython-311.pyc', CONTEXT)).toBe(
      './__pycache__/m.cpython-311.pyc',
    );
  });
});

describe('compareEffects', () => {
  it('names each difference precisely', () => {
    const diffs = compareEffects(reduceTrace(PYTHON_LOG, CONTEXT), reduceTrace(RUST_LOG, CONTEXT));
    expect(diffs).toContain('file ./out.txt: original wrote 7 bytes, converted 5');
    expect(diffs).toContain('files removed: only the original: ./old.txt');
    expect(diffs).toContain('processes: original [], converted [fork, exec sort]');
    expect(diffs).toContain('exit status under strace: original 0, converted 1');
  });

  it('reports nothing for identical effects', () => {
    const effects = reduceTrace(PYTHON_LOG, CONTEXT);
    expect(compareEffects(effects, effects)).toEqual([]);
  });
});
