import { describe, expect, it } from 'vitest';
import {
  asksNewestRelease,
  newestRelease,
  newestShown,
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

  it("shows the newest release's section the question's words pick, else the question's own choice", () => {
    const q = questionStems('what changed in the latest release');
    expect(newestShown(q, [OLDER, OLD, NEW_FIX, NEW_FEATURE])).toBe(3);
    expect(newestShown(q, [INTRO, chunk(6, ['Release Notes', 'Upgrading'], 'what changed')])).toBe(1);
  });
});
