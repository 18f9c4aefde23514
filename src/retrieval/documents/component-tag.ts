/**
 * Which stack component a document is about: its front matter `component:` wins, else a component name
 * that appears as a whole word in the file name (longest name first, so trueno-db beats trueno).
 */
import { basename } from 'node:path';

/** The 20 components of the Sovereign AI Stack (DESIGN.md §1); retrieval tags chunks with them. */
export const STACK_COMPONENTS: readonly string[] = [
  'trueno',
  'trueno-db',
  'trueno-graph',
  'trueno-viz',
  'trueno-rag',
  'aprender',
  'entrenar',
  'realizar',
  'depyler',
  'decy',
  'bashrs',
  'ruchy',
  'batuta',
  'repartir',
  'pforge',
  'certeza',
  'pmat',
  'renacer',
  'alimentar',
  'pacha',
];

const BY_LENGTH = [...STACK_COMPONENTS].sort((a, b) => b.length - a.length);

/** The component named in a file name such as `trueno-db-guide.md`, or null. */
export function componentFromFileName(source: string): string | null {
  const name = basename(source)
    .toLowerCase()
    .replace(/\.[^.]*$/, '');
  for (const component of BY_LENGTH) {
    const at = name.indexOf(component);
    if (at < 0) continue;
    const before = name[at - 1];
    const after = name[at + component.length];
    const edge = (char: string | undefined) => char === undefined || !/[a-z0-9]/.test(char);
    if (
      edge(before) &&
      (after === undefined || after === '.' || after === '_' || after === ' ' || after === '-')
    )
      return component;
  }
  return null;
}

/** Front matter fields of a markdown file (`---` YAML-ish block at the top), and how many lines it spans. */
export function readFrontMatter(lines: readonly string[]): {
  fields: Record<string, string>;
  lineCount: number;
} {
  if (lines[0]?.trim() !== '---') return { fields: {}, lineCount: 0 };
  const fields: Record<string, string> = {};
  for (let i = 1; i < lines.length && i < 200; i += 1) {
    const line = lines[i] ?? '';
    if (line.trim() === '---' || line.trim() === '...') return { fields, lineCount: i + 1 };
    const match = /^([A-Za-z_][\w-]*):\s*(.*)$/.exec(line);
    if (match) fields[match[1]!.toLowerCase()] = match[2]!.trim().replace(/^["']|["']$/g, '');
  }
  return { fields: {}, lineCount: 0 };
}
