/**
 * Build step (`npm run build` runs it last): compiles the shipped oracle's lexicon once and writes it to
 * dist/oracle-lexicon.bin with the id of the sources the CLI was bundled from (src/oracle/lexicon-snapshot.ts).
 */
import { resolve } from 'node:path';
import { loadKnowledge } from '../src/knowledge/load.js';
import { writeLexiconSnapshot } from '../src/oracle/lexicon-snapshot.js';
import { stackInputs } from '../src/oracle/stack-oracle.js';
import { sourceId } from './source-id.js';

const ROOT = resolve(import.meta.dirname, '../..');

if (process.argv[1] !== undefined && import.meta.filename === process.argv[1]) {
  writeLexiconSnapshot(sourceId(ROOT), stackInputs(loadKnowledge()));
}
