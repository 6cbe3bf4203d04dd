// The rows of a watched Kubernetes list (kube.watch) as the items arrive: a `reset` starts a new full
// list that is gathered apart and swapped in whole at `synced` (so a re-list after a 410 never shows
// a half list), upserts and deletes change single rows. Used by the page, the tests and the bench.
import type { KubeWatchItem } from './contract/areas/kube';

export interface NamedRow {
  namespace: string;
  name: string;
}

export const rowKey = (r: NamedRow): string => `${r.namespace}/${r.name}`;

export class WatchedRows<T extends NamedRow> {
  /** The rows shown: the last complete list and the changes since. */
  rows = new Map<string, T>();
  /** Whether a complete list has arrived. */
  synced = false;
  private incoming: Map<string, T> | undefined;

  /** Applies a batch; returns whether the shown rows changed. */
  apply(items: readonly KubeWatchItem<T>[]): boolean {
    let changed = false;
    for (const item of items) {
      if (item.type === 'reset') this.incoming = new Map();
      else if (item.type === 'synced') {
        if (this.incoming) this.rows = this.incoming;
        this.incoming = undefined;
        this.synced = true;
        changed = true;
      } else {
        const target = this.incoming ?? this.rows;
        if (item.type === 'upsert') target.set(rowKey(item.item), item.item);
        else target.delete(rowKey(item));
        changed ||= target === this.rows;
      }
    }
    return changed;
  }
}
