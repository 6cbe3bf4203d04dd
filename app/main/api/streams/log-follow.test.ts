import { describe, expect, it } from 'vitest';
import { newLines } from './log-follow';

describe('newLines', () => {
  it('hands on only what follows the previous tail', () => {
    expect(newLines([], ['a', 'b'])).toEqual(['a', 'b']);
    expect(newLines(['a', 'b', 'c'], ['b', 'c', 'd', 'e'])).toEqual(['d', 'e']);
    expect(newLines(['a', 'b'], ['a', 'b'])).toEqual([]);
  });

  it('copes with repeated lines by taking the longest overlap', () => {
    expect(newLines(['x', 'x', 'x'], ['x', 'x', 'x', 'y'])).toEqual(['y']);
  });

  it('says when the tails do not overlap (the log was rotated or the engine replaced)', () => {
    expect(newLines(['a', 'b'], ['c', 'd'])).toBeUndefined();
  });
});
