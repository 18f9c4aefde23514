import { describe, expect, it } from 'vitest';
import {
  fileVersionPrefix,
  pageVersions,
  versionMatch,
  versionsAsked,
  versionsNamed,
} from '../../../src/retrieval/search/release-versions.js';

describe('pageVersions', () => {
  it('reads the version of a release page however its file is named', () => {
    const cases: [string, number[]][] = [
      ['releases/v6.3.0.html', [6, 3, 0]],
      ['whatsnew/version8.html', [8]],
      ['whatsnew/version0.13.html', [0, 13]],
      ['releases/3.2.5.html', [3, 2, 5]],
      ['changes-2.x.html', [2]],
      ['docs/changes_1.0.md', [1, 0]],
      ['NEWS-4.md', [4]],
      ['release-notes/v5.rst', [5]],
    ];
    for (const [source, version] of cases) expect(pageVersions(source, ''), source).toContainEqual(version);
  });

  it('reads a version from the title when the file name has none', () => {
    expect(pageVersions('notes/latest.html', 'What’s new in Tornado 6.1.2')).toEqual([[6, 1, 2]]);
    expect(pageVersions('whatsnew/version8.html', '8.x Series')).toEqual([[8]]);
  });

  it('finds no version in a page named without one', () => {
    for (const source of ['CHANGELOG.md', 'NEWS', 'changes.html', 'releases.html', 'whatsnew/index.html']) {
      expect(pageVersions(source, 'Release notes'), source).toEqual([]);
    }
  });
});

describe('versionsAsked', () => {
  it('takes the version an upgrade goes to, with or without a dot', () => {
    expect(versionsAsked('What changed from Tornado 4 to 5?')).toEqual([[5]]);
    expect(versionsAsked('Moving from IPython 7 to 8: which of my habits will break?')).toEqual([[8]]);
    expect(versionsAsked('Upgrading from 5.1 to 6.0.4, what breaks?')).toEqual([[6, 0, 4]]);
  });

  it('takes dotted versions and the numbers the words around them make versions', () => {
    expect(versionsAsked('What changed in 8.5.0?')).toEqual([[8, 5, 0]]);
    expect(versionsAsked("What's new in IPython 8?")).toEqual([[8]]);
    expect(versionsAsked('Which functions were removed in version 3?')).toEqual([[3]]);
    expect(versionsAsked('What changed in 6.1 and what is new in release 7?')).toEqual([[6, 1], [7]]);
  });

  it('takes no bare number in ordinary words for a version', () => {
    for (const question of [
      'How do I use 2 workers?',
      'Is HTTP 2 still supported?',
      'Do I still need Python 3 for the new parser?',
      'What changed in the last 5 minutes of the log?',
      'What changed about the v8 heap snapshot?',
      'Retry after 1.5 seconds, what changed?',
      'Scaling from 2 to 5 seconds of timeout',
    ]) {
      expect(versionsAsked(question), question).toEqual([]);
    }
  });

  it('leaves the dotted versions a text names as they were', () => {
    expect(versionsNamed('Tornado 4 to 5 on HTTP/1.1 from 127.0.0.1')).toEqual([]);
    expect(versionsNamed('v6.0.4 and 2.7')).toEqual([
      [6, 0, 4],
      [2, 7],
    ]);
  });
});

describe('versionMatch', () => {
  it('matches a version and its releases first, then the series a patch version belongs to', () => {
    expect(versionMatch([[8, 5, 0]], [[8, 5, 0]])).toBe(2);
    expect(versionMatch([[5, 0, 0]], [[5]])).toBe(2);
    expect(versionMatch([[8]], [[8, 5, 0]])).toBe(1);
    expect(versionMatch([[8, 5]], [[8, 5, 0]])).toBe(1);
    expect(versionMatch([[8, 4, 0]], [[8, 5, 0]])).toBe(0);
    expect(versionMatch([[16, 1]], [[6, 1]])).toBe(0);
    expect(versionMatch([[6, 10]], [[6, 1]])).toBe(0);
    expect(versionMatch([], [[6, 1]])).toBe(0);
  });
});

describe('fileVersionPrefix', () => {
  it('gives the words a file name puts before its version, and none for a "v"', () => {
    const cases: [string, string][] = [
      ['whatsnew/github-stats-8.html', 'github-stats'],
      ['whatsnew/version8.html', 'version'],
      ['releases/v6.1.0.html', ''],
      ['releases/3.2.5.html', ''],
      ['changes-2.x.html', 'changes'],
      ['guide/shell.html', ''],
    ];
    for (const [source, prefix] of cases) expect(fileVersionPrefix(source), source).toBe(prefix);
  });
});
