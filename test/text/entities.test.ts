import { describe, expect, it } from 'vitest';
import { decodeEntities } from '../../src/text/entities.js';

describe('decodeEntities', () => {
  it('decodes named and numeric entities and keeps unknown ones', () => {
    expect(decodeEntities('a &lt;b&gt; &amp; &#169; &#x2192; &bogus; &nbsp;x')).toBe(
      'a <b> & © → &bogus;  x',
    );
  });

  it('keeps references to code points that do not exist', () => {
    expect(decodeEntities('&#0; &#x110000; &mdash;')).toBe('&#0; &#x110000; —');
  });
});
