import { describe, expect, it } from 'vitest';
import { parseAnsi } from './ansi';
import { findLinks } from './links';
import { composePieces, styleProps } from './segments';

describe('composePieces', () => {
  it('returns one piece for a plain line', () => {
    expect(composePieces(5, [], [], [])).toEqual([{ start: 0, end: 5 }]);
    expect(composePieces(0, [], [], [])).toEqual([]);
  });
  it('splits at style, link and highlight boundaries', () => {
    const p = parseAnsi('\x1b[31mERR\x1b[0m at http://x.io/a now');
    const links = findLinks(p.plain);
    const pieces = composePieces(p.plain.length, p.runs, links, [{ start: 1, end: 5, mark: 'current' }]);
    expect(pieces.map((x) => p.plain.slice(x.start, x.end))).toEqual(['E', 'RR', ' a', 't ', 'http://x.io/a', ' now']);
    expect(pieces[1]).toMatchObject({ style: { fg: 'p1' }, mark: 'current' });
    expect(pieces[4]).toMatchObject({ href: 'http://x.io/a' });
    expect(pieces[4]?.mark).toBeUndefined();
  });
  it('prefers the current match over another match', () => {
    const pieces = composePieces(
      4,
      [],
      [],
      [
        { start: 0, end: 4, mark: 'match' },
        { start: 0, end: 4, mark: 'current' },
      ],
    );
    expect(pieces[0]?.mark).toBe('current');
  });
});

describe('styleProps', () => {
  it('maps palette colours to classes and others to inline colours', () => {
    expect(styleProps({ fg: 'p1', bold: true })).toEqual({ className: 'ansi-fg-1 ansi-bold' });
    expect(styleProps({ fg: '#ff0000', bg: 'p4' })).toEqual({ className: 'ansi-bg-4', color: '#ff0000' });
    expect(styleProps({ inverse: true })).toEqual({ className: 'ansi-inv-fg ansi-inv-bg' });
    expect(styleProps({ inverse: true, fg: 'p2' })).toEqual({ className: 'ansi-inv-fg ansi-bg-2' });
    expect(styleProps(undefined)).toEqual({ className: '' });
  });
});
