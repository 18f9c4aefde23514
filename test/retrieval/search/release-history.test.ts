import { describe, expect, it } from 'vitest';
import {
  changeQuestionCue,
  demoteReleaseHistory,
  placeReleaseHistory,
  releaseHistoryCue,
} from '../../../src/retrieval/search/release-history.js';
import type { Chunk } from '../../../src/retrieval/types.js';

describe('releaseHistoryCue', () => {
  it('knows release history by a path part: a releases/ or whatsnew folder, a changelog, release notes', () => {
    expect(releaseHistoryCue('releases/v6.2.0.html', [['Deprecation notice']])).toBe('path');
    expect(releaseHistoryCue('releases.html', [['Release notes']])).toBe('path');
    expect(releaseHistoryCue('history/whatsnew-5.0.html', [])).toBe('path');
    expect(releaseHistoryCue('whatsnew/version8.html', [])).toBe('path');
    expect(releaseHistoryCue('CHANGELOG.md', [])).toBe('path');
    expect(releaseHistoryCue('about/release-notes.html', [])).toBe('path');
    expect(releaseHistoryCue('docs/Release_Notes.md', [])).toBe('path');
  });

  it('knows it by the title, whatever the file is called', () => {
    const requests = [['Community Updates', 'Release History', '2.28.1 (2022-06-29)']];
    expect(releaseHistoryCue('community/updates.html', requests)).toBe('title');
    expect(releaseHistoryCue('page7.html', [['What’s new in Tornado 6.1.0', 'Oct 30, 2020']])).toBe('title');
    expect(releaseHistoryCue('3.2.html', [['Django 3.2 release notes', 'Python compatibility']])).toBe(
      'title',
    );
  });

  it('wants a version or date heading beside a weak name or title ("changes", "history", "news")', () => {
    expect(releaseHistoryCue('changes.html', [['Changes', 'Version 2.2.2']])).toBe('title');
    expect(releaseHistoryCue('NEWS.md', [['Project', '1.4.0 (2021-03-02)']])).toBe('path');
    expect(releaseHistoryCue('history.html', [['History API', 'pushState']])).toBeNull();
    expect(releaseHistoryCue('changes.html', [['Tracking changes', 'Watching files']])).toBeNull();
    expect(releaseHistoryCue('api/v2/users.html', [['Users', 'List users']])).toBeNull();
  });

  it('knows it by headings alone when most of them are versions or dates', () => {
    const versions = [
      ['Notes', '1.2.0 (2020-01-01)'],
      ['Notes', 'Version 1.1.0'],
      ['Notes', 'Released 2019-05-02'],
    ];
    expect(releaseHistoryCue('notes.md', versions)).toBe('headings');
    expect(releaseHistoryCue('notes.md', versions.slice(0, 1))).toBeNull();
    expect(
      releaseHistoryCue('guide.md', [
        ['Guide', 'Install'],
        ['Guide', 'Configure'],
        ['Guide', 'Run'],
        ['Guide', 'Version 1.2'],
      ]),
    ).toBeNull();
  });

  it("knows Debian's change logs and news by name, though their entries are no headings", () => {
    expect(releaseHistoryCue('changelog.Debian.gz', [[]])).toBe('path');
    expect(releaseHistoryCue('doc/kilnkit/NEWS.Debian.gz', [[]])).toBe('path');
    expect(releaseHistoryCue('changelog.Debian.amd64.gz', [[]])).toBe('path');
    expect(releaseHistoryCue('README.Debian', [[]])).toBeNull();
    expect(releaseHistoryCue('news.debian-policy.html', [['Policy', 'Install']])).toBeNull();
  });

  it('reads a gzipped page by the name of its content (changelog.html.gz, NEWS.md.gz)', () => {
    expect(releaseHistoryCue('html-docs/changelog.html.gz', [])).toBe('path');
    expect(releaseHistoryCue('NEWS.md.gz', [['Project', '1.4.0 (2021-03-02)']])).toBe('path');
    expect(releaseHistoryCue('guide.html.gz', [['Guide', 'Install']])).toBeNull();
  });

  it('counts versions written as top-level headings, as the sections of a page without a title above them', () => {
    // docutils writes the document title and each top section as <h1>; MkDocs pages may have no title heading
    const releases = [['Release 0.19 (2022-07-05)'], ['Release 0.9.1 (2012-06-17)']];
    expect(releaseHistoryCue('HISTORY.html', releases.slice(1))).toBe('path');
    expect(releaseHistoryCue('notes.html', releases)).toBe('headings');
    expect(releaseHistoryCue('notes.html', [['0.16.0.0'], ['0.15.1.3'], ['Install']])).toBe('headings');
    expect(releaseHistoryCue('notes.html', [['Install'], ['Configure'], ['1.2.0 (2020-01-01)']])).toBeNull();
    expect(releaseHistoryCue('guide.html', [['Python 3.11', 'Install'], ['Usage']])).toBeNull();
  });

  it('does not take numbered sections for versions', () => {
    const spec = [
      ['Oracle Mode Specification v1.0', '1. Introduction', '1.1 Motivation'],
      ['Oracle Mode Specification v1.0', '2.3 Results'],
      ['Oracle Mode Specification v1.0', '2.4 Limits'],
    ];
    expect(releaseHistoryCue('docs/specifications/oracle-mode-spec.md', spec)).toBeNull();
    expect(releaseHistoryCue('about/history.html', [['History', 'Origins']])).toBeNull();
    const v8 = [
      ['V8', 'v8.cachedDataVersionTag()'],
      ['V8', 'v8.getHeapSnapshot([options])'],
      ['V8', 'v8.setFlagsFromString(flags)'],
    ];
    expect(releaseHistoryCue('v8.html', v8)).toBeNull();
    expect(
      releaseHistoryCue('whatsnew-free/notes.md', [
        ['Notes', 'IPython 8.5.0'],
        ['Notes', '8.4.0'],
      ]),
    ).toBe('headings');
  });

  it('does not take a hub page with one release-notes section for release history', () => {
    const hub = [['Introduction', 'Tools'], ['Guides'], ['Release Notes']];
    expect(releaseHistoryCue('index.html', hub)).toBeNull();
  });

  it('leaves topic pages alone', () => {
    expect(releaseHistoryCue('guide/security.html', [['Authentication and security', 'Cookies']])).toBeNull();
    expect(releaseHistoryCue('deploying/index.html', [['Deploying to Production']])).toBeNull();
    expect(releaseHistoryCue('book/src/part7/migration-strategy.md', [['Migration Strategy']])).toBeNull();
  });
});

describe('changeQuestionCue', () => {
  it('hears a question about a change between versions', () => {
    expect(changeQuestionCue('What changed in Tornado 6.2?')).toBe('what changed');
    expect(changeQuestionCue('When was AsyncTestCase deprecated?')).toBe('deprecated');
    expect(changeQuestionCue('Is the routing module new in 4.5?')).toBe('new in');
    expect(changeQuestionCue('Which release introduced tornado.locks?')).toBe('which release');
    expect(changeQuestionCue('Bugs fixed in the 6.0.4 patch release')).toBe('patch release');
    expect(changeQuestionCue('Bugs fixed in the most recent release')).toBe('recent release');
    expect(changeQuestionCue('Bugs fixed in the newest release')).toBe('newest release');
    expect(changeQuestionCue('Can I run it on Python 2.7?')).toBe('2.7');
    expect(changeQuestionCue('Moving an app from Tornado 4 to 5')).toBe('from tornado 4 to 5');
    expect(changeQuestionCue('When was the callback argument removed')).toBe('removed');
    expect(changeQuestionCue('when were type hints added to the package')).toMatch(/^when .*added$/);
    expect(changeQuestionCue("What's new for asyncio users?")).toBe('s new');
    expect(changeQuestionCue('How do I upgrade from the old API?')).toBe('upgrade');
    expect(changeQuestionCue('Is the third reload mode a recent addition?')).toBe('recent addition');
  });

  it('hears a yes/no question whether something still holds, and what happened to something', () => {
    const loop = 'Do I still have to configure a special event loop on Windows with a recent Python?';
    expect(changeQuestionCue(loop)).toBe('do i still');
    expect(changeQuestionCue('Is the pickle serializer still supported?')).toBe(
      'is the pickle serializer still',
    );
    expect(changeQuestionCue('Should I still pass a callback?')).toBe('should i still');
    expect(changeQuestionCue('Our data stays here: does the old flag still work?')).toBe(
      'does the old flag still',
    );
    expect(changeQuestionCue('Why does the startup hook no longer run?')).toBe(
      'why does the startup hook no longer',
    );
    expect(changeQuestionCue('What happened to the callback argument of fetch?')).toBe('what happened to');
  });

  it('hears when something happened in the past, and which release, a few words before "release"', () => {
    expect(changeQuestionCue('When did the runner start rewriting assert statements?')).toBe('when did');
    expect(changeQuestionCue('When could I first pass a list of secrets?')).toBe('when could');
    expect(changeQuestionCue('Reading a cookie without the secret, when was that option first added?')).toBe(
      'when was that option first added',
    );
    expect(changeQuestionCue('Which old release added the timeout argument?')).toBe('which … release');
    expect(changeQuestionCue('Which quick follow-up release fixed the leak?')).toBe('which … release');
  });

  it('hears which release by its place in the line: first, initial, latest, previous, stable, current, final', () => {
    expect(changeQuestionCue('first release of brewctl steep run and log')).toBe('first release');
    expect(changeQuestionCue('What did the initial release support?')).toBe('initial release');
    expect(changeQuestionCue('Is the proxy fix in the latest release?')).toBe('latest release');
    expect(changeQuestionCue('How did the previous release read the config file?')).toBe('previous release');
    expect(changeQuestionCue('First release the lock, then close the file')).toBeNull();
    expect(changeQuestionCue('Which release the fix went into?')).toBe('which release');
  });

  it('hears no change in an ordinary question, even with numbers or "release" in it', () => {
    for (const question of [
      'How do I set a cookie?',
      'How do I release a lock held by a coroutine?',
      'Behind nginx every remote_ip is 127.0.0.1',
      'Does the client speak HTTP/1.1 keep-alive?',
      'Retry after 1.5 seconds',
      'Which files changed since the last build?',
      'Call it off if it is no longer needed',
      'The new user form',
      'Browsers still show the old stylesheet after I deploy; how do I make them reload it?',
      'How do I run a function later and call it off if it is no longer needed?',
      'My page is still blank after the server restarts',
      'Is the handler that is still running cancelled when the client goes away, or does it go on and on until it ends?',
      'What happened during the request that failed?',
      'Is the page still loading when the script runs?',
      'Are my tasks still running after the worker restarts?',
      'My corpus is too big for memory; can I still train on it by streaming?',
      'When I start the server, it crashes',
      'When was the handler called during the request?',
      'What does release() return?',
      'Which function should I call to release the lock?',
    ]) {
      expect(changeQuestionCue(question), question).toBeNull();
    }
  });
});

describe('demoteReleaseHistory', () => {
  it('puts history after the other items, keeps each group in order, and keeps scores falling', () => {
    const order = [
      { id: 'h1', score: 0.9 },
      { id: 'a', score: 0.8 },
      { id: 'h2', score: 0.7 },
      { id: 'b', score: 0.6 },
    ];
    const demoted = demoteReleaseHistory(order, (item) => (item.id.startsWith('h') ? 'path' : null));
    expect(demoted.map((item) => item.id)).toEqual(['a', 'b', 'h1', 'h2']);
    expect(demoted.map((item) => item.score)).toEqual([0.8, 0.6, 0.6, 0.6]);
    expect(demoteReleaseHistory(order, () => null)).toEqual(order);
  });
});

describe('placeReleaseHistory', () => {
  const chunk = (id: string, source: string, headings: string[]): Chunk => ({
    id,
    collection: 'docs',
    source,
    component: null,
    headings,
    lines: [1, 2],
    text: '',
  });
  const chunks = new Map(
    [
      chunk('n#0', 'changes.html', ['Changes', 'Version 2.2.2']),
      chunk('n#1', 'changes.html', ['Changes', 'Version 2.2.1']),
      chunk('g#0', 'guide/cookies.html', ['Cookies']),
    ].map((c) => [c.id, c] as const),
  );
  const found = [
    { id: 'n#0', score: 2 },
    { id: 'g#0', score: 1 },
  ];

  it('moves release history below the topic pages for an ordinary question', () => {
    const placed = placeReleaseHistory('How do I set a cookie?', found, chunks);
    expect(placed.shown.map((item) => item.id)).toEqual(['g#0', 'n#0']);
    expect(placed.placed).toEqual({ demoted: 1, promoted: 0, changeCue: null });
    expect(placed.cueOf(found[0]!)).toBe('title');
    expect(placed.cueOf(found[1]!)).toBeNull();
  });

  it('leaves it in place for a question about a change', () => {
    const placed = placeReleaseHistory('What changed about cookies in 2.2?', found, chunks);
    expect(placed.shown).toEqual(found);
    expect(placed.placed).toEqual({ demoted: 0, promoted: 0, changeCue: 'what changed' });
  });

  it('puts the pages of the version a question names first, by path or title, in their order', () => {
    const pages = new Map(
      [
        chunk('r#0', 'releases.html', ['Release notes']),
        chunk('a#0', 'releases/v6.0.0.html', ['What’s new in Tornado 6.0.0']),
        chunk('b#0', 'releases/v6.1.0.html', ['What’s new in Tornado 6.1.0']),
        chunk('c#0', 'news.html', ['News', 'Tornado 6.1.1 (2021-01-10)']),
        chunk('d#0', 'notes/latest.html', ['What’s new in Tornado 6.1.2']),
        chunk('e#0', 'releases/v16.1.0.html', ['What’s new in Tornado 16.1.0']),
        chunk('g#0', 'guide/cookies.html', ['Cookies in 6.1']),
      ].map((c) => [c.id, c] as const),
    );
    const order = ['r#0', 'a#0', 'g#0', 'e#0', 'b#0', 'd#0'].map((id, i) => ({ id, score: 6 - i }));
    const placed = placeReleaseHistory('What changed in Tornado 6.1?', order, pages);
    expect(placed.shown.map((item) => item.id)).toEqual(['b#0', 'd#0', 'r#0', 'a#0', 'g#0', 'e#0']);
    expect(placed.shown.map((item) => item.score)).toEqual([6, 5, 4, 3, 2, 1]);
    expect(placed.placed).toEqual({ demoted: 0, promoted: 2, changeCue: 'what changed' });
    const asked = placeReleaseHistory('Is the cookie API deprecated?', order, pages);
    expect(asked.shown).toEqual(order);
  });

  it('puts a series page first only when the patch version asked has no page of its own', () => {
    const pages = new Map(
      [
        chunk('g#0', 'guide/shell.html', ['The shell']),
        chunk('s#0', 'releases/v6.0.0.html', ['What’s new in Tornado 6.0']),
        chunk('p#0', 'releases/v6.0.4.html', ['What’s new in Tornado 6.0.4']),
        chunk('w#0', 'whatsnew/version8.html', ['8.x Series']),
      ].map((c) => [c.id, c] as const),
    );
    const order = ['g#0', 's#0', 'p#0'].map((id, i) => ({ id, score: 3 - i }));
    const patch = placeReleaseHistory('Which bugs were fixed in 6.0.4?', order, pages);
    expect(patch.shown.map((item) => item.id)).toEqual(['p#0', 'g#0', 's#0']);
    const series = placeReleaseHistory('What changed in 6.0.1?', order, pages);
    expect(series.shown.map((item) => item.id)).toEqual(['s#0', 'g#0', 'p#0']);
    const eight = placeReleaseHistory(
      'What changed in 8.5.0?',
      [
        { id: 'g#0', score: 2 },
        { id: 'w#0', score: 1 },
      ],
      pages,
    );
    expect(eight.shown.map((item) => item.id)).toEqual(['w#0', 'g#0']);
    expect(eight.placed).toMatchObject({ promoted: 1 });
  });

  it('moves a page named for something else about the version (github-stats-8) up only when it is the only one', () => {
    const pages = new Map(
      [
        chunk('s#0', 'whatsnew/github-stats-8.html', ['Issues closed in the 8.x development cycle']),
        chunk('g#0', 'guide/shell.html', ['The shell']),
        chunk('w#0', 'whatsnew/version8.html', ['8.x Series']),
        chunk('m#0', 'whatsnew/migration-8.html', ['Migrating to 8']),
      ].map((c) => [c.id, c] as const),
    );
    const order = ['s#0', 'g#0', 'w#0', 'm#0'].map((id, i) => ({ id, score: 4 - i }));
    const both = placeReleaseHistory("What's new in version 8?", order, pages);
    expect(both.shown.map((item) => item.id)).toEqual(['w#0', 'm#0', 's#0', 'g#0']);
    expect(both.placed).toMatchObject({ promoted: 2 });
    const alone = placeReleaseHistory("What's new in version 8?", order.slice(0, 2), pages);
    expect(alone.shown.map((item) => item.id)).toEqual(['s#0', 'g#0']);
    expect(alone.placed).toMatchObject({ promoted: 1 });
  });
});
