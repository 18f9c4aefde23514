import { describe, expect, it } from 'vitest';
import { redirectReason } from '../../../src/retrieval/documents/redirects.js';

const page = (meta: string, body: string) =>
  `<!DOCTYPE html><html><head>${meta}<title>Spool</title></head><body>${body}</body></html>`;

describe('redirectReason', () => {
  it('a page that refreshes at once to another, with a line at most, is a redirect naming its target', () => {
    const cases: Array<[string, string]> = [
      ['<meta http-equiv="Refresh" content="0; url=Winding.html#XREFwind">', 'Winding.html#XREFwind'],
      [
        '<meta http-equiv="refresh" content="0;URL=../../loom/struct.Spool.html">',
        '../../loom/struct.Spool.html',
      ],
      ['<meta http-equiv="Refresh" content="0;index.html">', 'index.html'],
      ["<meta content='0; url=../spool/index.html' http-equiv='refresh' />", '../spool/index.html'],
    ];
    for (const [meta, target] of cases)
      expect(redirectReason(page(meta, '<p>The page you want is <a href="x.html">here</a>.</p>'))).toBe(
        `redirect page (sends the browser on to ${target})`,
      );
  });

  it('scripts, styles and comments in the body do not count as its words', () => {
    const script = `<script>${'var spool = wind(thread, bobbin, tension);'.repeat(20)}</script>`;
    const meta = '<meta http-equiv="refresh" content="0;URL=next.html">';
    expect(
      redirectReason(page(meta, `<p>Redirecting…</p>${script}<!-- ${'note '.repeat(60)} -->`)),
    ).not.toBeNull();
  });

  it('a page with text of its own, a refresh without a target, or no refresh at all is kept', () => {
    const text = `<p>${'Each spool holds one colour of thread for the weft.'.repeat(5)}</p>`;
    expect(redirectReason(page('<meta http-equiv="refresh" content="30; url=later.html">', text))).toBeNull();
    expect(
      redirectReason(page('<meta http-equiv="refresh" content="60">', '<p>Live status.</p>')),
    ).toBeNull();
    expect(redirectReason(page('<meta name="description" content="0; url=x.html">', '<p>x</p>'))).toBeNull();
    expect(redirectReason('<p>Written page about refresh rates: content="0; url=x.html".</p>')).toBeNull();
  });
});
