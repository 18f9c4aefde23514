/**
 * A folder laid out as Debian ships documentation (dh_compress gzips every text document over about 4 KB):
 * gzipped markdown, reStructuredText, text and HTML pages to read, and what must not be read as a page:
 * damaged gzip data, a gzipped archive, a gzip bomb, archives, change logs, and gzipped copies of pages
 * that are there already (beside their rendered HTML page, beside the same markdown file). Debian's
 * `README.Debian.gz` has no document extension but is read as text.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const CONFIGURATION_MD = `# Configuration

brewctl reads its settings from a configuration file before it looks at the command line.

## Where the configuration file lives

The per-user file is \`~/.config/brewctl/brewctl.conf\`. A site-wide file at \`/etc/brewctl.conf\` is
read first, so the per-user file overrides it. Set \`BREWCTL_CONFIG\` to read one other file instead.

## Options in the file

Each option is written \`name = value\` under a section named after the command, for example
\`[steep]\` followed by \`minutes = 4\`.
`;

const USER_GUIDE_RST = `User guide
==========

Steeping a pot
--------------

Run \`\`brewctl steep --leaf oolong\`\` to warm the pot, measure the leaves and start the timer. The
kettle stops at 85 degrees for green and oolong leaves and at a full boil for black tea.

Cancelling a brew
-----------------

Press Ctrl-C once to pour early; the timer reports how long the leaves steeped.
`;

const INSTALL_TXT = `Installing brewctl

Copy the binary to /usr/local/bin, then run "brewctl doctor" to check that the kettle answers on its
serial port at 9600 baud.
`;

export const BREW_HTML = `<!DOCTYPE html>
<html><head><title>Brewing schedules</title><script>console.log("site script")</script></head>
<body><nav><a href="index.html">Home</a></nav>
<h1>Brewing schedules</h1>
<p>A cold brew sits in the fridge for twelve hours; strain the leaves before serving.</p>
<h2>Hot brews</h2>
<p>Hot brews follow the steep timer of the leaf type.</p>
</body></html>
`;

const README_MD = `# brewctl

A command line controller for a networked kettle: it steeps, schedules and logs every brew.
`;

const README_DEBIAN = `brewctl for Debian

The Debian package adds each user of brewctl to the dialout group, so the kettle's serial device
/dev/ttyUSB0 opens without root. Log out and in again after installing.
`;

const FS_HTML = `<!DOCTYPE html>
<html><head><title>Filesystem</title></head><body>
<h1>Filesystem</h1>
<p>brewctl appends every brew to its log at ~/.local/share/brewctl/log.txt and rotates it weekly.</p>
</body></html>
`;

const FS_MD = `# Filesystem

brewctl appends every brew to its log at ~/.local/share/brewctl/log.txt and rotates it weekly.
`;

const RUN_MD = `# brewctl run

Runs a saved recipe by name: brewctl run morning-sencha.
`;

/** Text that inflates far beyond the per-file limit from a few kilobytes (8 MB of markdown words). */
export const BOMB_BYTES = 8 * 1024 * 1024;

/** A tar-like archive: a 512-byte header full of NUL bytes, then a file's content. */
function tarLike(): Buffer {
  const header = Buffer.alloc(512);
  header.write('brewctl-1.0/README\0', 0, 'latin1');
  return Buffer.concat([header, Buffer.from(README_MD), Buffer.alloc(512)]);
}

/** Gzipped `text` with its last half cut off, as a download that stopped. */
export function truncatedGzip(text: string): Buffer {
  const whole = gzipSync(text);
  return whole.subarray(0, Math.floor(whole.length / 2));
}

/** Gzipped `text` whose deflate data is overwritten in the middle. */
export function corruptGzip(text: string): Buffer {
  const whole = Buffer.from(gzipSync(text));
  for (let i = 12; i < whole.length - 8; i += 3) whole[i] = 0xff;
  return whole;
}

/** Writes the tree into `root` (which may exist); returns `root`. */
export function writeGzipTree(root: string): string {
  const files: Record<string, string | Buffer> = {
    'README.md.gz': gzipSync(README_MD),
    'README.Debian.gz': gzipSync(README_DEBIAN),
    'topics/configuration.md.gz': gzipSync(CONFIGURATION_MD),
    'guide/user_guide.rst.gz': gzipSync(USER_GUIDE_RST),
    'notes/install.txt.gz': gzipSync(INSTALL_TXT),
    'pages/brew.html.gz': gzipSync(BREW_HTML),
    'api/fs.html': FS_HTML,
    'api/fs.md.gz': gzipSync(FS_MD),
    'cli/run.md': RUN_MD,
    'cli/run.md.gz': gzipSync(RUN_MD, { level: 1 }),
    'broken.md.gz': truncatedGzip(CONFIGURATION_MD.repeat(20)),
    'corrupt.rst.gz': corruptGzip(USER_GUIDE_RST.repeat(20)),
    'bomb.md.gz': gzipSync(Buffer.alloc(BOMB_BYTES, 'brew the tea\n')),
    'dist/brewctl-1.0.tar.gz': gzipSync(tarLike()),
    'brewctl_1.0_all.deb': Buffer.concat([Buffer.from('!<arch>\ndebian-binary   '), gzipSync(tarLike())]),
    'packed.txt.gz': gzipSync(tarLike()),
    'changelog.gz': gzipSync('brewctl (1.0)\n\n  * First release: steep, run and log.\n'),
    'changelog.Debian.gz': gzipSync('brewctl (1.0-1) unstable; urgency=medium\n\n  * Initial upload.\n'),
    'NEWS.gz': gzipSync('1.0: steep timers per leaf type.\n'),
  };
  for (const [source, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, source)), { recursive: true });
    writeFileSync(join(root, source), content);
  }
  return root;
}

/** What the selection keeps of the tree, sorted by source. */
export const KEPT = [
  'README.Debian.gz',
  'README.md.gz',
  'api/fs.html',
  'cli/run.md',
  'guide/user_guide.rst.gz',
  'notes/install.txt.gz',
  'pages/brew.html.gz',
  'topics/configuration.md.gz',
];

/** The rule that leaves out each other file of the tree. */
export const LEFT_OUT: Record<string, string> = {
  'api/fs.md.gz': 'duplicate',
  'cli/run.md.gz': 'duplicate',
  'broken.md.gz': 'damaged',
  'corrupt.rst.gz': 'damaged',
  'bomb.md.gz': 'too-large',
  'dist/brewctl-1.0.tar.gz': 'type',
  'brewctl_1.0_all.deb': 'type',
  'packed.txt.gz': 'binary',
  'changelog.gz': 'changelog',
  'changelog.Debian.gz': 'changelog',
  'NEWS.gz': 'changelog',
};

/** How many files of the tree each rule leaves out. */
export const LEFT_OUT_COUNTS: Record<string, number> = {};
for (const rule of Object.values(LEFT_OUT)) LEFT_OUT_COUNTS[rule] = (LEFT_OUT_COUNTS[rule] ?? 0) + 1;
