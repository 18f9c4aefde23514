/**
 * Resource reads report failures as JSON-RPC errors (there is no "tool error" for reads): a missing
 * component or document maps to -32002 (resource not found, as the spec suggests), bad input to invalid
 * params, and anything else to an internal error whose message says where to look.
 */
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { BatutaError, describeError } from '../../src/errors.js';

/** JSON-RPC code the MCP spec suggests for a resource that does not exist. */
export const RESOURCE_NOT_FOUND = -32002;

/** Runs a read and turns a thrown domain error into the matching McpError. */
export async function readResource<T>(uri: string, read: () => Promise<T> | T): Promise<T> {
  try {
    return await read();
  } catch (error) {
    const message = `${uri}: ${describeError(error)}`;
    if (error instanceof BatutaError && error.code === 'NOT_FOUND') {
      throw new McpError(RESOURCE_NOT_FOUND, message, { uri });
    }
    if (error instanceof BatutaError && error.code === 'INVALID_INPUT') {
      throw new McpError(ErrorCode.InvalidParams, message, { uri });
    }
    throw new McpError(ErrorCode.InternalError, message, { uri });
  }
}
