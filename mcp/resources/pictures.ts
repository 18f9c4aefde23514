/**
 * Pictures as resources: batuta://stack.svg and batuta://stack.mmd (the whole stack, SVG and Mermaid)
 * and batuta://answers/{question}.svg / .mmd (the picture of the oracle's answer to a question, which
 * oracle_query links to). SVG is returned as text: it is XML a model can read as well as a client can show.
 */
import { type McpServer, ResourceTemplate } from '@modelcontextprotocol/server';
import { InvalidInputError } from '../../src/errors.js';
import { PICTURE_MIME_TYPES } from '../../src/picture/index.js';
import type { PictureDeps, ResourcePictureFormat } from '../deps.js';
import { decodeUriPart, readResource } from './read-error.js';

/** File extension of each picture format in a resource URI. */
const EXTENSION: Readonly<Record<ResourcePictureFormat, string>> = { svg: 'svg', mermaid: 'mmd' };

/** The longest question a picture URI carries, the same bound oracle_query puts on its question. */
const MAX_QUESTION_CHARS = 2000;

/** URI of the picture of the answer to `question`. */
export function answerPictureUri(question: string, format: ResourcePictureFormat = 'svg'): string {
  return `batuta://answers/${encodeURIComponent(question)}.${EXTENSION[format]}`;
}

function registerStackPicture(server: McpServer, pictures: PictureDeps, format: ResourcePictureFormat): void {
  const uri = `batuta://stack.${EXTENSION[format]}`;
  const mimeType = PICTURE_MIME_TYPES[format];
  const kind = format === 'svg' ? 'SVG' : 'Mermaid flowchart';
  server.registerResource(
    `stack-${EXTENSION[format]}`,
    uri,
    {
      title: `The stack as ${kind}`,
      description: `All components in their layers (0 at the bottom) and every integration between them, as ${kind}`,
      mimeType,
    },
    (url) =>
      readResource(url.href, async () => ({
        contents: [{ uri: url.href, mimeType, text: await pictures.stack(format) }],
      })),
  );
}

function registerAnswerPicture(
  server: McpServer,
  pictures: PictureDeps,
  format: ResourcePictureFormat,
): void {
  const mimeType = PICTURE_MIME_TYPES[format];
  const template = new ResourceTemplate(`batuta://answers/{question}.${EXTENSION[format]}`, {
    list: undefined,
  });
  server.registerResource(
    `answer-${EXTENSION[format]}`,
    template,
    {
      title: `An answer as ${format === 'svg' ? 'SVG' : 'Mermaid'}`,
      description:
        'The primary and supporting components the oracle recommends for a question (URI-encoded) and the integrations between them',
      mimeType,
    },
    (url, variables) =>
      readResource(url.href, async () => {
        const question = decodeQuestion(String(variables['question'] ?? ''));
        return { contents: [{ uri: url.href, mimeType, text: await pictures.answer(question, format) }] };
      }),
  );
}

function decodeQuestion(encoded: string): string {
  const question = decodeUriPart(encoded, 'question').trim();
  if (question.length < 3 || question.length > MAX_QUESTION_CHARS) {
    throw new InvalidInputError(`the question must have 3 to ${MAX_QUESTION_CHARS} characters`, { question });
  }
  return question;
}

/** Registers the stack pictures and the answer picture templates. */
export function registerPictureResources(server: McpServer, pictures: PictureDeps): void {
  for (const format of ['svg', 'mermaid'] as const) {
    registerStackPicture(server, pictures, format);
    registerAnswerPicture(server, pictures, format);
  }
}
