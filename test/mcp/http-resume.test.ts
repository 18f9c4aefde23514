/**
 * A 2025-era client whose stream drops in the middle of a long tool reconnects with Last-Event-ID and gets
 * the rest, the result included (the session's event log, mcp/event-store.ts), over raw HTTP.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { HTTP_DEFAULTS, type RunningHttpServer, serveHttp } from '../../mcp/http.js';
import { createAllowedRoots } from '../../mcp/roots.js';
import { createServer } from '../../mcp/server.js';
import { fakeDeps } from './fakes.js';

const HEADERS = {
  'Content-Type': 'application/json',
  Accept: 'application/json, text/event-stream',
  'MCP-Protocol-Version': '2025-11-25',
};

interface SseEvent {
  readonly id: string | undefined;
  readonly data: string;
}

/** Reads SSE events from a response until `stop` says so; the reader is left open for the caller. */
async function readEvents(response: Response, stop: (event: SseEvent) => boolean): Promise<SseEvent[]> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const events: SseEvent[] = [];
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return events;
    buffer += decoder.decode(value, { stream: true });
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      const lines = buffer.slice(0, end).split('\n');
      buffer = buffer.slice(end + 2);
      const id = lines
        .find((line) => line.startsWith('id:'))
        ?.slice(3)
        .trim();
      const data = lines
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).trim())
        .join('\n');
      const event = { id, data };
      events.push(event);
      if (stop(event)) {
        await reader.cancel();
        return events;
      }
      end = buffer.indexOf('\n\n');
    }
  }
}

describe('resuming a dropped stream (2025-11-25 sessions)', () => {
  let running: RunningHttpServer | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  it('replays the progress and the result a client missed after it reconnects with Last-Event-ID', async () => {
    const deps = fakeDeps(createAllowedRoots([process.cwd()], process.cwd()));
    let release: () => void = () => {};
    const released = new Promise<void>((done) => {
      release = done;
    });
    const indexFolder: NonNullable<NonNullable<typeof deps.docs>['indexFolder']> = async (
      _folder,
      name,
      control,
    ) => {
      control.onProgress(0.25, 'reading');
      await released;
      control.onProgress(0.75, 'embedding');
      return { collection: name, added: 2, updated: 0, removed: 0, unchanged: 0, chunks: 4 };
    };
    running = await serveHttp({
      ...HTTP_DEFAULTS,
      port: 0,
      token: null,
      createServer: () => createServer({ ...deps, docs: { ...deps.docs!, indexFolder } }),
      log: () => {},
    });
    const url = running.url;
    const init = await fetch(url, {
      method: 'POST',
      headers: HEADERS,
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: {
          protocolVersion: '2025-11-25',
          capabilities: {},
          clientInfo: { name: 'raw', version: '1' },
        },
      }),
    });
    const session = init.headers.get('mcp-session-id')!;
    await init.text();
    const inSession = { ...HEADERS, 'Mcp-Session-Id': session };
    await fetch(url, {
      method: 'POST',
      headers: inSession,
      body: JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }),
    });
    const call = await fetch(url, {
      method: 'POST',
      headers: inSession,
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 2,
        method: 'tools/call',
        params: {
          name: 'index_collection',
          arguments: { folder: 'test/fixtures', name: 'fixture' },
          _meta: { progressToken: 'p' },
        },
      }),
    });
    const before = await readEvents(call, (event) => event.data.includes('notifications/progress'));
    const lastSeen = before.at(-1)!.id!;
    expect(before[0]!.data).toBe('');
    // Like a real client after the stream's `retry` interval: until the server has seen the first
    // connection close, the stream still has a reader and a second one is refused (409).
    const reconnect = () =>
      fetch(url, { headers: { ...inSession, Accept: 'text/event-stream', 'Last-Event-ID': lastSeen } });
    let resumed = await reconnect();
    while (resumed.status === 409) {
      await resumed.text();
      await new Promise((done) => setTimeout(done, 50));
      resumed = await reconnect();
    }
    expect(resumed.status).toBe(200);
    release();
    const after = await readEvents(resumed, (event) => event.data.includes('"id":2'));
    const messages = after.filter((event) => event.data !== '').map((event) => JSON.parse(event.data));
    expect(messages[0]).toMatchObject({ method: 'notifications/progress', params: { progress: 75 } });
    expect(messages.at(-1)).toMatchObject({
      id: 2,
      result: { structuredContent: { collection: 'fixture', added: 2 } },
    });
  });
});
