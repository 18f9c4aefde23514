/**
 * Release-history pages (changelogs, release notes, "what's new", one page per version under releases/) name
 * every feature once per version, so they reach the head of ordinary questions ("how do I set a cookie") over
 * the page that explains the feature. A search recognises them at query time from what it already holds, the
 * file's path and the heading paths of its pooled chunks, and, unless the question asks about a change between
 * versions, shows them after the other files. Pure functions; hybrid.ts applies them to its results.
 */
import { tokenize } from '../../text/index.js';
import type { Chunk } from '../types.js';
import { fileKey } from './fused-pool.js';
import { releaseNames, withoutOtherVersions } from './release-context.js';
import {
  fileVersionPrefix,
  pageName,
  pageVersions,
  versionMatch,
  versionsAsked,
  versionsNamed,
} from './release-versions.js';

/** What marks a file as release history: its path, its title, or headings that are versions and dates. */
export type HistoryCue = 'path' | 'title' | 'headings';

/** Names (folder or file, version suffix removed) that are release history on their own. */
const HISTORY_NAMES: ReadonlySet<string> = new Set([
  'changelog',
  'changelogs',
  'change-log',
  'releases',
  'release-notes',
  'releasenotes',
  'release-history',
  'whatsnew',
  'whats-new',
  'what-s-new',
]);
/** Names that are release history only when the title or headings agree ("history" may be a browser API). */
const MAYBE_HISTORY_NAMES: ReadonlySet<string> = new Set([
  'changes',
  'history',
  'news',
  'updates',
  'upgrading',
  'porting',
  'version',
  'release',
]);
/**
 * Debian's change log and news of a package (`changelog.Debian.gz`, `NEWS.Debian.gz`, a binNMU's
 * `changelog.Debian.amd64.gz`): release history by policy, whose entries are no headings.
 */
const DEBIAN_HISTORY = /^(?:changelog|news)\.debian(?:\.[a-z0-9_-]+)?$/;
/** A path part: a name, then an optional version ("whatsnew-5.0", "version8", "v6.1.0", "3.2"). */
const NAME_AND_VERSION = /^([a-z][a-z-]*?)?-?(v?\d+(?:\.\d+)*)?$/;
const TITLE_HISTORY =
  /\b(?:change ?logs?|release notes?|release history|version history|revision history|what s new|whats new)\b/;
const TITLE_MAYBE_HISTORY = /^(?:changes|history|news|updates|upgrading|porting|community updates)\b/;
const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?';
const YEAR = '(?:19|20)\\d\\d';
const VERSION = 'v?\\d+(?:\\.(?:\\d+|x))+';
/**
 * A heading that is a version or a release date: "Version 2.2.2", "Release 0.10.2", "v6.1", "2.28.1
 * (2022-06-29)", "IPython 8.5.0", "Jul 3, 2022", "What's new in 6.1". A numbered section ("1.1 Design
 * Philosophy") and a function of a module named like a version ("v8.getHeapSnapshot()") are not.
 */
const VERSION_OR_DATE_HEADING = new RegExp(
  [
    `^(?:version|release) ?\\d+(?:\\.\\d+)*\\b`,
    `^v\\d+(?:\\.\\d+)+\\b`,
    `^(?:\\S+ )?${VERSION}(?: ?\\(.*\\)| ?[-–—:,] .*\\b${YEAR}\\b.*)?$`,
    `\\b${YEAR}-\\d\\d-\\d\\d\\b`,
    `^${MONTH} \\d{1,2},? ${YEAR}\\b`,
    `^released?\\b.*\\b${YEAR}\\b`,
    `^(?:what s new|changes|new) in\\b.*\\d`,
  ].join('|'),
);

/** Whether a heading is a version or a release date. */
const isDated = (heading: string): boolean => VERSION_OR_DATE_HEADING.test(plain(heading));

/** Lower case, apostrophes and punctuation as spaces: "What’s new" and "whats-new" compare alike. */
function plain(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’'`_]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * How a path names its file: release history on its own ("releases/v6.1.0.html", "CHANGELOG.md"), maybe
 * ("changes.html", "history/index.html": the title or headings decide), or neither.
 */
export function releaseHistoryName(source: string): 'yes' | 'maybe' | 'no' {
  const parts = source.toLowerCase().split('/').slice(0, -1);
  const file = pageName(source);
  if (DEBIAN_HISTORY.test(file)) return 'yes';
  let maybe = false;
  for (const part of [...parts, file]) {
    const match = NAME_AND_VERSION.exec(part.replace(/[_\s]+/g, '-'));
    if (match === null) continue;
    const [, name, version] = match;
    if (name !== undefined && HISTORY_NAMES.has(name.replace(/-$/, ''))) return 'yes';
    if (name !== undefined && MAYBE_HISTORY_NAMES.has(name.replace(/-$/, ''))) maybe = true;
    if (name === undefined && version !== undefined && version.includes('.') && part === file) maybe = true;
  }
  return maybe ? 'maybe' : 'no';
}

/**
 * Why `source` reads as release history, from its path and the heading paths of its chunks the search
 * pooled (title first); null when it does not. A release-history name or title is enough; a weaker name
 * ("history", "changes", a version as file name) or title ("Changes", "News") needs a version or date
 * heading beside it; headings alone need two or more versions or dates making at least half of them.
 */
export function releaseHistoryCue(
  source: string,
  headingPaths: readonly (readonly string[])[],
): HistoryCue | null {
  const path = releaseHistoryName(source);
  if (path === 'yes') return 'path';
  const titles = new Set(headingPaths.map((headings) => plain(headings[0] ?? '')).filter(Boolean));
  // A top-level heading that is a version is a release, not a title: docutils writes the document title and
  // each top section as <h1>, and a page may have no title heading at all (MkDocs' changelog.html).
  const below = new Set(
    headingPaths.flatMap((headings) => headings.filter((text, i) => i > 0 || isDated(text)).map(plain)),
  );
  below.delete('');
  const dated = [...below].filter((heading) => VERSION_OR_DATE_HEADING.test(heading)).length;
  // Every pooled chunk's top heading must say so: a hub page with one "Release Notes" section is no history.
  const title = [...titles];
  if (title.length > 0 && title.every((text) => TITLE_HISTORY.test(text))) return 'title';
  const maybeTitle = title.length > 0 && title.every((text) => TITLE_MAYBE_HISTORY.test(text));
  if ((path === 'maybe' || maybeTitle) && dated > 0) return maybeTitle ? 'title' : 'path';
  return dated >= 2 && dated * 2 >= below.size ? 'headings' : null;
}

/** Words that ask about a change between versions on their own. */
const CHANGE_WORDS: ReadonlySet<string> = new Set([
  'changelog',
  'deprecated',
  'deprecate',
  'deprecation',
  'deprecationwarning',
  'removed',
  'released',
  'releases',
  'upgrade',
  'upgraded',
  'upgrading',
  'version',
  'versions',
  'introduced',
  'renamed',
  'obsolete',
  'anymore',
  'whatsnew',
]);
/**
 * "release" is a version only after these words ("which release", "a patch release", "first release of X"),
 * else a lock's verb; after a word of place in the line, not before an object ("first release the lock").
 */
const RELEASE_AFTER: ReadonlySet<string> = new Set([
  'which',
  'what',
  'this',
  'that',
  'the',
  'a',
  'patch',
  'new',
  'next',
  'last',
  'first',
  'initial',
  'latest',
  'newest',
  'recent',
  'previous',
  'stable',
  'current',
  'final',
  'minor',
  'major',
  'bugfix',
]);
/** Of RELEASE_AFTER, the words that make "release" a noun whatever follows ("which release the fix went into"). */
const ASKED_RELEASE: ReadonlySet<string> = new Set(['which', 'what', 'this', 'that', 'the', 'a']);
/** Words that open a verb's object: "release" right before one is the verb ("first release the lock"). */
const OBJECT_OPENERS: ReadonlySet<string> = new Set([
  'the',
  'a',
  'an',
  'my',
  'your',
  'its',
  'it',
  'them',
  'this',
  'that',
]);
/** Two words that ask about a change together ("changed" alone may be a file that changed). */
const CHANGE_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['new', 'in'],
  ['s', 'new'],
  ['whats', 'new'],
  ['what', 'changed'],
  ['changed', 'in'],
  ['changed', 'between'],
  ['recent', 'addition'],
  ['recently', 'added'],
  ['newly', 'added'],
  ['added', 'recently'],
  ['release', 'notes'],
  ['release', 'note'],
  ['release', 'history'],
  ['what', 'changes'],
  ['breaking', 'changes'],
  ['added', 'in'],
  ['since', 'when'],
];
/** "from Tornado 4 to 5", "from 5.x to 6": an upgrade between two versions. */
const FROM_TO = /\bfrom (?:[a-z][\w.-]* )?v?\d+(?:\.[\dx]+)* to v?\d+\b/;
/** "when was X added / removed": asking for the version of a change. */
const WHEN_CHANGED = /^when\b.*\b(?:added|introduced|removed|dropped)\b/;
/**
 * A clause asking when something happened in the project's past ("when did X start", "when could I first",
 * "…, when was that option first added?"): "when did" and "when could" always, "when was/were" with a change.
 */
const WHEN_IN_PAST =
  /(?:^|[,.;:?!] )when (?:did|could)\b|(?:^|[,.;:?!] )when (?:was|were)\b[^,.;:?!]*\b(?:added|introduced|removed|dropped|deprecated|supported|fixed|changed|first)\b/;
/**
 * The verbs that open a yes/no question ("do I", "is the X"), and "why does" for a question about a loss. Not
 * "can": "my corpus is too big; can I still train on it?" concedes a limit rather than asking what changed.
 */
const ASKING = '(?:why )?(?:do|does|did|is|are|was|were|should|will|would|must|need|have|has)';
/** A subject of one to five words, none of them a verb or a relative pronoun ("the handler that is" is not one). */
const SUBJECT = "(?:(?!(?:that|which|who|is|are|was|were|do|does)\\b)[\\w'.-]+ ){1,5}?";
/**
 * A yes/no question whether something still holds ("Do I still have to", "Is X still supported", "Why does X
 * no longer run"): it asks about a change without naming a version. Only at the start of a clause, so a
 * symptom ("browsers still show the old page") and a condition ("if it is no longer needed") are not; and
 * not "still" before a verb in -ing ("is the page still loading"), which asks about a state right now.
 */
const STILL_ASKED = new RegExp(
  `(?:^|[.:;?!] )(${ASKING} ${SUBJECT}(?:still(?! [a-z]{2,}ing\\b)|no longer))\\b`,
);
/** "What happened to X": something the asker knew is gone or changed. */
const HAPPENED_TO = /\bwhat happened to\b/;

/**
 * The cue by which a question asks about a change between versions (a version number, "deprecated", "new in",
 * "which (old) release", an upgrade "from 4 to 5", "when was X added", "when did X start", "do I still have to",
 * "what happened to"), or null for an ordinary question. The phrasings without a version or a change word are
 * those of the written training questions that ask about a change. A version another noun owns ("API
 * version 3", "a version 2 task message") and an amount "from 2 to 5 workers" are no cue; `names`, the
 * product's names, keep "Foo version 5" a release.
 */
export function changeQuestionCue(question: string, names: readonly string[] = []): string | null {
  const text = withoutOtherVersions(question, names);
  const tokens = tokenize(text);
  const words = tokens.map((token) => token.word);
  for (const [i, word] of words.entries()) {
    if (CHANGE_WORDS.has(word)) return word;
    const before = words[i - 1] ?? '';
    const noun =
      RELEASE_AFTER.has(before) && (ASKED_RELEASE.has(before) || !OBJECT_OPENERS.has(words[i + 1] ?? ''));
    if (word === 'release' && (noun || words[i + 1] === 'notes')) return `${words[i - 1]} release`;
    // "which old release", "which quick follow-up release": the release asked for, a few words on.
    if (word === 'release' && words.slice(Math.max(0, i - 4), i - 1).includes('which'))
      return 'which … release';
    const pair = CHANGE_PAIRS.find(([a, b]) => a === words[i - 1] && b === word);
    if (pair !== undefined) return pair.join(' ');
  }
  const [version] = versionsNamed(text);
  if (version !== undefined) return version.join('.');
  const clauses = text.replace(/\s+/g, ' ').trim();
  return (
    FROM_TO.exec(text)?.[0] ??
    WHEN_CHANGED.exec(text.trim())?.[0] ??
    WHEN_IN_PAST.exec(clauses)?.[0].replace(/^[,.;:?!] /, '') ??
    STILL_ASKED.exec(clauses)?.[1] ??
    HAPPENED_TO.exec(text)?.[0] ??
    null
  );
}

/**
 * `order` with the release-history items after the others, each group in its own order; scores are capped
 * by the item above so they still fall. `cueOf` names each item's history cue (null: not history).
 */
export function demoteReleaseHistory<T extends { readonly score: number }>(
  order: readonly T[],
  cueOf: (item: T) => HistoryCue | null,
): T[] {
  const kept = order.filter((item) => cueOf(item) === null);
  const history = order.filter((item) => cueOf(item) !== null);
  let floor = Number.POSITIVE_INFINITY;
  return [...kept, ...history].map((item) => {
    floor = Math.min(floor, item.score);
    return item.score === floor ? item : { ...item, score: floor };
  });
}

/**
 * `order` with the release-history items that name one of the `asked` versions (in their file name or title)
 * first or, when none does, those that name the series of one (a "version8" page for 8.5.0: a project that
 * writes one page per release has its own 8.5.0 page, and its "6.0" page is the 6.0.0 release, not the
 * series); each group keeps its order and every position the score it had, so scores still fall. A page set
 * `aside` (its file name says it is something else about the version: "github-stats-8", the issues closed)
 * counts only when no other page of the version or series is found. `versionsOf` gives an item's versions
 * (null: not release history).
 */
export function versionPagesFirst<T extends { readonly score: number }>(
  order: readonly T[],
  versionsOf: (item: T) => readonly (readonly number[])[] | null,
  asked: readonly (readonly number[])[],
  aside: (item: T) => boolean = () => false,
): { shown: T[]; promoted: number } {
  const match = new Map(order.map((item) => [item, versionMatch(versionsOf(item) ?? [], asked)] as const));
  const groups = [2, 1].flatMap((level) => {
    const pages = order.filter((item) => match.get(item) === level);
    return [pages.filter((item) => !aside(item)), pages.filter(aside)];
  });
  const first = groups.find((group) => group.length > 0) ?? [];
  const shown = [...first, ...order.filter((item) => !first.includes(item))].map((item, i) =>
    item.score === order[i]!.score ? item : { ...item, score: order[i]!.score },
  );
  return { shown, promoted: first.length };
}

/** The release-history cue of every file with a pooled chunk (keyed by fileKey), from all its pooled headings. */
export function releaseHistoryFiles(chunks: Iterable<Chunk>): Map<string, HistoryCue> {
  const byFile = new Map<string, { source: string; headings: (readonly string[])[] }>();
  for (const chunk of chunks) {
    const key = fileKey(chunk);
    const entry = byFile.get(key);
    if (entry === undefined) byFile.set(key, { source: chunk.source, headings: [chunk.headings] });
    else entry.headings.push(chunk.headings);
  }
  const cues = new Map<string, HistoryCue>();
  for (const [key, { source, headings }] of byFile) {
    const cue = releaseHistoryCue(source, headings);
    if (cue !== null) cues.set(key, cue);
  }
  return cues;
}

/**
 * What a search did with the release-history files it found: how many it showed after the other files, or,
 * when the question asks about a change between versions, the words that said so (nothing was moved then).
 */
export interface ReleaseHistoryPlacement {
  readonly demoted: number;
  /** Release-history files put first because their file name or title names a version the question names. */
  readonly promoted: number;
  readonly changeCue: string | null;
}

/**
 * The results `found` (best first, one chunk per file) with release-history files after the others unless
 * the question asks about a change, each file's cue (from every pooled chunk in `chunks`) and what was done
 * (absent when there was nothing to do: no release history found and no change asked about).
 */
export function placeReleaseHistory<T extends { readonly id: string; readonly score: number }>(
  question: string,
  found: readonly T[],
  chunks: ReadonlyMap<string, Chunk>,
): { shown: T[]; cueOf: (item: T) => HistoryCue | null; placed?: ReleaseHistoryPlacement } {
  const cues = releaseHistoryFiles(chunks.values());
  const cueOf = (item: T): HistoryCue | null => {
    const chunk = chunks.get(item.id);
    return chunk === undefined ? null : (cues.get(fileKey(chunk)) ?? null);
  };
  const names = releaseNames(
    [...chunks.values()].filter((chunk) => cues.has(fileKey(chunk))).map((chunk) => chunk.headings),
  );
  const changeCue = changeQuestionCue(question, names);
  if (changeCue !== null) {
    const versionsOf = (item: T): number[][] | null => {
      const chunk = chunks.get(item.id);
      if (chunk === undefined || cueOf(item) === null) return null;
      return pageVersions(chunk.source, chunk.headings[0] ?? '');
    };
    // Words before the version that name neither release history nor an upgrade ("github-stats-8") set the
    // page aside; "version8", "v8", "changes-8", "migration-8" do not.
    const aside = (item: T): boolean => {
      const prefix = fileVersionPrefix(chunks.get(item.id)?.source ?? '');
      return prefix !== '' && releaseHistoryName(prefix) === 'no' && !/upgrad|migrat|porting/.test(prefix);
    };
    const asked = versionsAsked(question, names);
    const { shown, promoted } = versionPagesFirst(found, versionsOf, asked, aside);
    return { shown, cueOf, placed: { demoted: 0, promoted, changeCue } };
  }
  const demoted = found.filter((item) => cueOf(item) !== null).length;
  if (demoted === 0) return { shown: [...found], cueOf };
  return { shown: demoteReleaseHistory(found, cueOf), cueOf, placed: { demoted, promoted: 0, changeCue } };
}
