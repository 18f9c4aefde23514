/**
 * Whether a bare version number in a question ("version 2", "release 7", "v4") names a release of the
 * product the collection documents. Documentation names many other versions: of a protocol ("protocol
 * version 2"), an API, a file format, a token ("a version 2 task message"). A number names a release only in
 * a release context (a release word, an upgrade, the product's own name beside it) and never when another
 * noun owns it. A range "from 2 to 5 workers" is an amount, not an upgrade. Pure functions; release-versions.ts
 * and release-history.ts apply them.
 */
import { isStopWord } from '../../text/index.js';

/** Words after a number that make it an amount ("1.5 seconds", "512 MB"), not a version. */
export const UNITS = /^(?:%|x|s|ms|sec|secs|seconds?|minutes?|hours?|days?|[kmgt]i?b|px|em|times|percent)$/;

/** Words that say a question is about releases: "release notes", "upgrade", "what's new", "deprecated". */
const RELEASE_WORDS =
  /\b(?:releas\w*|upgrad\w*|migrat\w*|changelogs?|change logs?|what s new|whats new|new in|changed|changes in|what changes|added|removed|renamed|deprecat\w*|introduced|dropped|breaking|since)\b/;

/**
 * Words beside "version N" that do not own it: they pick a version ("new", "latest", "major"), act on one
 * ("install", "pin", "supports", "breaks") or say when ("still", "without"). Any other word that is not a
 * stop word, a release word or the product's name owns the version: "protocol version 2", "version 2 tokens".
 */
const NOT_OWNERS: ReadonlySet<string> = new Set(
  (
    'new newer newest old older oldest latest next last first previous prior current recent earlier later ' +
    'upcoming major minor patch stable final beta specific exact particular supported installed ' +
    'install pin run runs require requires support supports target choose pick downgrade keep try test ' +
    'break breaks add adds remove removes drop drops change changes work works ship ships bring brings ' +
    'include includes introduce introduces deprecate deprecates fix fixes allow allows handle handles ' +
    'accept accepts fail fails compare compares behave behaves differ differs mean means come comes ' +
    'contain contains look looks still already yet ever without onwards onward anymore series line branch lts notes'
  ).split(' '),
);

/** Whether `word` (beside a version number) owns it: a noun such as "protocol", "API", "message". */
function ownsVersion(word: string | undefined, names: ReadonlySet<string>): boolean {
  if (word === undefined) return false;
  return !(isStopWord(word) || names.has(word) || NOT_OWNERS.has(word) || RELEASE_WORDS.test(word));
}

/** Lower case with apostrophes as spaces, one character for one ("What’s" → "what s"), so indices agree. */
function plain(question: string): string {
  return question.toLowerCase().replace(/[’'`]/g, ' ');
}

/** "version 2", "release 7", "v4": a number without a dot after a version word ("2.x" is a series, kept). */
const MENTION = /\b(?:(version|release)[ -]?|v)(\d{1,4})(?!\d|\.\d)/g;
const WORD_BEFORE = /([a-z][a-z0-9_-]*) $/;
const WORD_AFTER = /^ ([a-z][a-z0-9_-]*)/;
const OF_AFTER = /^ of (?:the |a |an )?([a-z][a-z0-9_-]*)/;

/** One "version N" of a question: where it stands, the number, and what it names. */
export interface VersionMention {
  readonly start: number;
  readonly end: number;
  readonly version: number;
  /** release: a release of the product; owned: another thing's version; unclear: neither is said. */
  readonly names: 'release' | 'owned' | 'unclear';
}

/**
 * The "version N" / "release N" / "vN" mentions of `question`. A mention is owned when a noun stands right
 * before "version" or right after the number, or "of X" follows with X not the product ("version 2 of the
 * protocol"), or a member follows ("v8.getHeapSnapshot"); otherwise it names a release when it says
 * "release", the product's name (`names`) stands beside it, or the question has a release word or an upgrade.
 */
export function versionMentions(question: string, names: readonly string[] = []): VersionMention[] {
  const text = withoutAmounts(plain(question), new Set(names));
  const product = new Set(names);
  const context = RELEASE_WORDS.test(text) || UPGRADE.test(text);
  return [...text.matchAll(MENTION)].map((match) => {
    const start = match.index;
    const end = start + match[0].length;
    const before = WORD_BEFORE.exec(text.slice(0, start))?.[1];
    const after = text.slice(end);
    const of = OF_AFTER.exec(after)?.[1];
    const owned =
      ownsVersion(before, product) ||
      ownsVersion(WORD_AFTER.exec(after)?.[1], product) ||
      (of !== undefined && !product.has(of)) ||
      /^\.[a-wyz]/.test(after);
    const named = (before !== undefined && product.has(before)) || (of !== undefined && product.has(of));
    const release = match[1] === 'release' || named || context;
    return {
      start,
      end,
      version: Number(match[2]),
      names: owned ? 'owned' : release ? 'release' : 'unclear',
    };
  });
}

/** "from Tornado 4 to 5", "from 5.x to 6": a range between two numbers, an upgrade unless an amount. */
const UPGRADE = /\bfrom (?:[a-z][\w.-]* )?v?\d+(?:\.[\dx]+)* to (?:[a-z][\w.-]* )?v?\d+(?:\.\d+)*\b/;
const RANGE = /\bfrom (?:[a-z][\w.-]* )?v?\d+(?:\.\d+)* to v?\d+(?:\.\d+)*(?![\w.]*\d) ?([a-z%][a-z0-9]*)?/g;

/**
 * `text` with every amount range blanked out: "from 2 to 5 workers", "from 30 to 60 seconds", "from 256 to
 * 512 MB" (a unit or a word owning the number follows); "from 4 to 5: what breaks" is an upgrade and stays.
 */
function withoutAmounts(text: string, names: ReadonlySet<string>): string {
  return text.replace(RANGE, (range, word: string | undefined) =>
    word !== undefined && (UNITS.test(word) || ownsVersion(word, names)) ? ' '.repeat(range.length) : range,
  );
}

/**
 * The question, lower case, with what only looks like a version blanked out (one space per character): the
 * owned "version N" mentions ("API version 3") and the amount ranges ("from 2 to 5 workers"). What is left is
 * read for the cue of a question about a change.
 */
export function withoutOtherVersions(question: string, names: readonly string[] = []): string {
  const lower = question.toLowerCase();
  const words = plain(question);
  const amounts = withoutAmounts(words, new Set(names));
  let text = lower
    .split('')
    .map((char, i) => (amounts[i] !== words[i] ? ' ' : char))
    .join('');
  for (const mention of versionMentions(question, names)) {
    if (mention.names !== 'owned') continue;
    text = text.slice(0, mention.start) + ' '.repeat(mention.end - mention.start) + text.slice(mention.end);
  }
  return text;
}

/** A name right before a version in a release page's title: "What's new in Tornado 6.1" gives "tornado". */
const NAME_BEFORE_VERSION = /\b([a-z][a-z0-9_-]*) v?\d+(?:\.(?:\d+|x))*\b/g;

/**
 * The product's name as the release pages' titles write it: the word most of them put before a version
 * ("Tornado" in "What's new in Tornado 6.1"), none when the titles name no version after a word ("8.x Series").
 */
export function releaseNames(titles: Iterable<string>): string[] {
  const counts = new Map<string, number>();
  for (const title of titles) {
    const words = new Set([...plain(title).matchAll(NAME_BEFORE_VERSION)].map((match) => match[1]!));
    for (const word of words) {
      if (isStopWord(word) || /^(?:version|release|v)$/.test(word)) continue;
      counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
  const most = Math.max(0, ...counts.values());
  return [...counts].filter(([, count]) => count === most).map(([word]) => word);
}
