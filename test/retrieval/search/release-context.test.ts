import { describe, expect, it } from 'vitest';
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
