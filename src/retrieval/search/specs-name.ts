/**
 * The name of the built-in collection of the shipped specs, searched from memory (memory-collection.ts). A
 * file of its own so that a search of an indexed collection, which only compares names with it, does not load
 * the in-memory collection's code (its BM25 index, the document selection and chunker).
 */
export const SPECS_COLLECTION = 'specs';
