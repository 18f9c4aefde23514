/**
 * Integration routes: the direct pattern when there is one, else the shortest chain along the flow,
 * else a chain that ignores direction and says so, else none. Built on a hand-made line of components
 * (a -> b -> c <- d, e alone) so each case has one right answer.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BatutaError } from '../../src/errors.js';
import { createKnowledgeGraph } from '../../src/knowledge/graph.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { findIntegrationRoute } from '../../src/knowledge/path.js';
import type { Integration, Knowledge } from '../../src/knowledge/schema.js';

const small = loadKnowledge(join(import.meta.dirname, '../fixtures/knowledge-small'), { snapshot: null });
const base = small.components[0];
if (base === undefined) throw new Error('fixture has no component');

const link = (from: string, to: string, pattern: string): Integration => ({
  from,
  to,
  pattern,
  description: `${from} hands its output to ${to}.`,
});

const line: Knowledge = {
  ...small,
  components: ['alpha', 'beta', 'gamma', 'delta', 'epsilon'].map((name) => ({
    ...base,
    name,
    display: name.toUpperCase(),
  })),
  integrations: [
    link('alpha', 'beta', 'first step'),
    link('beta', 'gamma', 'second step'),
    link('delta', 'gamma', 'side input'),
    link('alpha', 'gamma', 'shortcut'),
  ],
  recipes: [],
};
const kg = createKnowledgeGraph(line);

describe('findIntegrationRoute', () => {
  it('returns the direct pattern when there is one', () => {
    const route = findIntegrationRoute(kg, 'alpha', 'beta');
    expect(route.mode).toBe('direct');
    expect(route.direct.map((i) => i.pattern)).toEqual(['first step']);
    expect(route.hops).toHaveLength(1);
  });

  it('follows the flow when there is no direct pattern', () => {
    const noShortcut = createKnowledgeGraph({
      ...line,
      integrations: line.integrations.filter((i) => i.pattern !== 'shortcut'),
    });
    const route = findIntegrationRoute(noShortcut, 'Alpha', 'GAMMA');
    expect(route.mode).toBe('directed');
    expect(route.direct).toEqual([]);
    expect(route.hops.map((h) => [h.from, h.to, h.reversed])).toEqual([
      ['alpha', 'beta', false],
      ['beta', 'gamma', false],
    ]);
    for (const h of route.hops) expect(h.explanation).toContain(h.integration.pattern);
  });

  it('falls back to ignoring direction and marks the hops walked against the flow', () => {
    const route = findIntegrationRoute(kg, 'beta', 'delta');
    expect(route.mode).toBe('undirected');
    expect(route.hops.map((h) => [h.from, h.to, h.reversed])).toEqual([
      ['beta', 'gamma', false],
      ['gamma', 'delta', true],
    ]);
    expect(route.hops[1]?.integration.pattern).toBe('side input');
  });

  it('says there is no route to a component without integrations', () => {
    const route = findIntegrationRoute(kg, 'alpha', 'epsilon');
    expect(route.mode).toBe('none');
    expect(route.hops).toEqual([]);
  });

  it('rejects the same component twice and unknown names', () => {
    const same = (() => {
      try {
        findIntegrationRoute(kg, 'alpha', 'ALPHA');
      } catch (error) {
        return error as BatutaError;
      }
      return null;
    })();
    expect(same?.code).toBe('INVALID_INPUT');
    expect(() => findIntegrationRoute(kg, 'alpha', 'omega')).toThrow(/omega/);
  });
});

describe('routes in the shipped knowledge', () => {
  const shipped = createKnowledgeGraph(loadKnowledge(undefined, { snapshot: null }));

  it('aprender -> realizar is direct', () => {
    const route = findIntegrationRoute(shipped, 'aprender', 'realizar');
    expect(route.mode).toBe('direct');
    expect(route.direct.length).toBeGreaterThan(0);
  });

  it('every multi-hop route is a connected chain from the first name to the second', () => {
    const route = findIntegrationRoute(shipped, 'alimentar', 'trueno-rag');
    expect(route.mode).not.toBe('none');
    expect(route.hops[0]?.from).toBe('alimentar');
    expect(route.hops.at(-1)?.to).toBe('trueno-rag');
    route.hops.forEach((h, i) => {
      if (i > 0) expect(h.from).toBe(route.hops[i - 1]?.to);
      const ends = [h.integration.from, h.integration.to];
      expect(ends.sort()).toEqual([h.from, h.to].sort());
    });
  });
});
