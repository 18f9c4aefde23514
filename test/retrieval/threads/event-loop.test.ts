import { describe, expect, it } from 'vitest';
import { eventLoopTurns } from '../../../src/retrieval/threads/event-loop.js';

describe('eventLoopTurns', () => {
  it('lets a timer due during a long loop fire before the loop ends', async () => {
    const turn = eventLoopTurns(5);
    let fired = false;
    let firedAt = -1;
    setTimeout(() => {
      fired = true;
    }, 1);
    const end = performance.now() + 60;
    for (let i = 0; performance.now() < end; i++) {
      if (fired && firedAt < 0) firedAt = i;
      await turn();
    }
    expect(firedAt).toBeGreaterThan(0);
  });

  it('does not give a turn before the slice has passed', async () => {
    const turn = eventLoopTurns(10_000);
    let fired = false;
    const timer = setImmediate(() => {
      fired = true;
    });
    for (let i = 0; i < 1000; i++) await turn();
    expect(fired).toBe(false);
    clearImmediate(timer);
  });
});
