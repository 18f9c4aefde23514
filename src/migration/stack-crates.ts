/**
 * The stack's own crates a project already uses, under any of their names: a Cargo.toml that depends on
 * `aprender-compute` or `trueno`, a Python module that imports `aprender_rag`. Each is reported under its
 * component name here with the crate it is published as now, so a project written against the 2026 names
 * and one written against the old ones read the same.
 */
import type { Component } from '../knowledge/schema.js';
import type { FileAnalysis, Manifest, StackUse } from './types.js';

/** Crate and module names compared the same way: lower case, underscores as hyphens. */
function key(name: string): string {
  return name.toLowerCase().replaceAll('_', '-');
}

function namesOf(component: Component): string[] {
  const published = component.published;
  return published === undefined ? [component.name] : [component.name, published.crate, ...published.earlier];
}

/** Every stack component the manifests declare or the sources import, once each, in order found. */
export function stackCratesUsed(
  components: readonly Component[],
  manifests: readonly Manifest[],
  files: readonly FileAnalysis[],
): StackUse[] {
  const byName = new Map<string, Component>();
  for (const c of components) for (const name of namesOf(c)) byName.set(key(name), c);
  const used = new Map<string, StackUse>();
  const note = (written: string, where: string): void => {
    const c = byName.get(key(written));
    if (c === undefined || used.has(c.name)) return;
    used.set(c.name, { component: c.name, crate: c.published?.crate ?? c.name, as: written, where });
  };
  for (const m of manifests) for (const dependency of m.dependencies) note(dependency, m.path);
  for (const f of files) for (const module of f.imports) note(module.split('.')[0] ?? module, f.path);
  return [...used.values()];
}
