import { describe, expect, it } from 'vitest';
import {
  asksNewestRelease,
  mayShowNewest,
  newestChunk,
  newestRelease,
  openingVersion,
} from '../../../src/retrieval/search/latest-release.js';
import { questionStems } from '../../../src/retrieval/search/shown-chunk.js';
import type { Chunk } from '../../../src/retrieval/types.js';

const chunk = (n: number, headings: string[], text = 'Fixed a crash.'): Chunk => ({
  id: `notes.html#${n}`,
  collection: 'c',
  source: 'notes.html',
  component: null,
  headings,
  lines: [n * 10 + 1, n * 10 + 9],
  text,
});

describe('asksNewestRelease', () => {
  it('knows a question about the newest release without a version number', () => {
    expect(asksNewestRelease('what changed in the latest release')).toBe(true);
    expect(asksNewestRelease("What's new in the newest version?")).toBe(true);
    expect(asksNewestRelease('what is in the most recent release')).toBe(true);
    expect(asksNewestRelease('changes in the last release')).toBe(true);
    expect(asksNewestRelease('bug fixes of the current version')).toBe(true);
  });

  it('leaves other questions alone: a version named, the last release that did something, no release', () => {
    expect(asksNewestRelease('what changed in the latest 2.9 release')).toBe(false);
    expect(asksNewestRelease('the last release that supported Python 2')).toBe(false);
    expect(asksNewestRelease('install the latest client library')).toBe(false);
    expect(asksNewestRelease('what changed in release 2.2')).toBe(false);
    expect(asksNewestRelease('how do I set the heater')).toBe(false);
  });
});

describe('newestRelease', () => {
  const NEW_FIX = chunk(1, ['Release Notes', 'Notes for kettled 2.10.1', 'Bug fixes']);
  const NEW_FEATURE = chunk(2, ['Release Notes', 'Notes for kettled 2.10.1', 'Feature changes']);
  const OLD = chunk(3, ['Release Notes', 'Notes for kettled 2.9.0', 'Bug fixes']);
  const OLDER = chunk(
    4,
    ['Release Notes', 'Notes for kettled 2.2.0', 'Feature changes'],
    'what changed: latest',
  );
  const INTRO = chunk(0, ['Release Notes']);

  it('gives the chunks under the highest version (numbers compared as numbers, 2.10 above 2.9)', () => {
    expect(newestRelease([OLDER, OLD, INTRO, NEW_FIX, NEW_FEATURE])).toEqual([3, 4]);
    expect(newestRelease([OLD, OLDER])).toEqual([0]);
  });

  it('reads a patch level written after the version as its last part (sudo 1.9.13p3, OpenSSH 9.2p1)', () => {
    const sudo = (n: number, version: string) => chunk(n, ['Sudo news', `What's new in Sudo ${version}`]);
    const notes = [sudo(1, '1.9.12p2'), sudo(2, '1.9.13'), sudo(3, '1.9.13p3'), sudo(4, '1.9.13p2')];
    expect(newestRelease(notes)).toEqual([2]);
    expect(newestRelease([chunk(5, ['OpenSSH 9.2p1']), chunk(6, ['OpenSSH 9.3'])])).toEqual([1]);
  });

  it('reads a merged chunk by its members and gives nothing when no heading names a version', () => {
    const merged: Chunk = {
      ...chunk(5, ['Release Notes'], 'Version 3.0.0\nFirst.\n\nVersion 2.9.9\nSecond.'),
      members: [
        { headings: ['Release Notes', 'Version 3.0.0'], lines: [51, 52], from: 0 },
        { headings: ['Release Notes', 'Version 2.9.9'], lines: [54, 55], from: 3 },
      ],
    };
    expect(newestRelease([NEW_FIX, merged])).toEqual([1]);
    expect(newestRelease([INTRO, chunk(6, ['Release Notes', 'Upgrading'])])).toEqual([]);
  });

  it("shows the newest release's section the question's words pick, else none", () => {
    const q = questionStems('what changed in the latest release');
    expect(newestChunk(q, [OLDER, OLD, NEW_FIX, NEW_FEATURE], undefined)).toBe(NEW_FEATURE);
    expect(newestChunk(q, [INTRO, chunk(6, ['Release Notes', 'Upgrading'], 'what changed')], undefined)).toBe(
      null,
    );
  });

  it('reads the whole file when the collection gives it, not only the pooled chunks', () => {
    const q = questionStems('what changed in the latest release');
    expect(newestChunk(q, [OLDER, OLD], [INTRO, NEW_FIX, OLD, OLDER])).toBe(NEW_FIX);
  });
});

describe('openingVersion (plain-text histories without headings)', () => {
  it('reads a version beside a release word in the opening line', () => {
    expect(openingVersion('Changes in 2.40:\n\n* Objdump has a new option')).toEqual([2, 40]);
    expect(openingVersion('-*- text -*-\n\nChanges in 2.40:\n* New.')).toEqual([2, 40]);
    expect(openingVersion('Noteworthy changes in version 2.2.40 (2022-10-10)\n---')).toEqual([2, 2, 40]);
    expect(
      openingVersion('This is a terse description of the new features added to bash-5.2 since\nthe release'),
    ).toEqual([5, 2]);
    expect(openingVersion('This is GNU bc version 1.07.1.  (And dc version 1.4.1)')).toEqual([1, 7, 1]);
  });

  it('reads no version from a line that names no release, nor from later lines', () => {
    expect(openingVersion('a. waits 2.5 seconds before it retries')).toBe(null);
    expect(openingVersion('j. New key bindings\nthe release of bash-2.05.')).toBe(null);
    expect(openingVersion('')).toBe(null);
  });

  it('tells the sections of a heading-less NEWS file apart by their opening lines', () => {
    const news = (n: number, text: string): Chunk => ({ ...chunk(n, [], text), source: 'bash/NEWS.gz' });
    const newer = news(0, 'This is a terse description of the new features added to bash-5.2 since');
    const older = news(41, 'j. New keys\nThis is a terse description of the new features added to bash-2.05');
    const oldest = news(50, 'This is a terse description of the new features added to bash-2.0 since');
    expect(newestRelease([older, oldest, newer])).toEqual([2]);
    const q = questionStems('what changed in the latest release of bash');
    expect(newestChunk(q, [older, oldest], [newer, older, oldest])).toBe(newer);
  });
});

describe('mayShowNewest', () => {
  it('takes release history by its cue or by a history name, not other files', () => {
    expect(mayShowNewest('guide.html', 'headings')).toBe(true);
    expect(mayShowNewest('bash/NEWS.gz', null)).toBe(true);
    expect(mayShowNewest('CHANGELOG.md', null)).toBe(true);
    expect(mayShowNewest('guide.html', null)).toBe(false);
  });
});
