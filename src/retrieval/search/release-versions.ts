/**
 * The versions a question about a change names and the versions a release-history page names, and how well
 * one answers the other, so a search can put the pages of the version asked about first. Version numbers are
 * written many ways ("8.5.0", "v6.3.0", "version8", "changes-2.x", "from Tornado 4 to 5"); a bare number in
 * ordinary words ("2 workers", "HTTP 2") is no version, nor is "version 2" of a protocol (release-context.ts).
 * Pure functions; release-history.ts applies them.
 */

import { withoutGzip } from '../documents/gzip.js';
import { dottedMentions, UNITS, versionMentions, withoutOtherVersions } from './release-context.js';

/** A dotted number standing alone ("6.2", "v6.0.4"), not part of "HTTP/1.1" or an address "127.0.0.1". */
const DOTTED = /(?<![\w./])v?(\d{1,4}(?:\.\d{1,4})+)(?![\w.]*\d)\s*([^\s\d.,;:?!]*)/g;
/** The dotted versions a text names ("6.1", "v6.0.4"), each as its numbers; amounts ("1.5 seconds") left out. */
export function versionsNamed(text: string): number[][] {
  const versions: number[][] = [];
  for (const match of text.toLowerCase().matchAll(DOTTED)) {
    const parts = match[1]!.split('.');
    if (parts.length <= 3 && !UNITS.test(match[2] ?? '')) versions.push(parts.map(Number));
  }
  return versions;
}

/** Whether `version` is `asked` or one of its releases (asked 6.1: 6.1, 6.1.0, 6.1.2; not 6.10 or 16.1). */
function isRelease(version: readonly number[], asked: readonly number[]): boolean {
  return version.length >= asked.length && asked.every((part, i) => version[i] === part);
}

/** "from Tornado 4 to 5", "from 7.x to v8.1": the version an upgrade goes to, dotted or not. */
const UPGRADE_TARGET =
  /\bfrom (?:[a-z][\w.-]* )?v?\d+(?:\.[\dx]+)* to (?:[a-z][\w.-]* )?v?(\d{1,4}(?:\.\d{1,4}){0,2})(?![\w.]*\d)\s*([^\s\d.,;:?!]*)/;
/**
 * A number without a dot that a change made in it makes a version: what is new, changed, added, removed or
 * deprecated "in IPython 8" (one name word at most between "in" and the number; "version 8" is a mention).
 */
const CHANGED_IN =
  /\b(?:new|changed|added|removed|deprecated) in (?:(?!version |release )[a-z][\w-]* )?(\d{1,4})(?![\w.]*\d)\s*([^\s\d.,;:?!]*)/g;

/**
 * The versions a question about a change names, each as its numbers, for putting their pages first: every
 * dotted version ("8.5.0"), a number a change made in it makes a version ("new in IPython 8"), a "version 8"
 * or "release 8" in a release context (release-context.ts: not "protocol version 2", nor "version 2" where
 * nothing says release), and of an upgrade "from 4 to 5" only the version it goes to. A bare number elsewhere
 * ("2 workers", "HTTP 2", "Python 3"), a number followed by a unit ("in 5 minutes") and an amount range ("from
 * 2 to 5 workers") are no version. `names`: the product's names (the release pages' titles say them).
 */
export function versionsAsked(question: string, names: readonly string[] = []): number[][] {
  let text = withoutOtherVersions(question, names);
  for (const mention of dottedMentions(question, names)) {
    if (mention.names !== 'owned') continue;
    text = text.slice(0, mention.start) + ' '.repeat(mention.end - mention.start) + text.slice(mention.end);
  }
  const upgrade = UPGRADE_TARGET.exec(text);
  const rest = upgrade === null ? text : text.replace(upgrade[0], ' '.repeat(upgrade[0].length));
  const versions = versionsNamed(rest);
  for (const match of rest.matchAll(CHANGED_IN)) {
    if (!UNITS.test(match[2] ?? '')) versions.push([Number(match[1])]);
  }
  const upgraded = (at: number): boolean =>
    upgrade !== null && at >= upgrade.index && at < upgrade.index + upgrade[0].length;
  for (const mention of versionMentions(question, names)) {
    if (mention.names === 'release' && !upgraded(mention.start)) versions.push([...mention.version]);
  }
  if (upgrade !== null && !UNITS.test(upgrade[2] ?? '')) versions.push(upgrade[1]!.split('.').map(Number));
  return versions;
}

/** A file name (extension removed) that ends in a version: "v6.3.0", "3.2.5", "version8", "changes-2.x". */
const FILE_VERSION = /^(?:[a-z][a-z_-]*?)?[-_]?v?(\d{1,4}(?:\.(?:\d{1,4}|x)){0,2})$/;

/**
 * The versions a release-history page names in its file name (dotted or not: "version8.html" is 8,
 * "changes-2.x" is 2) or its title ("What's new in Tornado 6.1.0").
 */
export function pageVersions(source: string, title: string): number[][] {
  const file = source.toLowerCase().split('/').pop() ?? '';
  const named = FILE_VERSION.exec(pageName(source))?.[1];
  const numbers = (version: string): number[] =>
    version
      .split('.')
      .filter((part) => part !== 'x')
      .map(Number);
  const fromFile = named === undefined ? [] : [numbers(named)];
  return [...fromFile, ...versionsNamed(file), ...versionsNamed(title)];
}

/** The words a file name puts before its version ("github-stats" in "github-stats-8.html"), "" for none. */
export function fileVersionPrefix(source: string): string {
  return /^(?:([a-z][a-z_-]*?)[-_]?)??v?\d{1,4}(?:\.(?:\d{1,4}|x)){0,2}$/.exec(pageName(source))?.[1] ?? '';
}

/** A page's file name in lower case without gzip and its document extension: "releases/v6.1.0.html.gz" → "v6.1.0". */
export function pageName(source: string): string {
  const file = withoutGzip(source.toLowerCase().split('/').pop() ?? '');
  return file.replace(/\.(?:html?|md|markdown|rst|txt|adoc)$/, '');
}

/**
 * How closely a page's versions answer the `asked` ones: 2 when the page is an asked version or one of its
 * releases, 1 when it is the series an asked version belongs to (asked 8.5.0, page "version8"), else 0.
 */
export function versionMatch(
  versions: readonly (readonly number[])[],
  asked: readonly (readonly number[])[],
): number {
  if (versions.some((v) => asked.some((a) => isRelease(v, a)))) return 2;
  return versions.some((v) => asked.some((a) => isRelease(a, v))) ? 1 : 0;
}
