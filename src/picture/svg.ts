/**
 * Writes a Layout as one self-contained SVG document: no scripts, no external fonts, stylesheets or
 * links, only shapes and text. Every component is a `<g class="component" data-name>` and every
 * integration a `<g class="integration" data-from data-to>` holding its label box, so the picture can be
 * checked (and styled) by machine as well as read by people.
 */
import type { Box, Layout, PlacedComponent, PlacedIntegration, PlacedLayer, Point } from './layout.js';
import { SIZES } from './layout.js';
import { FONT_FAMILY } from './text-width.js';

const COLOURS = {
  background: '#ffffff',
  bandEven: '#f4f6fa',
  bandOdd: '#eaeef5',
  layerText: '#4a5568',
  edge: '#5a6b80',
  labelFill: '#fff8e1',
  labelStroke: '#d9b86c',
  text: '#1a202c',
  member: { fill: '#e3edfc', stroke: '#3b5b8c' },
  supporting: { fill: '#d6f0dd', stroke: '#2f7a45' },
  primary: { fill: '#1f4e8c', stroke: '#10305c' },
} as const;

/** Escapes text for XML character data and attribute values. */
export function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

const n = (value: number) => String(Math.round(value * 10) / 10);
const rect = (b: Box, extra: string) =>
  `<rect x="${n(b.x)}" y="${n(b.y)}" width="${n(b.width)}" height="${n(b.height)}" ${extra}/>`;
const polyline = (points: readonly Point[], extra: string) =>
  `<polyline points="${points.map((p) => `${n(p.x)},${n(p.y)}`).join(' ')}" ${extra}/>`;

function layerSvg(band: PlacedLayer, index: number): string {
  const fill = index % 2 === 0 ? COLOURS.bandEven : COLOURS.bandOdd;
  const lineHeight = SIZES.layerTitle + SIZES.lineGap;
  const top = band.y + band.height / 2 - (band.titleLines.length * lineHeight) / 2 + SIZES.layerTitle;
  const text = band.titleLines
    .map(
      (line, i) =>
        `<tspan x="${n(band.x + SIZES.bandPadding)}" y="${n(top + i * lineHeight)}"${i === 0 ? ' font-weight="bold"' : ''}>${escapeXml(line)}</tspan>`,
    )
    .join('');
  return `<g class="layer" data-layer="${band.layer.id}">${rect(band, `rx="6" fill="${fill}"`)}<text font-size="${SIZES.layerTitle}" fill="${COLOURS.layerText}">${text}</text></g>`;
}

function componentSvg(c: PlacedComponent): string {
  const role = c.component.role;
  const colours = COLOURS[role];
  const ink = role === 'primary' ? '#ffffff' : COLOURS.text;
  const middle = c.x + c.width / 2;
  const nameY = c.y + SIZES.lineGap + 4 + SIZES.name;
  const versionY = nameY + SIZES.lineGap + SIZES.version;
  return (
    `<g class="component" data-name="${escapeXml(c.component.name)}" data-layer="${c.component.layer}" data-role="${role}">` +
    `<title>${escapeXml(`${c.component.name} ${c.component.version} (layer ${c.component.layer})`)}</title>` +
    rect(
      c,
      `rx="5" fill="${colours.fill}" stroke="${colours.stroke}" stroke-width="${role === 'member' ? 1 : 2}"`,
    ) +
    `<text x="${n(middle)}" y="${n(nameY)}" text-anchor="middle" font-size="${SIZES.name}" font-weight="bold" fill="${ink}">${escapeXml(c.component.name)}</text>` +
    `<text x="${n(middle)}" y="${n(versionY)}" text-anchor="middle" font-size="${SIZES.version}" fill="${ink}">${escapeXml(c.component.version)}</text></g>`
  );
}

function integrationSvg(p: PlacedIntegration): string {
  const { from, to, pattern } = p.integration;
  const label = p.label;
  const lineHeight = SIZES.label + SIZES.lineGap;
  const text = label.lines
    .map(
      (line, i) =>
        `<tspan x="${n(label.x + label.width / 2)}" y="${n(label.y + 3 + SIZES.label + i * lineHeight)}">${escapeXml(line)}</tspan>`,
    )
    .join('');
  const stroke = `fill="none" stroke="${COLOURS.edge}" stroke-width="1.2"`;
  return (
    `<g class="integration" data-from="${escapeXml(from)}" data-to="${escapeXml(to)}" data-pattern="${escapeXml(pattern)}">` +
    `<title>${escapeXml(`${from} -> ${to}: ${pattern}`)}</title>` +
    polyline(p.toLabel, stroke) +
    polyline(p.fromLabel, `${stroke} marker-end="url(#arrow)"`) +
    rect(label, `class="label" rx="4" fill="${COLOURS.labelFill}" stroke="${COLOURS.labelStroke}"`) +
    `<text text-anchor="middle" font-size="${SIZES.label}" fill="${COLOURS.text}">${text}</text></g>`
  );
}

/** The SVG document of a layout, sized to it (width and height in pixels, same viewBox). */
export function renderSvg(layout: Layout): string {
  const { width, height } = layout;
  const titleHeight = SIZES.title + 5;
  const title = layout.titleLines.map(
    (line, i) =>
      `<text class="title" x="${SIZES.margin}" y="${n(SIZES.margin + SIZES.title + i * titleHeight)}" font-size="${SIZES.title}" font-weight="bold" fill="${COLOURS.text}">${escapeXml(line)}</text>`,
  );
  const noteTop = SIZES.margin + layout.titleLines.length * titleHeight + SIZES.note;
  const note = layout.noteLines.map(
    (line, i) =>
      `<text class="note" x="${SIZES.margin}" y="${n(noteTop + i * (SIZES.note + SIZES.lineGap))}" font-size="${SIZES.note}" fill="${COLOURS.layerText}">${escapeXml(line)}</text>`,
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" font-family="${FONT_FAMILY}">`,
    `<title>${escapeXml(layout.titleLines.join(' '))}</title>`,
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto"><path d="M0,1 L10,5 L0,9 z" fill="${COLOURS.edge}"/></marker></defs>`,
    `<rect width="${width}" height="${height}" fill="${COLOURS.background}"/>`,
    ...title,
    ...note,
    ...layout.layers.map(layerSvg),
    ...layout.integrations.map(integrationSvg),
    ...layout.components.map(componentSvg),
    '</svg>',
    '',
  ].join('\n');
}
