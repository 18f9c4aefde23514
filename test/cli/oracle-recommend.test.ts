import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = resolve(ROOT, 'dist/src/cli/main.js');
const run = promisify(execFile);
const CACHE = tempDir('batuta-oracle-cache-');

interface Outcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function batuta(...args: string[]): Promise<Outcome> {
  return batutaWith({}, ...args);
}

async function batutaWith(extra: Record<string, string>, ...args: string[]): Promise<Outcome> {
  try {
    const env = { ...process.env, XDG_CACHE_HOME: CACHE, ...extra };
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { cwd: ROOT, env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('batuta oracle "QUESTION" (built CLI)', () => {
  it('prints exactly one JSON document with the contract fields', async () => {
    const out = await batuta('oracle', '--json', 'How do I train a model on GPU?');
    expect(out.code).toBe(0);
    const r = JSON.parse(out.stdout);
    expect(r.query).toBe('How do I train a model on GPU?');
    expect(r.problem.domains.length).toBeGreaterThan(0);
    expect(r.primary.component).toBe('entrenar');
    expect(r.primary.confidence).toBeGreaterThan(0);
    expect(r.primary.confidence).toBeLessThanOrEqual(1);
    expect(typeof r.primary.rationale).toBe('string');
    expect(Array.isArray(r.primary.capabilities)).toBe(true);
    expect(r.compute.backend).toBe('gpu');
    expect(r.compute.rationale.length).toBeGreaterThan(0);
    for (const s of r.supporting) {
      expect(s).toMatchObject({
        component: expect.any(String),
        confidence: expect.any(Number),
        via: expect.any(String),
      });
      expect(r.integrations.some((i: { pattern: string }) => i.pattern === s.via)).toBe(true);
    }
    for (const c of r.citations) {
      expect(c).toMatchObject({ collection: 'specs', source: expect.stringMatching(/\.md$/) });
      expect(c.lines).toHaveLength(2);
    }
    expect(Array.isArray(r.related)).toBe(true);
  });

  it('adds the score trace with --explain', async () => {
    const out = await batuta('oracle', '--json', '--explain', 'What replaces pandas?');
    const r = JSON.parse(out.stdout);
    expect(r.explain[0].component).toBe(r.primary.component);
    const sum = r.explain[0].reasons.reduce((s: number, x: { points: number }) => s + x.points, 0);
    expect(sum).toBeCloseTo(r.explain[0].score, 2);
  });

  it('keeps the knowledge stems in the user cache folder, one file, stale ones removed', async () => {
    // The shipped knowledge answers from the build's compiled lexicon; edited knowledge is compiled.
    const knowledge = tempDir('batuta-oracle-knowledge-');
    cpSync(join(ROOT, 'knowledge'), knowledge, { recursive: true });
    const trueno = join(knowledge, 'components', 'trueno.yaml');
    writeFileSync(trueno, readFileSync(trueno, 'utf8').replace('keywords: [', 'keywords: [array maths, '));
    const cache = tempDir('batuta-oracle-cache-');
    mkdirSync(join(cache, 'batuta', 'oracle'), { recursive: true });
    writeFileSync(join(cache, 'batuta', 'oracle', 'stems-stale.json'), '{}');
    writeFileSync(join(cache, 'batuta', 'oracle', 'stems-0123.json'), '{}');
    const env = { XDG_CACHE_HOME: cache, BATUTA_KNOWLEDGE_DIR: knowledge };
    const out = await batutaWith(env, 'oracle', '--json', 'What replaces NumPy?');
    expect(out.code, out.stderr).toBe(0);
    const files = readdirSync(join(cache, 'batuta', 'oracle'));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^stems-[0-9a-f]{32}\.json$/);
  });

  it('gives the same answer every time', async () => {
    const [a, b] = await Promise.all([
      batuta('oracle', '--json', 'vector search over 5 million embeddings'),
      batuta('oracle', '--json', 'vector search over 5 million embeddings'),
    ]);
    expect(a.stdout).toBe(b.stdout);
    expect(JSON.parse(a.stdout).primary.component).toBe('trueno-db');
  });

  it('prints readable text and markdown', async () => {
    const text = await batuta('oracle', 'What replaces pandas?');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^Primary: alimentar/m);
    const md = await batuta('oracle', '--format', 'markdown', 'What replaces pandas?');
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/\*\*Primary: `alimentar`\*\*/);
  });

  it('exits 1 and suggests --list when nothing in the stack fits', async () => {
    const out = await batuta('oracle', 'what is the weather');
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/--list/);
    expect(out.stderr.trim().split('\n')).toHaveLength(1);
    const json = await batuta('oracle', '--json', 'what is the weather');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).primary).toBeNull();
  });

  it('reports a broken knowledge folder in one line, without a stack trace', async () => {
    const broken = tempDir('batuta-broken-knowledge-');
    writeFileSync(join(broken, 'layers.yaml'), 'layers: [unclosed\n');
    const out = await batutaWith({ BATUTA_KNOWLEDGE_DIR: broken }, 'oracle', '--json', 'train a model');
    expect(out.code).toBe(1);
    expect(out.stdout).toBe('');
    expect(out.stderr.trim().split('\n')).toHaveLength(1);
    expect(out.stderr).toMatch(/^batuta oracle: knowledge: layers\.yaml/);
    expect(out.stderr).not.toMatch(/internal error|\bat .*\.js:\d+/);
  });

  it('rejects an empty question and unknown flags with exit 2 and one line', async () => {
    for (const args of [
      ['oracle', '   '],
      ['oracle', '--bogus', 'x'],
    ]) {
      const out = await batuta(...args);
      expect(out.code).toBe(2);
      expect(out.stderr.trim().split('\n')).toHaveLength(1);
      expect(out.stderr).not.toMatch(/\bat .*\.js:\d+/);
    }
  });
});
