/**
 * Long indexing loops run on the thread that also answers searches (`batuta mcp` indexes in-process).
 * They await `turn()` as they go: once `sliceMs` has passed since the last turn, the event loop gets one
 * (pending searches, timers, stdin), otherwise it costs one resolved promise.
 */
export function eventLoopTurns(sliceMs = 20): () => Promise<void> {
  let last = performance.now();
  const resolved = Promise.resolve();
  return () => {
    const now = performance.now();
    if (now - last < sliceMs) return resolved;
    return new Promise((resolve) =>
      setImmediate(() => {
        last = performance.now();
        resolve();
      }),
    );
  };
}
