import { describe, expect, it } from 'vitest';
import { selectorQuery } from './selector';

describe('selectorQuery', () => {
  it('writes equality and set-based terms as the API takes them', () => {
    expect(
      selectorQuery({
        matchLabels: { app: 'web', tier: 'front' },
        matchExpressions: [
          { key: 'env', operator: 'In', values: ['prod', 'staging'] },
          { key: 'canary', operator: 'NotIn', values: ['yes'] },
          { key: 'team', operator: 'Exists' },
          { key: 'legacy', operator: 'DoesNotExist' },
        ],
      }),
    ).toBe('app=web,tier=front,env in (prod,staging),canary notin (yes),team,!legacy');
    expect(selectorQuery(undefined)).toBe('');
    expect(selectorQuery({})).toBe('');
  });
});
