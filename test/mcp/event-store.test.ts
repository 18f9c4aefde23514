import type { JSONRPCMessage } from '@modelcontextprotocol/server';
import { describe, expect, it } from 'vitest';
import { createEventStore } from '../../mcp/event-store.js';

const progress = (n: number): JSONRPCMessage => ({
  jsonrpc: '2.0',
  method: 'notifications/progress',
  params: { progressToken: 1, progress: n, total: 100 },
});

async function replay(store: ReturnType<typeof createEventStore>, after: string) {
  const sent: [string, JSONRPCMessage][] = [];
  const stream = await store.replayEventsAfter(after, {
    send: async (id, message) => {
      sent.push([id, message]);
    },
  });
  return { stream, sent };
}

describe('session event log', () => {
  it('replays what one stream sent after the given event, and nothing of other streams', async () => {
    const store = createEventStore();
    const a1 = await store.storeEvent('a', progress(10));
    await store.storeEvent('b', progress(99));
    const a2 = await store.storeEvent('a', progress(20));
    const a3 = await store.storeEvent('a', { jsonrpc: '2.0', id: 7, result: { content: [] } });
    expect(await store.getStreamIdForEventId?.(a2)).toBe('a');
    const { stream, sent } = await replay(store, a1);
    expect(stream).toBe('a');
    expect(sent.map(([id]) => id)).toEqual([a2, a3]);
    expect(sent[1]![1]).toMatchObject({ id: 7 });
  });

  it('drops the oldest events beyond its byte bound and refuses their ids', async () => {
    const size = JSON.stringify(progress(10)).length;
    const store = createEventStore(size * 3);
    const ids = [];
    for (let n = 10; n < 60; n += 10) ids.push(await store.storeEvent('a', progress(n)));
    expect(await store.getStreamIdForEventId?.(ids[0]!)).toBeUndefined();
    expect(await store.getStreamIdForEventId?.(ids[1]!)).toBeUndefined();
    expect(await store.getStreamIdForEventId?.(ids[2]!)).toBe('a');
    expect((await replay(store, ids[2]!)).sent.map(([id]) => id)).toEqual([ids[3], ids[4]]);
    expect((await replay(store, 'nope')).sent).toEqual([]);
  });
});
