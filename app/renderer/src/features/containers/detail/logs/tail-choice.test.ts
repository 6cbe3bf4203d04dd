import { describe, expect, it } from 'vitest';
import { logArgs } from './tail-choice';

describe('logArgs', () => {
  it('maps each choice to tail/since arguments', () => {
    const now = 1_800_000_000_000;
    expect(logArgs('c1', '1000', now)).toEqual({ id: 'c1', follow: true, timestamps: true, tail: 1000 });
    expect(logArgs('c1', 'all', now).tail).toBe('all');
    expect(logArgs('c1', '1h', now)).toMatchObject({ tail: 'all', since: 1_800_000_000 - 3600 });
  });
});
