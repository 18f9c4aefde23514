/**
 * Resource reads report failures as JSON-RPC errors (there is no "tool error" for reads): a missing
 * component or document is a resource-not-found error, which the protocol sends as invalid params
 * (-32602) with the requested URI in `data.uri` on every revision (SEP-2164); other bad input and a path
 * leading outside the allowed roots are invalid params too, and anything else an internal error whose
 * message says where to look.
 */
import { ProtocolError, ProtocolErrorCode, ResourceNotFoundError } from '@modelcontextprotocol/server';
import { BatutaError, InvalidInputError } from '../../src/errors.js';
import { toolErrorText } from '../fixes.js';

/** Runs a read and turns a thrown domain error into the matching protocol error. */
export async function readResource<T>(uri: string, read: () => Promise<T> | T): Promise<T> {
  try {
    return await read();
  } catch (error) {
    const message = `${uri}: ${toolErrorText(error)}`;
    if (error instanceof BatutaError && error.code === 'NOT_FOUND') {
      throw new ResourceNotFoundError(uri, message);
    }
    if (error instanceof BatutaError && (error.code === 'INVALID_INPUT' || error.code === 'OUTSIDE_ROOTS')) {
      throw new ProtocolError(ProtocolErrorCode.InvalidParams, message, { uri });
    }
    throw new ProtocolError(ProtocolErrorCode.InternalError, message, { uri });
  }
}

/** Decodes one percent-encoded part of a resource URI; a broken escape (e.g. "%E0%A4%A") is invalid input. */
export function decodeUriPart(encoded: string, what: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch {
    throw new InvalidInputError(
      `the ${what} "${encoded}" is not URI-encoded (encode it with encodeURIComponent)`,
      {
        value: encoded,
      },
    );
  }
}
