/**
 * PictureDeps over the picture layer: the stack comes from the build's drawing when it matches (its SVG
 * layout costs 0.7 to 1.8 s of CPU) or is drawn once per server and kept; an answer's picture is drawn from
 * the oracle's recommendation when it is read.
 */
import { NotFoundError } from '../src/errors.js';
import type { Knowledge } from '../src/knowledge/index.js';
import { drawScene, drawStack, recommendationScene } from '../src/picture/index.js';
import type { OracleDeps, PictureDeps, ResourcePictureFormat } from './deps.js';

/** Builds PictureDeps over a loaded knowledge base and the oracle that answers questions. */
export function createPictureDeps(knowledge: Knowledge, oracle: OracleDeps): PictureDeps {
  const stack = new Map<ResourcePictureFormat, Promise<string>>();
  return {
    stack(format) {
      let drawn = stack.get(format);
      if (drawn === undefined) {
        drawn = drawStack(knowledge, format);
        // A failed drawing is not kept: the next read tries again.
        drawn.catch(() => stack.delete(format));
        stack.set(format, drawn);
      }
      return drawn;
    },
    async answer(question, format) {
      const recommendation = await oracle.recommend(question);
      if (recommendation.primary === null) {
        throw new NotFoundError(`no component of the stack fits "${question}", so there is no picture`, {
          question,
        });
      }
      return drawScene(recommendationScene(knowledge, recommendation), format);
    },
  };
}
