/**
 * The reranker round-3 harness (bench/models/rerank-round3.ts) dumps its training heads from the packages
 * the models train on (MODEL_PACKAGES, as the trainer's selectPackages gives them), never from an
 * evaluation-only book, whose questions are kept for leave-package-out fold 4.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FUSION_DEFAULTS } from '../../src/retrieval/search/hybrid.js';
import { MODEL_PACKAGES, TRAINING_PACKAGES } from '../../src/retrieval/train/debian-corpus.js';
import { linkBuiltTree } from '../cli/built-tree.js';

const TOPICS = ['cache directory', 'network proxy', 'logging format'];

/** A package's text as the trainer extracts it: pages split by form feeds, each with a headed section long
 *  enough to become a heading question. */
function packageText(name: string): string {
  const body = (topic: string) =>
    `Setting the ${topic} of ${name} changes where every worker process keeps temporary files, how long ` +
    'stale entries survive a restart, which permissions new folders receive, whether symbolic links are ' +
    'followed, and what happens when the disk fills up during a long build or an interrupted download.';
  const page = (topic: string) =>
    `# ${name} ${topic}\n\nAn overview of the ${topic}.\n\n## Configuring the ${topic} of ${name}\n\n${body(topic)}\n`;
  return TOPICS.map(page).join('\n\f\n');
}

describe('node dist/bench/models/rerank-round3.js dump-train', () => {
  it('records heads of the model packages only, without reading an evaluation-only text', () => {
    const evaluationOnly = TRAINING_PACKAGES.filter((p) => p.evaluationOnly).map((p) => p.name);
    expect(evaluationOnly.length).toBeGreaterThan(0);
    const tree = linkBuiltTree();
    const text = join(tree.root, 'bench/cache/models-train/text');
    mkdirSync(text, { recursive: true });
    // Only the model packages have a text here: reading an evaluation-only one would fail the run.
    for (const { name } of MODEL_PACKAGES) writeFileSync(join(text, `${name}.txt`), packageText(name));
    const script = join(tree.root, 'dist/bench/models/rerank-round3.js');
    const run = spawnSync(process.execPath, [script, 'dump-train', '--unit', 'section'], {
      cwd: tree.root,
      encoding: 'utf8',
    });
    expect(run.stderr).not.toMatch(/ENOENT/);
    expect(run.status).toBe(0);
    const recorded = [...run.stderr.matchAll(/^rerank3: (\S+): (\d+) questions$/gm)];
    expect(recorded.map((m) => m[1])).toEqual(MODEL_PACKAGES.map((p) => p.name));
    for (const m of recorded) expect(Number(m[2])).toBeGreaterThan(0);
    const dump = join(tree.root, `bench/cache/rerank/train-section-d${FUSION_DEFAULTS.rerankDepth}.json`);
    expect(existsSync(dump)).toBe(true);
    const heads = JSON.parse(readFileSync(dump, 'utf8')) as Array<{ files: string[] }>;
    const packages = new Set(heads.flatMap((h) => h.files.map((f) => f.split('/')[0])));
    expect([...packages].sort()).toEqual(MODEL_PACKAGES.map((p) => p.name).sort());
  });
});
