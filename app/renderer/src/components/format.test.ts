import { describe, expect, it } from 'vitest';
import { formatBytes } from './format';

describe('formatBytes', () => {
  it('prints sizes as docker images and docker system df do: decimal, kB, three digits', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(1000)).toBe('1 kB');
    expect(formatBytes(1_984_257)).toBe('1.98 MB');
    expect(formatBytes(19_842_570)).toBe('19.8 MB');
    expect(formatBytes(198_425_700)).toBe('198 MB');
    expect(formatBytes(999_999)).toBe('1 MB');
    expect(formatBytes(7.6e9)).toBe('7.6 GB');
    expect(formatBytes(undefined)).toBe('—');
    expect(formatBytes(Number.NaN)).toBe('—');
  });
});
