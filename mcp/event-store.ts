/**
 * Resumable streams for 2025-era HTTP sessions: every message the server sends on a session's SSE streams
 * is kept, with an id, in a bounded in-memory log, so a client whose connection drops in the middle of a
 * long tool (a transpile, an indexing run) reconnects with `Last-Event-ID` and receives what it missed,
 * the result included. One log per session, dropped with the session; the oldest events go first once the
 * log holds `maxBytes` of messages, and an id that has gone is refused (the client then retries the call).
 */
import type { EventStore, JSONRPCMessage } from '@modelcontextprotocol/server';

interface StoredEvent {
  readonly id: string;
  readonly streamId: string;
  readonly message: JSONRPCMessage;
  readonly bytes: number;
}

/** Default bound of one session's log: enough for every progress report and result of a long call. */
export const EVENT_LOG_BYTES = 4 * 1_048_576;

/** Creates one session's event log. */
export function createEventStore(maxBytes = EVENT_LOG_BYTES): EventStore {
  const events: StoredEvent[] = [];
  let bytes = 0;
  let sequence = 0;
  const find = (id: string) => events.findIndex((event) => event.id === id);
  return {
    async storeEvent(streamId, message) {
      sequence += 1;
      const event = { id: `${sequence}`, streamId, message, bytes: JSON.stringify(message).length };
      events.push(event);
      bytes += event.bytes;
      while (bytes > maxBytes && events.length > 1) bytes -= events.shift()!.bytes;
      return event.id;
    },
    async getStreamIdForEventId(id) {
      return events[find(id)]?.streamId;
    },
    async replayEventsAfter(lastEventId, { send }) {
      const at = find(lastEventId);
      const streamId = events[at]?.streamId ?? '';
      if (at < 0) return streamId;
      for (const event of events.slice(at + 1)) {
        if (event.streamId === streamId) await send(event.id, event.message);
      }
      return streamId;
    },
  };
}
