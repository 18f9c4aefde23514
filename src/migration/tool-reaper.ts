/**
 * The reaper: one small process per batuta process that runs external programs, started by run-tool.ts
 * with an IPC channel and in a process group of its own (so a terminal's Ctrl-C reaches batuta, not it).
 * batuta tells it the process group of every program it starts and of every one that ended. When batuta
 * goes away without a word (kill -9, a crash), the kernel closes the channel and the reaper kills the groups
 * still listed: a transpiler and whatever it started never outlive the run that started them.
 */
const groups = new Set<number>();

process.on('message', (message: { readonly add?: number; readonly remove?: number }) => {
  if (message.add !== undefined) groups.add(message.add);
  if (message.remove !== undefined) groups.delete(message.remove);
});

// Messages already read are handled before the kill: the last "add" may arrive together with the end.
process.on('disconnect', () =>
  setImmediate(() => {
    for (const group of groups) {
      try {
        process.kill(-group, 'SIGKILL');
      } catch {
        // that group has already ended
      }
    }
    process.exit(0);
  }),
);

process.send?.({ ready: true });
