/**
 * Cross-file checks of a knowledge base: every id a file refers to exists, names are unique, and a
 * capability synonym means one capability only. Schema checks cannot see across files; these can.
 */
import { InvalidDataError } from '../errors.js';
import { normalizeName } from './names.js';
import type { Knowledge } from './schema.js';

function fail(file: string, where: string, problem: string): never {
  throw new InvalidDataError(`knowledge: ${file}: ${where}: ${problem} (fix the file)`, {
    file,
    path: where,
  });
}

function requireKnown(
  known: ReadonlySet<string>,
  value: string,
  file: string,
  where: string,
  kind: string,
): void {
  if (!known.has(value)) fail(file, where, `unknown ${kind} "${value}"`);
}

function requireUnique(values: readonly string[], file: (i: number) => string, what: string): void {
  const seen = new Set<string>();
  values.forEach((value, i) => {
    if (seen.has(value)) fail(file(i), what, `duplicate "${value}"`);
    seen.add(value);
  });
}

function checkLayersAndIds(k: Knowledge): void {
  requireUnique(
    k.layers.map((l) => String(l.id)),
    () => 'layers.yaml',
    'id',
  );
  requireUnique(
    k.domains.map((d) => d.id),
    () => 'domains.yaml',
    'id',
  );
  requireUnique(
    k.capabilities.map((c) => c.id),
    () => 'capabilities.yaml',
    'id',
  );
  requireUnique(
    k.recipes.map((r) => r.id),
    () => 'recipes.yaml',
    'id',
  );
  const domains = new Set(k.domains.map((d) => d.id));
  k.capabilities.forEach((c, i) => {
    requireKnown(domains, c.domain, 'capabilities.yaml', `${i}.domain`, 'domain');
  });
}

function checkSynonyms(k: Knowledge): void {
  const owner = new Map<string, string>();
  k.capabilities.forEach((c, i) => {
    for (const phrase of [c.id, c.name, ...c.synonyms]) {
      const key = normalizeName(phrase);
      const other = owner.get(key);
      if (other !== undefined && other !== c.id) {
        fail('capabilities.yaml', `${i}.synonyms`, `"${phrase}" already names capability "${other}"`);
      }
      owner.set(key, c.id);
    }
  });
}

function checkComponents(k: Knowledge): void {
  const layers = new Set(k.layers.map((l) => l.id));
  const domains = new Set(k.domains.map((d) => d.id));
  const capabilities = new Set(k.capabilities.map((c) => c.id));
  const displays = new Set<string>();
  for (const c of k.components) {
    const file = `components/${c.name}.yaml`;
    if (!layers.has(c.layer)) fail(file, 'layer', `layer ${c.layer} is not in layers.yaml`);
    c.capabilities.forEach((id, i) => {
      requireKnown(capabilities, id, file, `capabilities.${i}`, 'capability');
    });
    c.domains.forEach((id, i) => {
      requireKnown(domains, id, file, `domains.${i}`, 'domain');
    });
    const display = normalizeName(c.display);
    if (displays.has(display)) fail(file, 'display', `duplicate display name "${c.display}"`);
    displays.add(display);
  }
}

function checkReferences(k: Knowledge): void {
  const components = new Set(k.components.map((c) => c.name));
  const pairs = new Set<string>();
  k.integrations.forEach((it, i) => {
    requireKnown(components, it.from, 'integrations.yaml', `${i}.from`, 'component');
    requireKnown(components, it.to, 'integrations.yaml', `${i}.to`, 'component');
    if (it.from === it.to) fail('integrations.yaml', `${i}.to`, `"${it.to}" integrates with itself`);
    const key = `${it.from} ${it.to} ${normalizeName(it.pattern)}`;
    if (pairs.has(key)) fail('integrations.yaml', `${i}.pattern`, `duplicate pattern "${it.pattern}"`);
    pairs.add(key);
  });
  k.recipes.forEach((r, i) => {
    r.components.forEach((name, j) => {
      requireKnown(components, name, 'recipes.yaml', `${i}.components.${j}`, 'component');
    });
  });
}

/** Throws InvalidDataError on the first cross-reference problem in `k`. */
export function checkKnowledge(k: Knowledge): void {
  checkLayersAndIds(k);
  checkSynonyms(k);
  if (k.components.length === 0) {
    throw new InvalidDataError(
      'knowledge: components/ has no component files (add one YAML file per component)',
    );
  }
  checkComponents(k);
  checkReferences(k);
}
