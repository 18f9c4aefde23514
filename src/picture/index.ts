/** The picture layer's entry: the stack and its integrations drawn as SVG, Mermaid or DOT. */
export { drawScene, PICTURE_MIME_TYPES } from './draw.js';
export { PICTURE_FORMATS, type PictureFormat } from './formats.js';
export {
  type AnswerParts,
  type ComponentRole,
  recommendationScene,
  routeScene,
  type Scene,
  stackScene,
} from './scene.js';
export { drawPicture, drawStack, writeStackPicture } from './stack-picture.js';
