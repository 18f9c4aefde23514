/**
 * Fields the stack does not work in, for outside.ts: the words that name each field (a question holding
 * one is about that field: "wifi", "kubernetes", "sourdough") and the stack's words the field gives
 * another sense ("port" of a router, "image" of a container, "recipe" of a bread, "index" of a fund).
 * A named field is not a veto: a question that asks for something the stack does ("serve the model
 * behind nginx") is still answered by that ask. Data only.
 */

/** A field outside the stack, the words that name it and the stack words it reads in its own sense. */
export interface OutsideField {
  readonly field: string;
  /** Words (or words in a row) that name the field; any one of them, not negated, puts the question in it. */
  readonly names: readonly string[];
  /** Words of the stack that mean something of the field when the field is named. */
  readonly borrows: readonly string[];
}

const words = (text: string) => text.split(' ');

export const OUTSIDE_FIELDS: readonly OutsideField[] = [
  {
    field: 'computer networks',
    names: words(
      'wifi wlan vpn vpns dns router routers firewall firewalls subnet subnets ethernet dhcp balancer balancers nginx haproxy',
    ),
    borrows: words(
      'network networks port ports switch switches forwarding load traffic connection connections health checks',
    ),
  },
  {
    field: 'operating system administration',
    names: [
      'kernel panic',
      'kernel panics',
      'kernel oops',
      'bsod',
      'grub',
      'bootloader',
      'bios',
      'uefi',
      'firmware',
    ],
    borrows: words('kernel kernels module modules crash dump boot upgrade upgrading build box'),
  },
  {
    field: 'containers',
    names: words('docker dockerfile kubernetes k8s kubectl helm crashloopbackoff'),
    borrows: words('image images build builds stage stages layer layers registry pod pods update deploy'),
  },
  {
    field: 'websites',
    names: words('website websites netlify vercel wordpress squarespace'),
    borrows: words('deploy deploying deployment host hosting site web domain traffic'),
  },
  {
    field: 'office software',
    names: words('pivot vlookup powerpoint tableau looker'),
    borrows: words('excel spreadsheet table tables totals dashboard dashboards chart charts license licence'),
  },
  {
    field: 'personal finance',
    names: words('etf etfs pension pensions mortgage dividend dividends'),
    borrows: words('index fund funds plan'),
  },
  {
    field: 'cooking',
    names: words('sourdough bread dough flour bake baking oven cook cooking'),
    borrows: words('recipe recipes proof'),
  },
];

/** Every word of the table: real words of their fields, never misspellings of the stack's words ("bread"). */
export const OUTSIDE_WORDS: ReadonlySet<string> = new Set(
  OUTSIDE_FIELDS.flatMap((f) => [...f.names, ...f.borrows]),
);

/** Units written right after a number ("every 20 min"): a duration, not the reduction "min". */
export const UNITS_AFTER_NUMBER: ReadonlySet<string> = new Set(words('min mins'));
