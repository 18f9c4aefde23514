import { describe, expect, it } from 'vitest';
import { releaseNames } from '../../../src/retrieval/search/release-context.js';
import { changeQuestionCue } from '../../../src/retrieval/search/release-history.js';
import { versionsAsked } from '../../../src/retrieval/search/release-versions.js';

/**
 * Questions written for this table before the rule was changed: "version N" of a protocol, an API, a file
 * format or a token is no release of the product, and an amount "from 2 to 5 workers" is no upgrade, while
 * the same words in a release context (a release word, an upgrade, the product's own name) still ask for a
 * release. Each row: the question, the product names the collection's release pages give, the versions asked.
 */
const NOT_RELEASES: readonly string[] = [
  'How do I switch the client to API version 3?',
  'What does protocol version 2 add to the handshake?',
  'Which fields does a version 4 UUID contain?',
  'How do I read a file written in format version 5?',
  'My schema version 7 migration fails on startup',
  'Is TLS version 1 still allowed by default?',
  'How do I send a version 2 signed token in the header?',
  'Which Python version 3 features can my plugin use?',
  'How do I pin the pickle protocol version 4 when saving the cache?',
  'What is stored in the version 3 header of the index file?',
  'How do I generate v4 UUIDs?',
  'Does the config file format version 2 allow comments?',
  'What changed in version 2 of the wire protocol?',
  "What's new in the version 2 task format?",
  'Which fields were added to the release 2 manifest schema?',
  'Scale the pool from 2 to 5 workers when the queue grows',
  'How do I raise the timeout from 30 to 60 seconds?',
  'Grow the cluster from 3 to 7 replicas without downtime',
  'Increase the cache from 256 to 512 MB after an upgrade',
];

const RELEASES: ReadonlyArray<readonly [string, readonly string[], number[][]]> = [
  ['What changed in version 5?', [], [[5]]],
  ['How do I upgrade to version 6?', [], [[6]]],
  ['Where are the release notes for version 4?', [], [[4]]],
  ["What's new in version 3?", [], [[3]]],
  ['Is there a migration guide for moving to release 7?', [], [[7]]],
  ['Does Foo version 5 still support Python 2?', ['foo'], [[5]]],
  ['Is version 2 of Foo compatible with my old plugins?', ['foo'], [[2]]],
  ['Which options were deprecated in v4?', [], [[4]]],
  ['After upgrading to v3 my handlers stopped working', [], [[3]]],
  ['What breaks when I upgrade from 5 to 6?', [], [[6]]],
  ['Moving from 2 to 3: which settings were renamed?', [], [[3]]],
  ['Which functions were removed in version 3?', [], [[3]]],
  ['Since version 4, which settings were renamed?', [], [[4]]],
];

describe('a bare version number names a release only in a release context', () => {
  it('takes no version of a protocol, API, format or token, nor an amount, for a release', () => {
    for (const question of NOT_RELEASES) expect(versionsAsked(question, ['foo']), question).toEqual([]);
  });

  it('takes the release a release question names, by a release word, an upgrade or the product name', () => {
    for (const [question, names, versions] of RELEASES) {
      expect(versionsAsked(question, names), question).toEqual(versions);
    }
  });

  it('needs the context: without a release word or the product name "version 5" is no release', () => {
    expect(versionsAsked('Does Foo version 5 still support Python 2?', [])).toEqual([]);
    expect(versionsAsked('Does Bar version 5 still support Python 2?', ['foo'])).toEqual([]);
  });
});

describe('changeQuestionCue hears neither a bound "version N" nor an amount range', () => {
  it('takes no protocol, API or format version and no "from 2 to 5 workers" for a change question', () => {
    for (const question of [
      'How do I switch the client to API version 3?',
      'What does protocol version 2 add to the handshake?',
      'Which fields does a version 4 UUID contain?',
      'How do I read a file written in format version 5?',
      'How do I send a version 2 signed token in the header?',
      'What is stored in the version 3 header of the index file?',
      'Scale the pool from 2 to 5 workers when the queue grows',
      'How do I raise the timeout from 30 to 60 seconds?',
      'Grow the cluster from 3 to 7 replicas without downtime',
      'Resize the volume from 1.5 to 2.5 GB',
    ]) {
      expect(changeQuestionCue(question), question).toBeNull();
    }
  });

  it('still hears the release questions', () => {
    expect(changeQuestionCue('Does Foo version 5 still support Python 2?')).not.toBeNull();
    expect(changeQuestionCue('What breaks when I upgrade from 5 to 6?')).not.toBeNull();
    expect(changeQuestionCue('Moving from 2 to 3: which settings were renamed?')).not.toBeNull();
    expect(changeQuestionCue('Moving an app from Tornado 4 to 5')).toBe('from tornado 4 to 5');
    expect(changeQuestionCue('Which version added the retry option?')).toBe('version');
  });
});

/**
 * The second table, written before the change: a dotted version another noun owns ("Python 3.2", "TLS 1.2")
 * where nothing says release, and the amount a noun phrase ranges over ("a rating from 1 to 5"), are no
 * release; the product's name comes from the release pages' headings too ("8.x Series" › "Quux 8.5.0").
 */
const MORE_NOT_RELEASES: readonly string[] = [
  'Does Foo 6 still run on Python 3.2?',
  'Can the client negotiate TLS 1.2 with older proxies?',
  'Is OpenSSL 1.1 enough to build the extension module?',
  'Which OAuth 2.0 grant types does the login helper cover?',
  'My project pins Django 3.2; how do I mount the app under it?',
  'How do I point the test runner at Python version 3.11?',
  'Does the HTTP 1.1 parser keep idle connections open?',
  'My survey stores a rating from 1 to 5; which column type fits?',
  'How do I map the priority from 0 to 9 to queue names?',
  'Set the log level from 1 to 3 with the flag',
  'What does a retry count from 3 to 6 do?',
  'Draw a progress scale from 0 to 10 in the status bar',
];

/** Release pages' heading paths where the titles name no product ("8.x Series") and the headings below do. */
const SERIES_HEADINGS: readonly (readonly string[])[] = [
  ['8.x Series', 'Quux 8.5.0', 'Restored line numbers'],
  ['8.x Series', 'Quux 8.0', 'Support for Python 3.8 dropped'],
  ['8.x Series', 'Quux 8.0', 'Deprecations'],
  ['7.x Series', 'Quux 7.34'],
  ['Issues closed in the 8.x development cycle', 'Jul 3, 2022'],
];

const MORE_RELEASES: ReadonlyArray<readonly [string, readonly string[], number[][]]> = [
  ['Which Python 3.5 features were removed in this release?', [], [[3, 5]]],
  ['What is new in Foo 2.4?', [], [[2, 4]]],
  ['Does Foo 6.1 still accept callbacks?', ['foo'], [[6, 1]]],
  ['Is 3.2 the last series with the old scheduler?', ['foo'], [[3, 2]]],
  ['Can I still run Foo 6.2 on Python 3.8?', ['foo'], [[6, 2]]],
  ['Which Foo 6.0.4 fixes touch the scheduler?', ['foo'], [[6, 0, 4]]],
  ['Upgrading the app from 4 to 5 broke my templates', [], [[5]]],
  ['Since version 5 renders the sidebar differently, where is the old option?', [], [[5]]],
  ['Moving the app from 4 to 5: what do I rewrite?', [], [[5]]],
  ['After moving the project from 6 to 7, which settings were renamed?', [], [[7]]],
  ['Moving from Quux 7.x to 8.0: what breaks?', [], [[8, 0]]],
  ['What changed in Quux version 8?', ['quux'], [[8]]],
  ['Does Quux version 8 still load my old config?', ['quux'], [[8]]],
  ['Which options does version 5 of Quux drop?', ['quux'], [[5]]],
];

describe('a dotted version, a ranged amount and the product name follow the same release context', () => {
  it('takes no dotted version another noun owns, and no amount of a noun phrase, for a release', () => {
    for (const question of MORE_NOT_RELEASES) expect(versionsAsked(question, ['foo']), question).toEqual([]);
  });

  it('still takes the releases a release word, an upgrade, the product name or a lone dotted number names', () => {
    for (const [question, names, versions] of MORE_RELEASES) {
      expect(versionsAsked(question, names), question).toEqual(versions);
    }
  });

  it('reads the product name from the headings under release-page titles that name no product', () => {
    const names = releaseNames(SERIES_HEADINGS);
    expect(names).toEqual(['quux']);
    expect(versionsAsked('What changed in Quux version 8?', names)).toEqual([[8]]);
    expect(versionsAsked('Is version 8 of Quux slower to start?', names)).toEqual([[8]]);
    expect(releaseNames([['8.x Series'], ['Issues closed in the 8.x development cycle']])).toEqual([]);
    expect(releaseNames([["What's new in Foo 6.1.0", 'Jul 3, 2022'], ['Jul 9, 2021']])).toEqual(['foo']);
  });

  it('hears no change in an amount of a noun phrase, and still hears an owned dotted version', () => {
    expect(changeQuestionCue('My survey stores a rating from 1 to 5; which column type fits?')).toBeNull();
    expect(changeQuestionCue('Each retry count from 3 to 6 doubles the pause')).toBeNull();
    expect(changeQuestionCue('Upgrading the app from 4 to 5 broke my templates')).not.toBeNull();
    expect(changeQuestionCue('Can I still run the newest Foo on Python 2.7?')).toBe('2.7');
  });
});

/**
 * The third table, written before the change (s20-newuser: Babel's changelog stayed 4th for 'turn a number a
 * user typed as "1.234,5" into a float', read as a question about release 1.234): a number written with both
 * separators, and the operands of arithmetic between numbers, are data the question is about, never a
 * version; a version beside an operator and a word ("numpy >= 1.20") or a range of versions ("2.0-2.3") is.
 */
describe('changeQuestionCue takes no numeral or arithmetic for a version', () => {
  it('hears no change in a number written with separators or in a sum', () => {
    for (const question of [
      'turn a number a user typed as "1.234,5" into a float',
      'Format 1,234.56 as a currency amount',
      '0.1 + 0.2 == 0.3 is FALSE, why',
      'Why is 1.1 * 3 not 3.3?',
      'Is 2.5 / 0.5 exactly 5?',
    ]) {
      expect(changeQuestionCue(question), question).toBeNull();
    }
  });

  it('still hears versions beside words, ranges of versions and versions with separators of their own', () => {
    expect(changeQuestionCue('What changed in 2.1?')).not.toBeNull();
    expect(changeQuestionCue('Does the reader still work with numpy >= 1.20?')).not.toBeNull();
    expect(changeQuestionCue('Which settings moved between 2.0-2.3')).toBe('2.0');
    expect(changeQuestionCue('Moving 1.4 code onto 2.0, what breaks')).toBe('1.4');
    expect(versionsAsked('What is new in 6.1, and in 6.2?', [])).toEqual([
      [6, 1],
      [6, 2],
    ]);
  });
});
