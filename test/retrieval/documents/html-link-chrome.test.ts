import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../../src/retrieval/documents/html.js';

/** A page as an XSLT-built manual writes it: a menu line and a breadcrumb above the title, language lists. */
const manualPage = (body: string) => `<html><body>
<div id="page-header"><p class="menu"><a href="a.html">Modules</a> | <a href="b.html">Directives</a> |
<a href="c.html">Glossary</a> | <a href="d.html">Sitemap</a></p><p class="apache">Web Server 9</p></div>
<div id="path"><a href="/">Home</a> &gt; <a href="/docs/">Documentation</a> &gt; <a href="../">Version 9</a></div>
<div id="page-content"><h1>Proxy module</h1>
<div class="toplang"><p><span>Languages: </span><a href="../en/p.html">en</a> |
<a href="../fr/p.html" hreflang="fr" rel="alternate">fr</a> | <a href="../ja/p.html" hreflang="ja">ja</a></p></div>
${body}
</div>
<div class="bottomlang"><p><span>Languages: </span><a href="../en/p.html">en</a> |
<a href="../fr/p.html" hreflang="fr" rel="alternate">fr</a> | <a href="../ja/p.html" hreflang="ja">ja</a></p></div>
</body></html>`;

describe('htmlToText on chrome made of links', () => {
  it('drops link bars above the first heading and lists of the page in other languages', () => {
    const text = htmlToText(
      manualPage('<p>The proxy forwards <a href="x.html">requests</a> to a backend.</p>'),
    );
    expect(text).toEqual(['Web Server 9', '# Proxy module', 'The proxy forwards requests to a backend.']);
  });

  it('keeps a line of links below the first heading, and a line above it with fewer than three links', () => {
    const html =
      '<p>Package <a href="p.html">java.lang</a></p><h1>Class String</h1>' +
      '<p><a href="a.html">Alias</a> | <a href="b.html">Redirect</a> | <a href="c.html">Rewrite</a></p>';
    expect(htmlToText(html)).toEqual(['Package java.lang', '# Class String', 'Alias | Redirect | Rewrite']);
  });

  it('keeps a page without headings whole, and prose that links to pages in other languages', () => {
    const bar = '<p><a href="a.html">One</a> | <a href="b.html">Two</a> | <a href="c.html">Three</a></p>';
    expect(htmlToText(bar)).toEqual(['One | Two | Three']);
    const prose =
      '<h1>Translations</h1><p>This manual is also kept up to date in <a hreflang="fr" href="f.html">French</a> and ' +
      '<a hreflang="de" href="d.html">German</a> by volunteers who review every release before it ships.</p>';
    expect(htmlToText(prose)).toHaveLength(2);
  });

  it('never drops a code block', () => {
    const html = '<p><a href="a">A</a> <a href="b">B</a> <a href="c">C</a></p><pre>x = 1</pre><h1>T</h1>';
    expect(htmlToText(html)).toEqual(['```', 'x = 1', '```', '# T']);
  });
});
