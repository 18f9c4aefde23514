/**
 * A folder the CLI indexes with an adapted model (40 small pages: enough text to adapt the word vectors),
 * and where that model's current version lives, for the CLI tests of the model's files.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Writes `HOME/docs` with 40 pages about GPU kernels and vectors. */
export function writeAdaptableDocs(home: string): void {
  const docs = join(home, 'docs');
  mkdirSync(docs);
  for (let i = 0; i < 40; i += 1) {
    writeFileSync(
      join(docs, `t${i}.md`),
      `# Topic ${i}\n\nSection about item${i} and vectors, GPU kernels number ${i}.\n\n## Details ${i}\n\nMore on thing${i}.\n`,
    );
  }
}

/** The current version folder of `collection`'s adapted model in the index database `HOME/index.db`. */
export function modelVersionDir(home: string, collection: string): string {
  const modelDir = join(home, `index.db.${collection}.model`);
  const { version } = JSON.parse(readFileSync(join(modelDir, 'current.json'), 'utf8')) as { version: string };
  return join(modelDir, version);
}
