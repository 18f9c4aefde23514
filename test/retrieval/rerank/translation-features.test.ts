import { describe, expect, it } from 'vitest';
import {
  FILE_FEATURE_NAMES,
  fileFeatures,
  NATURAL_FEATURES,
} from '../../../src/retrieval/rerank/file-features.js';
import {
  encodeTranslationTable,
  translationTableOf,
} from '../../../src/retrieval/rerank/translation-table.js';
import { candidate, chunk } from './file-fixtures.js';

const TRANSLATION = FILE_FEATURE_NAMES.indexOf('translation');

/** "small" is explained by "size" and "strip" in the answers; "binary" only by itself. */
const TABLE = translationTableOf(
  encodeTranslationTable(
    new Map([
      [
        'small',
        [
          ['small', 0.5],
          ['size', 0.3],
          ['strip', 0.2],
        ],
      ],
      ['binari', [['binari', 1]]],
    ]),
  ),
  'test',
  'run npm run train:models',
);

describe('translation column', () => {
  // Neither file says "small"; both say "binary" as often and are as long: only the translated words differ.
  const head = [
    candidate(
      1,
      [chunk('colours.md', 0, 'The binary prints colours and fonts in the terminal window today.')],
      3,
      0.5,
    ),
    candidate(
      2,
      [chunk('release.md', 0, 'The binary size shrinks when you strip symbols in the release.')],
      3,
      0.5,
    ),
    candidate(
      3,
      [chunk('unrelated.md', 0, 'Gardening notes about weather and soil and rain and sun.')],
      1,
      0.1,
    ),
  ];

  it('puts the file whose words translate into the question first', async () => {
    const rows = await fileFeatures('How do I make the binary small?', head, undefined, TABLE);
    const column = rows.map((row) => row[TRANSLATION]!);
    expect(column[1]).toBeGreaterThan(column[0]!);
    expect(column[0]).toBeGreaterThan(column[2]!);
    // A z-score within the head.
    expect(column.reduce((a, b) => a + b, 0)).toBeCloseTo(0);
  });

  it('is 0 without a table, and only the natural-question expert reads it', async () => {
    const rows = await fileFeatures('How do I make the binary small?', head);
    expect(rows.map((row) => row[TRANSLATION])).toEqual([0, 0, 0]);
    expect(NATURAL_FEATURES.has(TRANSLATION)).toBe(true);
  });

  it('gives a stem only one file explains weakly no more than that weak evidence is worth', async () => {
    // "tiny" translates into "small" with t 0.02 and occurs once, in one file: with the head alone as the
    // background, that single weak occurrence made the file log(1 + |head| / μ) likelier, as much as six
    // occurrences of "binary" make the file that repeats it. One pseudo-occurrence of every head word in
    // the background gives the weak translation its small weight.
    const weak = translationTableOf(
      encodeTranslationTable(
        new Map([
          [
            'small',
            [
              ['small', 0.5],
              ['tini', 0.02],
            ],
          ],
          ['binari', [['binari', 1]]],
        ]),
      ),
      'test',
      'run npm run train:models',
    );
    const filler = (n: number) => Array.from({ length: n }, () => 'garden soil keeps rain water').join(' ');
    const files = [
      candidate(1, [chunk('binary.md', 0, `${'binary '.repeat(6)}${filler(50)}`)], 3, 0.5),
      candidate(2, [chunk('notes.md', 0, `tiny ${filler(51)}`)], 2, 0.5),
      candidate(3, [chunk('other.md', 0, `binary ${filler(51)}`)], 1, 0.5),
    ];
    const rows = await fileFeatures('How small is the binary?', files, undefined, weak);
    const column = rows.map((row) => row[TRANSLATION]!);
    expect(column[0]).toBeGreaterThan(column[1]!);
    expect(column[0]).toBeGreaterThan(column[2]!);
  });

  it('is 0 for every file when no word of the head translates into the question', async () => {
    const rows = await fileFeatures(
      'How do I make it small?',
      head.slice(0, 1).concat(head[2]!),
      undefined,
      TABLE,
    );
    expect(rows.map((row) => row[TRANSLATION])).toEqual([0, 0]);
  });
});
