/**
 * A phase's reason as the state database keeps it: its words as the CLI says them (what older batuta and
 * plain SQLite readers see) and, when it names fixes, its parts as data, so each surface says the fixes in
 * its own words when it reads the reason back (`batuta status` a command line, migration_status a tool
 * call). Parts read back through zod; parts that do not parse leave the stored words.
 */
import { z } from 'zod';
import { FIX_KINDS, type Fix, type FixWords, Said, type Text } from '../fixes.js';

const partsSchema = z
  .array(
    z.union([
      z.string().describe('words'),
      z
        .object({ kind: z.enum(FIX_KINDS).describe('the kind of fix') })
        .passthrough()
        .describe('a fix'),
    ]),
  )
  .describe("a reason's parts: words and fixes");

/** The parts of a reason to store beside its words, or null when it names no fix. */
export function storedParts(reason: Text | null): string | null {
  return reason instanceof Said ? JSON.stringify(reason.parts) : null;
}

/** A stored reason in `words`: from its parts when they read back, else the words stored with it. */
export function reasonIn(
  words: FixWords,
  stored: string | null,
  parts: string | null | undefined,
): string | null {
  if (parts === null || parts === undefined) return stored;
  try {
    return new Said(partsSchema.parse(JSON.parse(parts)) as Array<string | Fix>).words(words);
  } catch {
    return stored;
  }
}
