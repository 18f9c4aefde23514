/**
 * The picture formats: SVG (laid out here), Mermaid and Graphviz DOT (laid out by their renderers). A file
 * of its own, so that parsing `batuta oracle --format` does not load the drawing code.
 */
export const PICTURE_FORMATS = ['svg', 'mermaid', 'dot'] as const;
export type PictureFormat = (typeof PICTURE_FORMATS)[number];
