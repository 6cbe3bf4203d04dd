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

describe('scaled scrolling', () => {
  const small = { count: 1000, rowHeight: 18, viewHeight: 600 };
  const huge = { count: 1_000_000, rowHeight: 18, viewHeight: 600 };
  it('is the identity for lists that fit', async () => {
    const { contentHeight, toReal, toVirtual } = await import('./viewport');
    expect(contentHeight(small)).toBe(18_000);
    expect(toVirtual(500, small)).toBe(500);
    expect(toReal(500, small)).toBe(500);
  });
  it('squeezes a million rows under the precise limit and maps both ends exactly', async () => {
    const { contentHeight, MAX_SCROLL_PX, toReal, toVirtual, windowTop } = await import('./viewport');
    expect(contentHeight(huge)).toBe(MAX_SCROLL_PX);
    const realBottom = MAX_SCROLL_PX - 600;
    expect(toVirtual(realBottom, huge)).toBe(bottomOffset(1_000_000, 18, 600));
    expect(toVirtual(0, huge)).toBe(0);
    expect(toReal(bottomOffset(1_000_000, 18, 600), huge)).toBe(realBottom);
    const mid = toReal(500_000 * 18, huge);
    expect(toVirtual(mid, huge)).toBeCloseTo(500_000 * 18, 3);
    // the row block sits just above the viewport, inside the precise range
    const v = toVirtual(mid, huge);
    const [lo] = visibleRange(v, 600, 1_000_000, 18, 8);
    const top = windowTop(mid, v, lo, 18);
    expect(top).toBeLessThanOrEqual(mid);
    expect(mid - top).toBeLessThan(18 * 10);
  });
});
