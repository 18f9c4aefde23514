/**
 * Compute advice and problem domains through the built CLI, for the cases a new user tried: browser and
 * WASM targets, clusters, sizes in the unit given, analytics over logs, "what replaces pandas?".
 */
import { describe, expect, it } from 'vitest';
import { createOracleAsker } from './ask-oracle.js';

interface Answer {
  readonly problem: { readonly domains: string[]; readonly components: string[] };
  readonly primary: { readonly component: string; readonly published?: { crate: string } } | null;
  readonly compute: { readonly backend: string; readonly rationale: string } | null;
}

const ask = createOracleAsker<Answer>([]);

describe('batuta oracle compute advice (built CLI)', () => {
  it('falls back to SIMD for a browser or WASM target', async () => {
    expect((await ask('serve a model in the browser via WASM')).compute?.backend).toBe('simd');
    expect((await ask('run a small language model inside the browser tab')).compute?.backend).toBe('simd');
    expect((await ask('vector math on an edge device with an ARM chip')).compute?.backend).toBe('simd');
  });

  it('keeps a GPU in the browser when the question asks for WebGPU', async () => {
    expect((await ask('render charts on the gpu in the browser with webgpu')).compute?.backend).toBe('gpu');
  });

  it('goes distributed for a cluster, several machines or N nodes', async () => {
    for (const q of [
      'train a model on a cluster',
      'fine-tune on 8 GPUs across a cluster',
      'run the simulations on several machines',
      'spread the sweep over 4 nodes',
    ]) {
      const compute = (await ask(q)).compute;
      expect(compute?.backend, q).toBe('distributed');
    }
  });

  it('does not read clustering as a cluster of machines', async () => {
    expect((await ask('cluster 10k customers into groups')).compute?.backend).not.toBe('distributed');
  });

  it('prints sizes in the unit given, with the byte estimate for counts', async () => {
    const gb = await ask('no more pandas, I want something faster for 200 GB of CSV');
    expect(gb.compute?.backend).toBe('distributed');
    expect(gb.compute?.rationale).toContain('200 GB');
    expect(gb.compute?.rationale).toContain('64 GB');
    expect(gb.compute?.rationale).not.toMatch(/BB\b/);
    const tb = await ask('aggregate 2 TB of logs');
    expect(tb.compute?.rationale).toContain('2 TB');
    expect(tb.compute?.rationale).not.toMatch(/BB\b/);
    const rows = await ask('classical ML on 500 million rows');
    expect(rows.compute?.backend).toBe('distributed');
    expect(rows.compute?.rationale).toContain('500 million rows');
    expect(rows.compute?.rationale).toContain('200 GB');
  });

  it('words the size sentence without stray punctuation', async () => {
    const gb = await ask('no more pandas, I want something faster for 200 GB of CSV');
    expect(gb.compute?.rationale).toMatch(/^200 GB is more than one machine's 64 GB of memory: /);
    const tb = await ask('aggregate 2 TB of logs');
    expect(tb.compute?.rationale).toMatch(/^2 TB is more than one machine's 64 GB of memory: /);
    const rows = await ask('classical ML on 500 million rows');
    expect(rows.compute?.rationale).toMatch(
      /^500 million rows is about 200 GB \(about 400 B each\), more than one machine's 64 GB of memory: /,
    );
    for (const a of [gb, tb, rows]) expect(a.compute?.rationale).not.toMatch(/,\s*,|is,/);
  });

  it('does not read analytics over logs as vector search', async () => {
    const logs = await ask('aggregate 2 TB of logs');
    expect(logs.problem.domains).not.toContain('vector-search');
    expect(logs.primary?.component).toBe('trueno-db');
  });

  it('lists only the domains that fit "What replaces pandas?"', async () => {
    const pandas = await ask('What replaces pandas?');
    expect(pandas.primary?.component).toBe('alimentar');
    expect(pandas.problem.domains).not.toContain('security');
    expect(pandas.problem.domains).toContain('data-loading');
  });
});
