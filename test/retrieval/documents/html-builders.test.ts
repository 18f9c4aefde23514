import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../../src/retrieval/documents/html.js';

/** Page chrome as documentation builders write it, in our own minimal markup. */
describe('htmlToText on builder page chrome', () => {
  it('keeps a page whose <html> or <body> carries a sidebar state class (mdBook)', () => {
    const html =
      '<html class="sidebar-visible no-js light"><body class="sidebar-hidden"><div id="sidebar" class="sidebar"><div class="sidebar-scrollbox"><a>Chapter 1</a></div></div>' +
      '<main><h1>Data Types</h1><p>Every value has a type.</p></main></body></html>';
    expect(htmlToText(html)).toEqual(['# Data Types', 'Every value has a type.']);
  });

  it('keeps a heading whose title docutils links back to the contents, and drops its permalink', () => {
    const html =
      '<nav class="contents local" id="contents"><ul><li><a href="#why" id="id1">Why so slow?</a></li></ul></nav>' +
      '<h3><a class="toc-backref" href="#id1" role="doc-backlink">Why so <code>slow</code>?</a>' +
      '<a class="headerlink" href="#why" title="Permalink to this heading">¶</a></h3><p>Too many threads.</p>';
    expect(htmlToText(html)).toEqual(['### Why so slow?', 'Too many threads.']);
  });

  it('matches navigation classes as whole class names, not prefixes', () => {
    expect(
      htmlToText('<div class="footer-note"><p>kept</p></div><div class="footer"><p>gone</p></div>'),
    ).toEqual(['kept']);
  });

  it('drops DocBook, gtk-doc, Javadoc and Doxygen navigation bars', () => {
    const html =
      '<table class="navigation" id="top"><tr><td><a>Top</a> | <a>Description</a></td></tr></table>' +
      '<div class="navheader"><a>Prev</a> <a>Next</a></div>' +
      '<div class="topNav"><ul><li>Overview</li><li>Class</li></ul></div>' +
      '<div id="nav-path" class="navpath"><ul><li>lib</li></ul></div>' +
      '<div class="header"><div class="summary"><a>Functions</a> | <a>Macros</a></div><div class="title">Hash Tables</div></div>' +
      '<p>A hash table maps keys to values.</p>' +
      '<div class="navfooter"><a>Prev</a> <a>Home</a> <a>Next</a></div>';
    expect(htmlToText(html)).toEqual(['# Hash Tables', 'A hash table maps keys to values.']);
  });

  it('reads the Doxygen page title as the page heading and drops its table of contents', () => {
    const html =
      '<div class="header"><div class="headertitle"><div class="title">Getting started </div></div></div>' +
      '<div class="contents"><div class="toc"><h3>Table of Contents</h3><ul><li class="level1"><a href="#step1">Step 1: Creating a configuration file</a></li></ul></div>' +
      '<div class="textblock"><p>The executable reads a configuration file.</p>' +
      '<h1><a class="anchor" id="step1"></a>Step 1: Creating a configuration file</h1><p>Run it with -g.</p></div></div>';
    expect(htmlToText(html)).toEqual([
      '# Getting started',
      'The executable reads a configuration file.',
      '# Step 1: Creating a configuration file',
      'Run it with -g.',
    ]);
  });

  it('drops tables of contents by id or class (DocBook chapter lists, an in-page contents box)', () => {
    const docbook =
      '<div class="chapter"><div class="titlepage"><h2 class="title">Data Types</h2></div><div class="toc"><dl class="toc"><dt><a href="lists.html">Lists</a> — linked lists</dt></dl></div><p>Containers for values.</p></div>';
    expect(htmlToText(docbook)).toEqual(['## Data Types', 'Containers for values.']);
    const details =
      '<details id="toc" open><summary>Table of contents</summary><ul><li><a href="#hooks">Hooks</a></li></ul></details><h2>Hooks</h2><p>Callbacks run in order.</p>';
    expect(htmlToText(details)).toEqual(['## Hooks', 'Callbacks run in order.']);
  });

  it("drops the site-wide sidebar and the header's contents, index and version pickers of Node's doc tool", () => {
    const html =
      '<div id="content"><div id="column2" class="interior"><div id="intro" class="interior"><a href="index.html">Node.js</a></div><ul><li><a href="assert.html">Assertion testing</a></li></ul></div>' +
      '<div id="column1" data-id="hooks" class="interior"><header class="header"><div class="header-container"><h1>Loom v1 documentation</h1></div>' +
      '<div id="gtoc"><ul><li class="pinned-header">Loom v1</li><li class="picker-header"><a href="#">Index</a><div class="picker"><ul><li><a href="assert.html">Assertion testing</a></li></ul></div></li></ul></div><hr></header>' +
      '<div id="apicontent"><h2>Hooks</h2><p>Callbacks run in order.</p></div></div></div>';
    expect(htmlToText(html)).toEqual(['# Loom v1 documentation', '## Hooks', 'Callbacks run in order.']);
  });

  it("drops the permalink marks builders put in headings (Node's doc tool, VitePress, Docusaurus), not marked text", () => {
    const html =
      '<h2>Async hooks<span><a class="mark" href="#async-hooks" id="async-hooks">#</a></span></h2>' +
      '<h3 id="setup">Set-up <a class="header-anchor" href="#setup" aria-label="Permalink">&#8203;</a></h3>' +
      '<h3 id="use">Use<a class="hash-link" href="#use" title="Direct link to heading">\u200b</a></h3>' +
      '<p>Call <span class="mark">enable()</span> first; <a class="mark" href="other.html#x">see hooks</a>.</p>';
    expect(htmlToText(html)).toEqual([
      '## Async hooks',
      '### Set-up',
      '### Use',
      'Call enable() first; see hooks.',
    ]);
  });

  it('drops texinfo node links, bracketed button rows and the generator line', () => {
    const html =
      '<div class="header"><p>Next: <a>Linear Algebra</a>, Up: <a>Matrices</a> &nbsp; [<a>Contents</a>][<a>Index</a>]</p></div>' +
      '<table><tr><td>[<a>&lt;&lt;</a>]</td><td>[<a>&gt;&gt;</a>]</td><td>[<a>Top</a>]</td><td>[<a>Contents</a>]</td></tr></table>' +
      '<h3>21.1 Creating Matrices</h3><p>Next: the diagonal is stored alone.</p>' +
      '<p><font size="-1">This document was generated by Someone on July, 26 2020 using texi2html 1.78a.</font></p>';
    expect(htmlToText(html)).toEqual(['### 21.1 Creating Matrices', 'Next: the diagonal is stored alone.']);
    expect(htmlToText('<p>A footnote follows.</p><p>[1]</p><p>The footnote text.</p>')).toEqual([
      'A footnote follows.',
      '[1]',
      'The footnote text.',
    ]);
  });

  it('keeps a rustdoc type page own methods and the trait names it implements, not the copied trait docs', () => {
    const html =
      '<h1>Struct Keys</h1><h2 id="implementations">Implementations</h2><div id="implementations-list">' +
      '<h3>impl Keys</h3><div class="impl-items"><h4>fn len(&amp;self)</h4><div class="docblock"><p>Number of keys left.</p></div></div></div>' +
      '<h2 id="trait-implementations">Trait Implementations</h2><div id="trait-implementations-list"><details><summary><h3>impl Iterator for Keys</h3></summary>' +
      '<div class="impl-items"><h4>fn step_by(self)</h4><div class="docblock"><p>Creates an iterator stepping by the amount.</p></div></div></details></div>' +
      '<h2 id="blanket-implementations">Blanket Implementations</h2><div id="blanket-implementations-list"><h3>impl From&lt;T&gt; for T</h3>' +
      '<div class="impl-items"><h4>fn from(t: T)</h4><p>Returns the argument unchanged.</p></div></div>';
    expect(htmlToText(html)).toEqual([
      '# Struct Keys',
      '## Implementations',
      '### impl Keys',
      '#### fn len(&self)',
      'Number of keys left.',
      '## Trait Implementations',
      '### impl Iterator for Keys',
      '## Blanket Implementations',
      '### impl From<T> for T',
    ]);
  });

  it('drops the page footer and search landmarks, not the footer of a quotation', () => {
    const html =
      '<div role="search"><input name="q"></div><main><h1>Examples</h1><blockquote><p>Less is more.</p><footer>A. Weaver</footer></blockquote></main>' +
      '<footer class="col-md-12"><p>Documentation built with a theme.</p></footer><div role="contentinfo"><p>© Copyright 2022.</p></div>';
    expect(htmlToText(html)).toEqual(['# Examples', 'Less is more.', 'A. Weaver']);
  });

  it('drops the line numbers Pygments, Doxygen, Javadoc and rustdoc put in code blocks', () => {
    const pygments =
      '<div class="highlight"><pre><span class="linenos"> 1</span><span class="kn">import</span> os\n<span class="linenos"> 2</span>print(os.name)</pre></div>';
    expect(htmlToText(pygments)).toEqual(['```', 'import os', 'print(os.name)', '```']);
    const table =
      '<table class="highlighttable"><tr><td class="linenos"><div class="linenodiv"><pre>1\n2</pre></div></td><td class="code"><pre>a = 1\nb = 2</pre></td></tr></table>';
    expect(htmlToText(table)).toEqual(['```', 'a = 1', 'b = 2', '```']);
    const doxygen =
      '<div class="fragment"><div class="line"><a name="l00001"></a><span class="lineno">    1</span>int x;</div></div>';
    expect(htmlToText(doxygen)).toEqual(['```', 'int x;', '```']);
    const javadoc = '<pre><span class="sourceLineNo">001</span>package org.demo;</pre>';
    expect(htmlToText(javadoc)).toEqual(['```', 'package org.demo;', '```']);
  });

  it('drops MkDocs and Material theme bars, dialogs and the rustdoc toggles', () => {
    const html =
      '<div class="navbar fixed-top"><a>Home</a></div><div class="md-header"><a>Site</a></div>' +
      '<div class="md-sidebar md-sidebar--primary"><a>Install</a></div><div class="modal" id="search_modal"><p>Search</p></div>' +
      '<h1>Configuration</h1><details class="rustdoc-toggle top-doc"><summary class="hideme"><span>Expand description</span></summary><p>Set site_name.</p></details>';
    expect(htmlToText(html)).toEqual(['# Configuration', 'Set site_name.']);
  });

  it('drops the source links and version badges beside rustdoc items', () => {
    const html =
      '<h4><span class="rightside"><span class="since">1.0.0</span> · <a class="srclink">source</a></span>fn push(&amp;mut self)</h4>';
    expect(htmlToText(html)).toEqual(['#### fn push(&mut self)']);
  });
});
