/**
 * A plain-text FAQ numbered in two levels, with a table of contents and a numbered list inside an answer (the
 * shape of curl's and sed's FAQs in Debian 12), for the tests of numbered titles through the CLI and MCP.
 */
export const KILN_FAQ = [
  'KILN FAQ',
  '',
  ' 1. Firing',
  '  1.1 How long does a bisque firing take?',
  '',
  ' 2. Glazes',
  '  2.3 Why does my glaze crawl?',
  '',
  '==========',
  '',
  '1. Firing',
  '',
  '  1.1 How long does a bisque firing take?',
  '',
  '  About nine hours to cone 04 with a slow first ramp:',
  '',
  '  1. load the shelves',
  '',
  '  2. hold at 100 degrees until the pots stop steaming',
  '',
  '2. Glazes',
  '',
  '  2.3 Why does my glaze crawl?',
  '',
  '  Dust or grease on the bisque keeps the glaze from wetting the clay, so it pulls back into beads.',
  '',
].join('\n');

/** The 1-based line of KILN_FAQ that answers why a glaze crawls, under "2. Glazes > 2.3 …". */
export const CRAWL_LINE = 25;
