// Watch items applied to rows: a full list is gathered apart and swapped in whole at synced (as
// after a 410, when the old rows stay shown until the new list is complete); upserts and deletes
// change one row.
import { describe, expect, it } from 'vitest';
import { WatchedRows } from './kube-watched-rows';

const row = (namespace: string, name: string, n = 0) => ({ namespace, name, n });
const upsert = (r: ReturnType<typeof row>) => ({ type: 'upsert', item: r }) as const;

describe('WatchedRows', () => {
  it('swaps a list in at synced, then upserts and deletes by namespace and name', () => {
    const w = new WatchedRows<ReturnType<typeof row>>();
    expect(w.apply([{ type: 'reset' }, upsert(row('a', 'x'))])).toBe(false);
    expect(w.synced).toBe(false);
    expect(w.rows.size).toBe(0);
    expect(w.apply([upsert(row('b', 'x')), { type: 'synced' }])).toBe(true);
    expect(w.synced).toBe(true);
    w.apply([upsert(row('a', 'x', 1)), upsert(row('a', 'y')), { type: 'delete', namespace: 'b', name: 'x' }]);
    expect([...w.rows.values()]).toEqual([row('a', 'x', 1), row('a', 'y')]);

    // A re-list: the old rows stay until the new list is complete, then only the new list is shown.
    expect(w.apply([{ type: 'reset' }, upsert(row('c', 'z'))])).toBe(false);
    expect([...w.rows.values()]).toEqual([row('a', 'x', 1), row('a', 'y')]);
    w.apply([{ type: 'synced' }]);
    expect([...w.rows.values()]).toEqual([row('c', 'z')]);
  });
});
