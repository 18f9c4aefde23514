/**
 * readContent: a file that is gone by the time it is read (its folder removed while `batuta index` runs) is
 * "vanished" with a reason that says so, not "cannot be read (check its permissions)".
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readContent } from '../../../src/retrieval/documents/files.js';
import { tempDir } from '../../temp-dirs.js';

describe('readContent', () => {
  it('says a file that disappeared before it was read is gone, not unreadable', () => {
    const folder = join(tempDir('read-content'), 'gone');
    const read = readContent(join(folder, 'page.html'), 'page.html');
    expect(read).toMatchObject({ rule: 'vanished' });
    expect('reason' in read ? read.reason : '').toMatch(/disappeared while indexing/);
  });
});
