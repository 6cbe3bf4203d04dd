// Watch items applied to rows: reset replaces everything (as after a 410), upserts and deletes change one row.
import { describe, expect, it } from 'vitest';
import { applyWatch } from './use-kube-watch';

const row = (namespace: string, name: string, n = 0) => ({ namespace, name, n });

describe('applyWatch', () => {
  it('resets, upserts and deletes by namespace and name', () => {
    const rows = new Map<string, ReturnType<typeof row>>();
    applyWatch(rows, [{ type: 'reset', items: [row('a', 'x'), row('b', 'x')] }]);
    applyWatch(rows, [
      { type: 'upsert', item: row('a', 'x', 1) },
      { type: 'upsert', item: row('a', 'y') },
      { type: 'delete', namespace: 'b', name: 'x' },
    ]);
    expect([...rows.values()]).toEqual([row('a', 'x', 1), row('a', 'y')]);
    applyWatch(rows, [{ type: 'reset', items: [row('c', 'z')] }]);
    expect([...rows.values()]).toEqual([row('c', 'z')]);
  });
});
