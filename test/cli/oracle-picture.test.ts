/**
 * Pictures through the built `batuta` binary: `--format svg|mermaid|dot` for --list, --integrations
 * and a question, the exit codes when there is nothing to draw, and usage errors for lookups that have
 * no picture. The SVG is read back with the same checks as the unit tests.
 */
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { edgesThroughBoxes, overlappingBoxes, parsePicture } from '../picture/svg-check.js';
import { tempDir } from '../temp-dirs.js';
import { type Run, runBatuta } from './run-batuta.js';

const home = tempDir('batuta-picture-cli-');
const SMALL = resolve(import.meta.dirname, '../fixtures/knowledge-small');
const oracle = (...args: string[]): Run => runBatuta(['oracle', ...args], home);

afterAll(() => rmSync(home, { recursive: true, force: true }));

function oneLineError(run: Run, code: number): string {
  expect(run.code).toBe(code);
  expect(run.stdout).toBe('');
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  return run.stderr;
}

describe('batuta oracle --list --format svg|mermaid|dot', () => {
  it('svg draws all 20 components and 47 integrations with nothing overlapping', () => {
    const run = oracle('--list', '--format', 'svg');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    const picture = parsePicture(run.stdout);
    expect(picture.components).toHaveLength(20);
    expect(picture.integrations).toHaveLength(47);
    expect(overlappingBoxes(picture)).toEqual([]);
    expect(edgesThroughBoxes(picture)).toEqual([]);
  });

  it('mermaid and dot print their sources', () => {
    const mermaid = oracle('--list', '--format', 'mermaid');
    expect(mermaid.code).toBe(0);
    expect(mermaid.stdout).toMatch(/^flowchart BT$/m);
    expect(mermaid.stdout.match(/ -->\|/g)).toHaveLength(47);
    const dot = oracle('--list', '--format', 'dot');
    expect(dot.code).toBe(0);
    expect(dot.stdout).toMatch(/^digraph stack \{/);
    expect(dot.stdout.match(/\[label="[^"]*"(, constraint=false)?\];$/gm)).toHaveLength(47);
  });

  it('draws the knowledge folder chosen with BATUTA_KNOWLEDGE_DIR', () => {
    const run = runBatuta(['oracle', '--list', '--format', 'mermaid'], home, { BATUTA_KNOWLEDGE_DIR: SMALL });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.match(/^ {4}c_\w+\[/gm)?.length).toBeLessThan(20);
  });

  it('keeps --format json|text|markdown working', () => {
    expect(JSON.parse(oracle('--list', '--format', 'json').stdout)).toHaveProperty('layers');
    expect(oracle('--list', '--format', 'text').stdout).toMatch(/^Layer 0: /m);
    expect(oracle('--list', '--format', 'markdown').stdout).toMatch(/^## Layer 0: /m);
  });
});

describe('batuta oracle --integrations "A -> B" --format svg|mermaid', () => {
  it('svg draws the path from A to B', () => {
    const run = oracle('--integrations', 'alimentar -> pforge', '--format', 'svg');
    expect(run.code, run.stderr).toBe(0);
    const picture = parsePicture(run.stdout);
    const names = picture.components.map((c) => c.name);
    expect(names).toContain('alimentar');
    expect(names).toContain('pforge');
    expect(picture.integrations.length).toBe(names.length - 1);
    expect(overlappingBoxes(picture)).toEqual([]);
  });

  it('mermaid draws a direct integration as one arrow', () => {
    const run = oracle('--integrations', 'aprender -> realizar', '--format', 'mermaid');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('c_aprender -->|"model export"| c_realizar');
  });

  it('an unknown name is a one-line error, exit 1', () => {
    expect(oneLineError(oracle('--integrations', 'aprender -> nosuchthing', '--format', 'svg'), 1)).toMatch(
      /nosuchthing/,
    );
  });
});

describe('batuta oracle "QUESTION" --format svg', () => {
  it('draws the primary, the supporting components and the integrations between them', () => {
    const json = JSON.parse(oracle('--json', 'How do I train a model on GPU and serve it?').stdout) as {
      primary: { component: string };
      supporting: { component: string }[];
      integrations: { from: string; to: string; pattern: string }[];
    };
    const run = oracle('How do I train a model on GPU and serve it?', '--format', 'svg');
    expect(run.code, run.stderr).toBe(0);
    const picture = parsePicture(run.stdout);
    const role = new Map(picture.components.map((c) => [c.name, c.role]));
    expect(role.get(json.primary.component)).toBe('primary');
    for (const s of json.supporting) expect(role.get(s.component)).toBe('supporting');
    const drawn = picture.integrations.map((i) => `${i.from}>${i.to}>${i.pattern}`).sort();
    expect(drawn).toEqual(json.integrations.map((i) => `${i.from}>${i.to}>${i.pattern}`).sort());
    expect(overlappingBoxes(picture)).toEqual([]);
  });

  it('a question nothing fits draws nothing: exit 1 with one line on stderr', () => {
    oneLineError(oracle('what is the weather in Paris today', '--format', 'svg'), 1);
  });
});

describe('usage errors', () => {
  it('a lookup without a picture is exit 2 naming the lookups that have one', () => {
    expect(oneLineError(oracle('--show', 'trueno', '--format', 'svg'), 2)).toMatch(/--list, --integrations/);
    expect(oneLineError(oracle('--rag', 'gpu', '--format', 'dot'), 2)).toMatch(/--format dot/);
  });

  it('--json with a picture format contradicts, and an unknown format names the known ones', () => {
    expect(oneLineError(oracle('--list', '--json', '--format', 'svg'), 2)).toMatch(/contradict/);
    expect(oneLineError(oracle('--list', '--format', 'png'), 2)).toMatch(/svg, mermaid or dot/);
  });
});
