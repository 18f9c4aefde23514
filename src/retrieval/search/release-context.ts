/**
 * Whether a version number in a question ("version 2", "release 7", "v4", "3.5") names a release of the
 * product the collection documents. Documentation names many other versions: of a protocol ("protocol
 * version 2"), an API, a language ("Python 3.5"), a token ("a version 2 task message"). A number names a release
 * only in a release context (a release word, an upgrade, the product's own name beside it) and never when
 * another noun owns it. A range "from 2 to 5 workers" or "a rating from 1 to 5" is an amount, not an upgrade.
 * Pure functions; release-versions.ts and release-history.ts apply them.
 */
import { isStopWord } from '../../text/index.js';

/** Words after a number that make it an amount ("1.5 seconds", "512 MB"), not a version. */
export const UNITS = /^(?:%|x|s|ms|sec|secs|seconds?|minutes?|hours?|days?|[kmgt]i?b|px|em|times|percent)$/;

/** Words that say a question is about releases: "release notes", "upgrade", "what's new", "deprecated". */
const RELEASE_WORDS =
  /\b(?:releas\w*|upgrad\w*|migrat\w*|changelogs?|change logs?|what s new|whats new|new in|changed|changes in|what changes|added|removed|renamed|deprecat\w*|introduced|dropped|breaking|since)\b/;

/**
 * Words beside "version N" that pick or place a version rather than own it: which one ("new", "latest",
 * "major", "patch", "installed"), when ("still", "without", "onwards"), or the release line ("series",
 * "branch", "notes"). A closed set about versions themselves; verbs are told apart by position (`ownsVersion`).
 */
const PICKERS: ReadonlySet<string> = new Set(
  (
    'new newer newest old older oldest latest next last first previous prior current recent earlier later ' +
    'upcoming major minor patch stable final beta specific exact particular supported installed ' +
    'still already yet ever without onwards onward anymore series line branch lts notes'
  ).split(' '),
);

/** Words that open a noun phrase or an object ("the", "my", "each", "it"): a word right before one is a verb. */
const DETERMINERS =
  /^(?:a|an|the|my|your|our|their|its|his|her|this|that|these|those|each|every|any|some|no|me|us|them|it)$/;
/** A subject pronoun: the word right after one is a verb ("I install", "it supports"). */
const SUBJECTS = /^(?:i|you|we|they|he|she|it)$/;

/**
 * Whether `word` beside a version number owns it: a noun such as "protocol", "API", "message". Not a stop
 * word, a release word, the product's name or a picker; nor a verb, which its position shows: after a subject
 * when it stands before ("I install version 5"), before an object when it stands after ("version 5
 * renders the sidebar", "from 4 to 5 broke my templates"). `next` is the word on the far side of `word`.
 */
function ownsVersion(
  word: string | undefined,
  next: string | undefined,
  side: 'before' | 'after',
  names: ReadonlySet<string>,
): boolean {
  if (word === undefined) return false;
  if (isStopWord(word) || names.has(word) || PICKERS.has(word) || RELEASE_WORDS.test(word)) return false;
  return !(next !== undefined && (side === 'before' ? SUBJECTS : DETERMINERS).test(next));
}

/** Lower case with apostrophes as spaces, one character for one ("What’s" → "what s"), so indices agree. */
function plain(question: string): string {
  return question.toLowerCase().replace(/[’'`]/g, ' ');
}

/** "version 2", "release 7", "v4": a number without a dot after a version word ("2.x" is a series, kept). */
const MENTION = /\b(?:(version|release)[ -]?|v)(\d{1,4})(?!\d|\.\d)/g;
/** "3.5", "v6.0.4", "version 3.11": a dotted number standing alone (not "HTTP/1.1" nor "127.0.0.1"). */
const DOTTED_MENTION = /(?<![\w./])(?:(version|release)[ -]?|v)?(\d{1,4}(?:\.\d{1,4}){1,2})(?![\w.]*\d)/g;
const WORDS_BEFORE = /(?:([a-z][a-z0-9_-]*) )?([a-z][a-z0-9_-]*) $/;
const WORDS_AFTER = /^ ([a-z][a-z0-9_-]*)(?: ([a-z][a-z0-9_-]*))?/;
const OF_AFTER = /^ of (?:the |a |an )?([a-z][a-z0-9_-]*)/;

/** One version number of a question: where it stands, its numbers, and what it names. */
export interface VersionMention {
  readonly start: number;
  readonly end: number;
  readonly version: readonly number[];
  /** release: a release of the product; owned: another thing's version; unclear: neither is said. */
  readonly names: 'release' | 'owned' | 'unclear';
}

/** How one mention found in `text` reads: owned by a noun beside it, named as the product's, or neither. */
function readMention(text: string, match: RegExpMatchArray, product: ReadonlySet<string>) {
  const start = match.index!;
  const end = start + match[0].length;
  const [, beyond, before] = WORDS_BEFORE.exec(text.slice(0, start)) ?? [];
  const after = text.slice(end);
  const [, next, further] = WORDS_AFTER.exec(after) ?? [];
  const of = OF_AFTER.exec(after)?.[1];
  const named = (before !== undefined && product.has(before)) || (of !== undefined && product.has(of));
  const owned =
    !named &&
    (ownsVersion(before, beyond, 'before', product) ||
      ownsVersion(next, further, 'after', product) ||
      of !== undefined ||
      /^\.[a-wyz]/.test(after));
  return { start, end, version: match[2]!.split('.').map(Number), named, owned };
}

/**
 * The "version N" / "release N" / "vN" mentions of `question`. A mention is owned when a noun stands right
 * before "version" or right after the number, or "of X" follows with X not the product ("version 2 of the
 * protocol"), or a member follows ("v8.getHeapSnapshot"), unless the product's name (`names`) stands beside
 * it; otherwise it names a release when it says "release", the product's name stands beside it, or the
 * question has a release word or an upgrade.
 */
export function versionMentions(question: string, names: readonly string[] = []): VersionMention[] {
  return mentions(question, names, MENTION, false);
}

/**
 * The dotted versions of `question` ("3.5", "Foo 6.1", "Python 3.8"). The dot already says version, so one
 * is owned only when a noun owns it (the same test as `versionMentions`) and nothing in the question says
 * release: "Does Foo 6 still run on Python 3.2?" asks for no 3.2, "Which Python 3.5 features were removed?"
 * still does (a product name of several words, "Apache HTTP Server 2.4", also puts a noun before its version).
 */
export function dottedMentions(question: string, names: readonly string[] = []): VersionMention[] {
  return mentions(question, names, DOTTED_MENTION, true);
}

/**
 * The mentions `pattern` finds in `question`, each read by `readMention`; with `releaseFreesOwned` a release word
 * or an upgrade in the question frees an owned mention (a dotted number), without it ownership holds.
 */
function mentions(
  question: string,
  names: readonly string[],
  pattern: RegExp,
  releaseFreesOwned: boolean,
): VersionMention[] {
  const product = new Set(names);
  const text = withoutAmounts(plain(question), product);
  const context = RELEASE_WORDS.test(text) || UPGRADE.test(text);
  return [...text.matchAll(pattern)].map((match) => {
    const { owned, named, ...place } = readMention(text, match, product);
    const release = match[1] === 'release' || named || context;
    const stillOwned = owned && !(releaseFreesOwned && context);
    return { ...place, names: stillOwned ? 'owned' : release ? 'release' : 'unclear' };
  });
}

/** "from Tornado 4 to 5", "from 5.x to 6": a range between two numbers, an upgrade unless an amount. */
const UPGRADE = /\bfrom (?:[a-z][\w.-]* )?v?\d+(?:\.[\dx]+)* to (?:[a-z][\w.-]* )?v?\d+(?:\.\d+)*\b/;
const RANGE =
  /\bfrom (?:([a-z][\w.-]*) )?v?(\d+(?:\.\d+)*) to v?(\d+(?:\.\d+)*)(?![\w.]*\d)(?: ?([a-z%][a-z0-9]*))?(?=(?: ([a-z][a-z0-9_-]*))?)/g;
/** The last three words before a range ("stores a rating", "set the log level"). */
const WORDS_BEFORE_RANGE = /(?:[a-z][a-z0-9_-]* ){1,3}$/;

/**
 * Whether a range without a name or a dot ("from 1 to 5") is what a noun phrase right before it ranges over:
 * a determiner and one or two nouns ("a rating from 1 to 5", "the log level from 1 to 3"). Not when the
 * question says release, nor when the two numbers follow each other: an upgrade goes to the next release
 * ("moving the app from 4 to 5").
 */
function nounPhraseRange(text: string, at: number, from: string, to: string, names: ReadonlySet<string>) {
  if (RELEASE_WORDS.test(text) || Number(to) - Number(from) === 1) return false;
  const words = (WORDS_BEFORE_RANGE.exec(text.slice(0, at))?.[0] ?? '').trim().split(' ');
  const opens = words.findLastIndex((word, i) => i < words.length - 1 && DETERMINERS.test(word));
  if (opens < 0) return false;
  return words.slice(opens + 1).every((word) => !(isStopWord(word) || names.has(word) || PICKERS.has(word)));
}

/**
 * `text` with every amount range blanked out: "from 2 to 5 workers", "from 30 to 60 seconds", "from 256 to
 * 512 MB" (a unit or a word owning the number follows) and "a rating from 1 to 5" (a noun phrase ranges over
 * it); "from 4 to 5: what breaks" and "from 4 to 5 broke my templates" are upgrades and stay.
 */
function withoutAmounts(text: string, names: ReadonlySet<string>): string {
  let blanked = text;
  for (const match of text.matchAll(RANGE)) {
    if (!isAmount(text, match, names)) continue;
    const [start, end] = [match.index, match.index + match[0].length];
    blanked = blanked.slice(0, start) + ' '.repeat(end - start) + blanked.slice(end);
  }
  return blanked;
}

/** Whether one `RANGE` match of `text` is an amount: a unit or an owning noun follows, or a noun phrase precedes. */
function isAmount(text: string, match: RegExpExecArray, names: ReadonlySet<string>): boolean {
  const [, inside, from = '', to = '', word, next] = match;
  if (word !== undefined && (UNITS.test(word) || ownsVersion(word, next, 'after', names))) return true;
  const plainNumbers = inside === undefined && !from.includes('.') && !to.includes('.');
  return plainNumbers && nounPhraseRange(text, match.index, from, to, names);
}

/** A number: digits, with dots or commas between groups ("0.5", "1.234,5", "1,234.56"). */
const NUMBER = String.raw`(?<![\w.,])\d+(?:[.,]\d+)*(?![\w.,]*\d)`;
const NUMBERS = new RegExp(NUMBER, 'g');
/**
 * Arithmetic between numbers, "0.1 + 0.2 == 0.3", "1.1 * 3": a question about sums. Not a hyphen, which joins
 * a range of versions ("2.0-2.3"), and not an operator with a word on one side ("numpy >= 1.20").
 */
const ARITHMETIC = new RegExp(String.raw`${NUMBER}\s*(?:[+*/×]|[=!<>]=|==|[<>])\s*${NUMBER}`);

/**
 * `text` with the numbers that are data blanked out: every number of a question that does arithmetic ("why
 * is 1.1 * 3 not 3.3"), else those written with both separators, "1.234,5" or "1,234.56" (an amount).
 */
function withoutData(text: string): string {
  const sums = ARITHMETIC.test(text);
  return text.replace(NUMBERS, (number) =>
    sums || (number.includes('.') && number.includes(',')) ? ' '.repeat(number.length) : number,
  );
}

/**
 * The question, lower case, with what only looks like a version blanked out (one space per character): the
 * owned "version N" mentions ("API version 3"), the amount ranges ("from 2 to 5 workers") and the numbers
 * that are data ("1.234,5", "0.1 + 0.2 == 0.3"). What is left is
 * read for the cue of a question about a change. An owned dotted version ("Python 2.7") stays: it asks no
 * release of the product, but a question naming another thing's version is about compatibility, which
 * release notes answer ("Can I still run the newest Foo on Python 2.7?").
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
  return withoutData(text);
}

/**
 * A name right before a version in a heading: "What's new in Tornado 6.1" and "IPython 8.5.0" give a name, a
 * date ("Jul 3, 2022") does not.
 */
const NAME_BEFORE_VERSION = /\b([a-z][a-z0-9_-]*) v?\d+(?:\.(?:\d+|x))*\b(?!,? (?:19|20)\d\d)/g;

/**
 * The product's name as the release pages' headings write it: the word most of their distinct headings put
 * before a version, the page titles ("Tornado" in "What's new in Tornado 6.1") and the headings below them
 * ("IPython 8.5.0" under "8.x Series"); none when no heading names a version after a word. `headingPaths`:
 * the heading paths (title first) of the release pages' chunks. Every builder writes headings; the site
 * title is not kept, and a collection's name also holds the packaging ("python-tornado-doc").
 */
export function releaseNames(headingPaths: Iterable<readonly string[]>): string[] {
  const headings = new Set([...headingPaths].flatMap((path) => path.map(plain)));
  const counts = new Map<string, number>();
  for (const heading of headings) {
    const words = new Set([...heading.matchAll(NAME_BEFORE_VERSION)].map((match) => match[1]!));
    for (const word of words) {
      if (isStopWord(word) || /^(?:version|release|v)$/.test(word)) continue;
      counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
  const most = Math.max(0, ...counts.values());
  return [...counts].filter(([, count]) => count === most).map(([word]) => word);
}
