/**
 * Two HTML sites written for the repeated-chrome tests. `writeBannerSite`: a themed manual whose every page
 * carries the site's title line above its heading, a version banner in an "Important" box and a box of
 * links ("Bugfix checklist"), around text of its own, a "Note" whose text differs per page, a "Parameters:"
 * label and the same code block. `writeApiSite`: an API reference whose pages repeat real structure (a
 * method table's header, the signature every class implements, a doc comment six of ten pages share) and
 * a license header that is the only text of its license page.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The banner sentence every page of the banner site holds (unless `withoutBanner` names it). */
export const BANNER =
  'This documentation covers Anvil versions 4.0 and higher; readers of the 3.x series want the archived manual instead.';
export const TITLE_LINE = 'Anvil Forge Server Version 4.2';

const TOPICS = [
  ['quenching', 'Quenching hardens a blade by plunging hot steel into brine or oil within seconds.'],
  ['tempering', 'Tempering reheats hardened steel to a straw colour so the edge loses brittleness.'],
  ['welding', 'Forge welding joins two bars at a white heat with flux and quick hammer blows.'],
  ['drawing', 'Drawing out lengthens a bar by striking it over the horn of the anvil.'],
  ['upsetting', 'Upsetting thickens the end of a bar by striking it along its length.'],
  ['punching', 'Punching drives a tapered drift through hot stock to open a round hole.'],
  ['twisting', 'Twisting a square bar in a vise at orange heat gives a decorative spiral.'],
  ['scrolling', 'Scrolling curls the end of a flat bar around the scroll jig for railings.'],
  ['annealing', 'Annealing softens steel by cooling it slowly in vermiculite overnight.'],
  ['normalizing', 'Normalizing refines the grain with three heats cooled in still air.'],
] as const;

function bannerPage(topic: string, text: string, banner: boolean): string {
  return `<!DOCTYPE html><html><head><title>${topic} — Anvil 4.2</title></head><body>
<div class="document"><div class="body" role="main">
<p class="site-title">${TITLE_LINE}</p>
<h1>The ${topic} step</h1>
${banner ? `<div class="admonition important"><p class="admonition-title">Important</p><p>${BANNER}</p></div>` : ''}
<p>${text}</p>
<div class="admonition note"><p class="admonition-title">Note</p><p>Wear leather gloves while ${topic}; each ${topic} heat is logged in the shop book.</p></div>
<dl><dt>Parameters:</dt><dd>heat — the colour of the steel when ${topic} starts</dd></dl>
<pre>anvil strike --step ${'heat'}</pre>
<h3>Bugfix checklist</h3>
<ul><li><a href="changes.html">anvil changelog</a></li><li><a href="issues.html">Known issues</a></li><li><a href="bugs.html">Report a bug</a></li></ul>
</div></div></body></html>
`;
}

/** Writes the banner site into `folder` (ten pages); pages named in `withoutBanner` have no banner box. */
export function writeBannerSite(folder: string, withoutBanner: readonly string[] = []): string {
  mkdirSync(folder, { recursive: true });
  for (const [topic, text] of TOPICS)
    writeFileSync(join(folder, `${topic}.html`), bannerPage(topic, text, !withoutBanner.includes(topic)));
  return folder;
}

/** The topics (page names without `.html`) of the banner site. */
export const BANNER_TOPICS = TOPICS.map(([topic]) => topic);

/** A doc comment six of the API site's ten pages share: real text, repeated on more than half of them. */
export const SHARED_COMMENT =
  'Call corresponding visitor methods. The order is: call visitor methods of implemented interfaces first, then the superclass.';

/** The license header of every page of the API site, and the only text of its license page. */
export const LICENSE =
  'Licensed under the Apache License, Version 2.0; you may not use these files except in compliance with the License.';

const CLASSES = ['Load', 'Store', 'Branch', 'Return', 'Push', 'Pop', 'Swap', 'Goto', 'Throw'] as const;

function classPage(name: string, shared: boolean): string {
  return `<!DOCTYPE html><html><head><title>${name}</title></head><body>
<p class="license">${LICENSE}</p>
<h1>Class ${name}Instruction</h1>
<p>The ${name.toLowerCase()} instruction of the bytecode model, visited by the instruction visitor.</p>
<h2>Method Summary</h2>
<table><tr><th>Modifier and Type</th><th>Method</th><th>Description</th></tr>
<tr><td>void</td><td><code>accept(Visitor v)</code></td><td><div class="block">Call corresponding visitor method(s).</div></td></tr></table>
<h2>Method Detail</h2>
<h3>accept</h3>
<pre>public void accept(Visitor v)</pre>
${shared ? `<div class="block">${SHARED_COMMENT}</div>` : `<div class="block">Visits the ${name.toLowerCase()} instruction alone.</div>`}
<dl><dt>Parameters:</dt><dd>v - Visitor object</dd></dl>
</body></html>
`;
}

/** Writes the API site into `folder`: nine class pages and a license page. */
export function writeApiSite(folder: string): string {
  mkdirSync(folder, { recursive: true });
  for (const [at, name] of CLASSES.entries())
    writeFileSync(join(folder, `${name}Instruction.html`), classPage(name, at < 6));
  writeFileSync(
    join(folder, 'license.html'),
    `<!DOCTYPE html><html><head><title>License</title></head><body><p>${LICENSE}</p></body></html>\n`,
  );
  return folder;
}
