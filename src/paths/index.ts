/** The paths layer's entry: containment of every path read or written, and no-follow file access. */
export { isInside, realPathOf, resolveInside, resolveUnder } from './contain.js';
export { readFileNoFollow, writeFileAtomically, writeFileNoFollow } from './no-follow.js';
