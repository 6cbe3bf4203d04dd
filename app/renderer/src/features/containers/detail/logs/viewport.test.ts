import { describe, expect, it } from 'vitest';
import { countText } from './LogSearchBar';
import { bottomOffset, visibleRange } from './viewport';

describe('visibleRange', () => {
  it('covers the rows on screen plus a few', () => {
    expect(visibleRange(0, 180, 1000, 18, 2)).toEqual([0, 12]);
    expect(visibleRange(1800, 180, 1000, 18, 2)).toEqual([98, 112]);
  });
  it('stays inside the list, even at a million rows', () => {
    expect(visibleRange(bottomOffset(1_000_000, 18, 600), 600, 1_000_000, 18, 8)).toEqual([999_958, 1_000_000]);
    expect(visibleRange(0, 600, 0, 18, 8)).toEqual([0, 0]);
    expect(bottomOffset(3, 18, 600)).toBe(0);
  });
});

describe('countText', () => {
  it('says how many matches and which one is current', () => {
    expect(countText('', 0, -1, false)).toBe('');
    expect(countText('x', 0, -1, true)).toBe('Searching…');
    expect(countText('x', 0, -1, false)).toBe('No matches');
    expect(countText('x', 340, 11, false)).toBe('12 of 340');
    expect(countText('x', 340, 11, true)).toBe('12 of 340+');
    expect(countText('x', 5, -1, false)).toBe('5 matches');
    expect(countText('(', 0, -1, false, 'bad')).toBe('');
  });
});
