/**
 * The public API of batuta-oracle for other packages: every layer's entry. `mcp/` and `src/cli/` import
 * the layer entries themselves, so a process loads only the layers it uses.
 */

// errors
export {
  BatutaError,
  describeError,
  type ErrorCode,
  InvalidDataError,
  InvalidInputError,
  NotFoundError,
  PhaseGateError,
  ToolMissingError,
} from './errors.js';
// each layer lists its public names in its own entry
export * from './knowledge/index.js';
export * from './migration/index.js';
export * from './oracle/index.js';
export * from './picture/index.js';
export * from './retrieval/index.js';
export { IndexStore } from './store/index-store.js';
export * from './text/index.js';
