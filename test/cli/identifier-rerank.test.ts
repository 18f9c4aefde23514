/**
 * Identifiers in the reranker's features through the built CLI: a natural question asks in words that the
 * API page writes only inside names (`request_finished`, `template_rendered`). The reranker reads those
 * names as their words, so it keeps the API page first; reading them whole (main before this change), it
 * put the prose page whose everyday words ("each time", "page", "code") match the question above it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallCollection } from './small-collection.js';

const DOCS = {
  'signals.md':
    '# Signals\n\n`request_finished` is sent right after the response is built. `template_rendered` is sent when a template\nis done; receivers get the template and its context. `got_request_exception` is sent when an exception\nhappens during handling.\n',
  'security.md':
    '# Security\n\nEach time the browser asks for a page, your code should check the headers it sends back: cookies,\nsessions and the content type. Be told by the browser what it accepts, and collect what it reports.\n',
  'garden.md':
    '# Garden notes\n\nWater the tomatoes in the morning and keep the soil loose. Mulch keeps moisture in the beds.\n',
};

interface Result {
  readonly source: string;
  readonly explain?: { readonly rerank?: number };
}

describe('identifiers read as words by the reranker, in the built CLI', () => {
  const docs = smallCollection('batuta-identifiers-', DOCS);
  const ask = (question: string, ...flags: string[]) => docs.ask<Result>(question, '--explain', ...flags);
  beforeAll(() => docs.index());
  afterAll(() => docs.remove());

  it('keeps the API page that names the signals above the prose page', () => {
    const question = 'How can my code be told each time a request is finished or a template is rendered?';
    expect(ask(question, '--no-rerank')[0]?.source).toBe('signals.md');
    const reranked = ask(question);
    expect(reranked.map((r) => r.source)).toEqual(['signals.md', 'security.md', 'garden.md']);
    const score = (source: string) => reranked.find((r) => r.source === source)?.explain?.rerank;
    expect(score('signals.md')).toBeGreaterThan(score('security.md')!);
  });
});
