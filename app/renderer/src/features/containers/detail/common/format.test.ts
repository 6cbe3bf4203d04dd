import { describe, expect, it } from 'vitest';
import { formatBytes, formatPercent, formatRate, shortTimestamp } from './format';

describe('format', () => {
  it('formats bytes in the one style of every page (decimal kB/MB, as Docker)', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1536)).toBe('1.54 kB');
    expect(formatBytes(20 * 1000 * 1000)).toBe('20 MB');
    expect(formatBytes(-1)).toBe('—');
    expect(formatRate(2048)).toBe('2.05 kB/s');
  });
  it('formats percent', () => {
    expect(formatPercent(12.345)).toBe('12.3 %');
    expect(formatPercent(250)).toBe('250 %');
  });
  it('shortens engine timestamps', () => {
    expect(shortTimestamp('2026-11-25T12:33:30.123456789Z')).toBe('2026-11-25 12:33:30.123');
    expect(shortTimestamp('2026-11-25T12:33:30Z')).toBe('2026-11-25 12:33:30.000');
    expect(shortTimestamp('2026-11-25T12:33:30.5Z')).toBe('2026-11-25 12:33:30.500');
    expect(shortTimestamp(undefined)).toBe('');
  });
});
