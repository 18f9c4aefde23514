/**
 * Text widths without a font engine: the advance widths of DejaVu Sans (the sans-serif face of Debian,
 * Ubuntu and most Linux desktops, and as wide as Verdana), measured once in Chromium, in thousandths of
 * the font size for the printable ASCII characters. Boxes sized with them fit their text in the faces
 * an SVG names first; narrower faces (Arial, Helvetica) only leave more padding.
 */

/** Widths of the characters 32 (space) to 126 (~), regular weight. */
const REGULAR = [
  318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636, 636, 636,
  636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632, 575, 775, 752, 295,
  295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838,
  500, 500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521,
  392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
];

/** The same characters in bold. */
const BOLD = [
  348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696, 696, 696, 696,
  696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580, 1000, 774, 762, 734, 830, 683, 683, 821, 837, 372,
  372, 775, 637, 995, 837, 850, 733, 850, 770, 720, 682, 812, 774, 1103, 771, 724, 725, 457, 365, 457, 838,
  500, 500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665, 343, 1042, 712, 687, 716, 716, 493, 595,
  478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838,
];

/** The widest advance, used for characters outside the table (accents, arrows, CJK). */
const WIDEST = 1103;

/** The font stack the pictures name; the widths above are those of its first face. */
export const FONT_FAMILY = "'DejaVu Sans', Verdana, sans-serif";

/** Width in pixels of `text` set in FONT_FAMILY at `size` pixels. */
export function textWidth(text: string, size: number, bold = false): number {
  const table = bold ? BOLD : REGULAR;
  let thousandths = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    thousandths += table[code - 32] ?? WIDEST;
  }
  return (thousandths * size) / 1000;
}

/** Breaks `text` at spaces into lines of at most `maxWidth` pixels (a longer single word keeps its line). */
export function wrapText(text: string, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    const last = lines.at(-1);
    if (last !== undefined && textWidth(`${last} ${word}`, size) <= maxWidth)
      lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines.length > 0 ? lines : [''];
}
