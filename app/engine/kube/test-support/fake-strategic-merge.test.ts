// The fake API server's strategic merge patch: the cases kubectl's rollbacks and edits send.
import { describe, expect, it } from 'vitest';
import { strategicMergePatch } from './fake-strategic-merge';

describe('the fake API server’s strategic merge patch', () => {
  const set = {
    metadata: { name: 'db', labels: { app: 'db', tier: 'data' } },
    spec: {
      replicas: 3,
      template: {
        metadata: { labels: { app: 'db' }, annotations: { restartedAt: 'now' } },
        spec: {
          containers: [
            { name: 'main', image: 'pg:16', env: [{ name: 'A', value: '1' }] },
            { name: 'side', image: 'log:1' },
          ],
        },
      },
    },
  };

  it('replaces a map marked $patch: replace, keeping everything beside it, with the directive dropped', () => {
    const t = { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'main', image: 'pg:15' }] } };
    expect(strategicMergePatch(set, { spec: { template: { ...t, $patch: 'replace' } } })).toEqual({
      ...set,
      spec: { replicas: 3, template: t },
    });
  });

  it('merges maps, removes null keys and $patch: delete maps, and merges named lists by name', () => {
    const out = strategicMergePatch(set, {
      metadata: { labels: { tier: null, team: 'x' } },
      spec: {
        template: {
          metadata: { annotations: { $patch: 'delete' } },
          spec: {
            containers: [
              { name: 'main', image: 'pg:17' },
              { name: 'side', $patch: 'delete' },
              { name: 'new', image: 'n:1' },
            ],
          },
        },
      },
    }) as typeof set;
    expect(out.metadata.labels).toEqual({ app: 'db', team: 'x' });
    expect(out.spec.template.metadata).toEqual({ labels: { app: 'db' } });
    expect(out.spec.template.spec.containers).toEqual([
      { name: 'main', image: 'pg:17', env: [{ name: 'A', value: '1' }] },
      { name: 'new', image: 'n:1' },
    ]);
  });

  it('replaces a list without a name key', () => {
    expect(strategicMergePatch({ args: ['a', 'b'] }, { args: ['c'] })).toEqual({ args: ['c'] });
  });
});
