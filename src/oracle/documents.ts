/**
 * Component documents for the oracle's profiles: the prose of `specs/<component>.md` without its front
 * matter and code blocks (identifiers in code would match questions by accident).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Strips YAML front matter and fenced code blocks from a markdown text. */
export function proseOf(markdown: string): string {
  return markdown.replace(/^---\n[\s\S]*?\n---\n/, '').replace(/```[\s\S]*?```/g, ' ');
}

/** Reads `<dir>/<name>.md` for each component that has one; missing files are skipped. */
export function loadComponentDocuments(dir: string, components: readonly string[]): Map<string, string> {
  const documents = new Map<string, string>();
  for (const name of components) {
    try {
      documents.set(name, proseOf(readFileSync(join(dir, `${name}.md`), 'utf8')));
    } catch {
      // A component without a spec keeps the profile its knowledge file gives it.
    }
  }
  return documents;
}
