import { describe, expect, it } from 'vitest';
import { FIRST_LINE_TITLE_MAX, pageTitle } from '../../../src/retrieval/documents/page-title.js';

describe('pageTitle', () => {
  it("reads an HTML page's <title> as its text reads (entities, spacing), also gzipped", () => {
    const page =
      '<html><head><title>\n  Kiln Guide &mdash;\n Firing </title></head><body><p>x</p></body></html>';
    expect(pageTitle('guide/index.html', page)).toBe('Kiln Guide — Firing');
    expect(pageTitle('guide/index.html.gz', page)).toBe('Kiln Guide — Firing');
    expect(
      pageTitle('a.html', '<html><head><title> </title></head><body><h1>Kiln</h1></body></html>'),
    ).toBeNull();
    expect(pageTitle('a.html', '<p>Kiln</p>')).toBeNull();
  });

  it("reads a markdown page's first top-level heading, not a comment inside fenced code", () => {
    const page = 'Lead text.\n\n```sh\n# fire the kiln\nkiln fire\n```\n\n# Firing schedules #\n\n## Ramps\n';
    expect(pageTitle('docs/firing.md', page)).toBe('Firing schedules');
    expect(pageTitle('docs/firing.md', 'Kiln Notes\n\nNo heading below.\n')).toBe('Kiln Notes');
  });

  it('reads the first line of a plain-text page when it stands alone as a title', () => {
    expect(pageTitle('FAQ', '\nKiln Frequently Asked Questions\n\nWhy does it crack?\n')).toBe(
      'Kiln Frequently Asked Questions',
    );
    expect(pageTitle('notes.txt.gz', 'Kiln notes\n')).toBe('Kiln notes');
    expect(pageTitle('README.rst', 'Kilnkit\n\nA kiln controller.\n')).toBe('Kilnkit');
  });

  it('reads no title from a sentence, a paragraph, a list, a rule, a long line or a source file', () => {
    expect(pageTitle('README', 'Files in this directory:\n\nfire.sh   fires the kiln\n')).toBeNull();
    expect(pageTitle('README', 'This folder holds the kiln notes\nof the winter.\n')).toBeNull();
    expect(pageTitle('TODO.txt', '* clean the shelves\n\n* order cones\n')).toBeNull();
    expect(pageTitle('NOTICE.txt', '=======\n\nKiln\n')).toBeNull();
    expect(pageTitle('README', `${'Kiln '.repeat(FIRST_LINE_TITLE_MAX / 5 + 1)}\n\nx\n`)).toBeNull();
    expect(pageTitle('fire.py', 'Kiln\n\nimport os\n')).toBeNull();
    expect(pageTitle('README', '\n\n')).toBeNull();
  });
});
