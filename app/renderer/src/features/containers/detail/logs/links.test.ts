import { describe, expect, it } from 'vitest';
import { findLinks } from './links';

describe('findLinks', () => {
  it('finds http and https URLs with their positions', () => {
    const t = 'see http://localhost:8080/a?b=1 and https://example.com/x';
    expect(findLinks(t)).toEqual([
      { start: 4, end: 31, href: 'http://localhost:8080/a?b=1' },
      { start: 36, end: 57, href: 'https://example.com/x' },
    ]);
  });
  it('drops trailing punctuation and unbalanced brackets', () => {
    expect(findLinks('go to https://example.com/docs.')[0]?.href).toBe('https://example.com/docs');
    expect(findLinks('(https://example.com/a)')[0]?.href).toBe('https://example.com/a');
    expect(findLinks('https://en.wikipedia.org/wiki/Foo_(bar)')[0]?.href).toBe(
      'https://en.wikipedia.org/wiki/Foo_(bar)',
    );
  });
  it('ignores other schemes and bare words', () => {
    expect(findLinks('javascript:alert(1) ftp://x.org file:///etc/passwd http')).toEqual([]);
    expect(findLinks('http://')).toEqual([]);
  });
  it('stops at quotes and angle brackets', () => {
    expect(findLinks('<a href="http://x.io/p">')[0]?.href).toBe('http://x.io/p');
  });
});
