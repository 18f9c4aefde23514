/**
 * Files a documentation builder generates beside the written pages (search indexes, index pages, source
 * copies, theme assets), recognised by path. The bench uses it to count how often they reach a result list.
 */

const RULES: ReadonlyArray<readonly [string, RegExp]> = [
  ['sphinx searchindex.js', /(^|\/)searchindex\.js$/],
  ['sphinx genindex', /(^|\/)genindex(-[^/]*)?\.html$/],
  ['sphinx search page', /(^|\/)search\.html$/],
  ['sphinx module index', /(^|\/)py-modindex\.html$/],
  ['sphinx objects.inv', /(^|\/)objects\.inv$/],
  ['sphinx _sources', /(^|\/)_sources\//],
  ['sphinx _static', /(^|\/)_static\//],
  ['sphinx _images', /(^|\/)_images\//],
  ['sphinx _modules', /(^|\/)_modules\//],
  ['node all.html', /^all\.html$/],
  ['node assets', /^assets\//],
];

/** The rule that marks `path` (relative to the collection root) as generated, or null for a written page. */
export function generatedRule(path: string): string | null {
  for (const [name, pattern] of RULES) if (pattern.test(path)) return name;
  return null;
}
