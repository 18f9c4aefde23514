/**
 * A bare JSON-RPC client over the built `batuta mcp`'s stdio, one JSON message a line, for what the SDK
 * client cannot say: a 2026-07-28 task call (it refuses a `resultType: "task"` answer). Requests carry the
 * per-request envelope of wire-client.ts.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { envelope, type WireAnswer } from './wire-client.js';

export interface StdioWire {
  /** Sends one 2026-07-28 request (declaring the tasks extension or not) and resolves with its answer. */
  request(method: string, params: Record<string, unknown>, withTasks?: boolean): Promise<WireAnswer>;
  close(): void;
}

/** Starts `node bin mcp` in `cwd` with `env`, and talks to it line by line. */
export function stdioWire(bin: string, cwd: string, env: Record<string, string>): StdioWire {
  const child: ChildProcess = spawn(process.execPath, [bin, 'mcp'], {
    cwd,
    env,
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  const waiting = new Map<number, (answer: WireAnswer) => void>();
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const message = JSON.parse(line) as WireAnswer & { id?: number };
    if (typeof message.id === 'number') waiting.get(message.id)?.(message);
  });
  let next = 0;
  return {
    request: (method, params, withTasks = true) =>
      new Promise((done) => {
        const id = ++next;
        waiting.set(id, done);
        const message = { jsonrpc: '2.0', id, method, params: { ...params, _meta: envelope(withTasks) } };
        child.stdin!.write(`${JSON.stringify(message)}\n`);
      }),
    close: () => {
      child.stdin!.end();
    },
  };
}
