import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../../../../../shared/contract';
import { LogBuffer } from './log-buffer';
import { compileSearch, matchRanges, SearchIndex } from './search';

function bufferOf(texts: string[]): LogBuffer {
  const b = new LogBuffer();
  b.append(texts.map((text): LogLine => ({ stream: 'stdout', text })));
  return b;
}

describe('compileSearch', () => {
  it('is null for an empty query', () => {
    expect(compileSearch('', { regex: false, caseSensitive: false })).toBeNull();
  });
  it('escapes plain queries', () => {
    const c = compileSearch('a.b(', { regex: false, caseSensitive: false });
    expect(c?.ok).toBe(true);
    if (c?.ok) {
      expect(matchRanges(c.re, 'axb a.b( A.B(')).toEqual([
        [4, 8],
        [9, 13],
      ]);
    }
  });
  it('honours case sensitivity', () => {
    const c = compileSearch('Error', { regex: false, caseSensitive: true });
    if (!c?.ok) throw new Error('compile');
    expect(matchRanges(c.re, 'error Error ERROR')).toEqual([[6, 11]]);
  });
  it('supports regular expressions', () => {
    const c = compileSearch('id=\\d+', { regex: true, caseSensitive: false });
    if (!c?.ok) throw new Error('compile');
    expect(matchRanges(c.re, 'id=1 ID=22 id=x')).toEqual([
      [0, 4],
      [5, 10],
    ]);
  });
  it('reports an invalid regular expression as a sentence', () => {
    const c = compileSearch('(unclosed', { regex: true, caseSensitive: false });
    expect(c?.ok).toBe(false);
    if (c && !c.ok) expect(c.error).toBe('That is not a valid regular expression: unterminated group.');
  });
  it('skips empty matches without looping forever', () => {
    const c = compileSearch('x*', { regex: true, caseSensitive: false });
    if (!c?.ok) throw new Error('compile');
    expect(matchRanges(c.re, 'abxxc')).toEqual([[2, 4]]);
  });
});

describe('SearchIndex', () => {
  it('counts matches, locates match k and finds lines after a position', () => {
    const b = bufferOf(['foo', 'bar', 'foo foo', 'baz', 'xfoo']);
    const c = compileSearch('foo', { regex: false, caseSensitive: false });
    if (!c?.ok) throw new Error('compile');
    const s = new SearchIndex(c.re);
    expect(s.extend(b)).toBe(true);
    expect(s.total).toBe(4);
    expect(s.lineCount).toBe(3);
    expect(s.locate(0)).toEqual({ line: 0, occurrence: 0, lineIndex: 0 });
    expect(s.locate(2)).toEqual({ line: 2, occurrence: 1, lineIndex: 1 });
    expect(s.locate(3)).toEqual({ line: 4, occurrence: 0, lineIndex: 2 });
    expect(s.locate(4)).toBeUndefined();
    expect(s.lineIndexAtOrAfter(1)).toBe(1);
    expect(s.lineIndexAtOrAfter(5)).toBe(3);
    expect(s.firstMatchOfLineIndex(2)).toBe(3);
  });
  it('extends over lines appended later', () => {
    const b = bufferOf(['a1']);
    const c = compileSearch('a', { regex: false, caseSensitive: false });
    if (!c?.ok) throw new Error('compile');
    const s = new SearchIndex(c.re);
    s.extend(b);
    b.append([{ stream: 'stderr', text: 'a2' }]);
    s.extend(b);
    expect(s.total).toBe(2);
    expect(s.lineAt(1)).toBe(1);
  });
  it('stops after its time budget and resumes', () => {
    const b = bufferOf(Array.from({ length: 50_000 }, (_, i) => `l${i}`));
    const c = compileSearch('l4', { regex: false, caseSensitive: false });
    if (!c?.ok) throw new Error('compile');
    const s = new SearchIndex(c.re);
    let t = 0;
    expect(s.extend(b, 1, () => (t += 1))).toBe(false);
    expect(s.scannedTo).toBeGreaterThan(0);
    while (!s.extend(b, 1, () => (t += 1)));
    expect(s.total).toBe(11_111);
  });
  it('finds the one matching line among 1 000 000 (its speed is the bench row log-buffer)', () => {
    const b = new LogBuffer();
    const batch: LogLine[] = [];
    for (let i = 0; i < 1_000_000; i++) {
      batch.push({ stream: 'stdout', text: `2026-11-25 request ${i} served in ${i % 97} ms from worker-${i % 8}` });
      if (batch.length === 10_000) {
        b.append(batch);
        batch.length = 0;
      }
    }
    const c = compileSearch('request 500000 ', { regex: false, caseSensitive: false });
    if (!c?.ok) throw new Error('compile');
    const s = new SearchIndex(c.re);
    while (!s.extend(b, 50));
    expect(s.total).toBe(1);
    expect(s.locate(0)?.line).toBe(500_000);
  });
});
