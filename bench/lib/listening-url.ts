/**
 * The URL a `batuta mcp --http` child process serves: it writes "listening on http://…" to stderr once bound
 * (port 0 picks a free one). Shared by the benches and the end-to-end tests that start real servers.
 */
import type { ChildProcess } from 'node:child_process';

/** Resolves with the server's URL once it says it is listening; rejects with its stderr if it exits first. */
export function listeningUrl(child: ChildProcess): Promise<string> {
  let stderr = '';
  return new Promise<string>((done, fail) => {
    child.stderr?.on('data', (data: Buffer) => {
      stderr += data.toString();
      const match = /listening on (http:\/\/\S+)/.exec(stderr);
      if (match) done(match[1]!);
    });
    child.once('exit', (code) => fail(new Error(`server exited ${code}: ${stderr.trim()}`)));
  });
}
