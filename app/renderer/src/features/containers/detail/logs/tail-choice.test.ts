import { describe, expect, it } from 'vitest';
import { logArgs } from './tail-choice';

describe('logArgs', () => {
  it('loads the chosen tail while live, following', () => {
    expect(logArgs('c1', '1000', { allLines: false })).toEqual({
      id: 'c1',
      follow: true,
      timestamps: true,
      tail: 1000,
    });
    expect(logArgs('c1', 'all', { allLines: false }).tail).toBe('all');
  });

  it('loads every line of a range; a range with an end is not followed', () => {
    expect(logArgs('c1', '1000', { since: 100, allLines: true })).toEqual({
      id: 'c1',
      follow: true,
      timestamps: true,
      tail: 'all',
      since: 100,
    });
    expect(logArgs('c1', '1000', { since: 100.5, until: 200.25, allLines: true })).toMatchObject({
      follow: false,
      since: 100.5,
      until: 200.25,
      tail: 'all',
    });
  });
});
