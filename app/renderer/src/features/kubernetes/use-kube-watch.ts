// A watched Kubernetes list (kube.watch of one resource) as rows: the full list is swapped in whole
// when it is complete (the first, and again after the server said 410 Gone), then upserts and
// deletes change single rows (WatchedRows). Subscribed only while the page is visible and `enabled`;
// unsubscribed when the view closes or the context, namespace or resource changes.
import { useMemo, useRef, useState } from 'react';
import type { KubeResource, KubeRows, KubeWatchItem } from '../../../../shared/contract/areas/kube';
import { WatchedRows } from '../../../../shared/kube-watched-rows';
import { usePageVisible, useStream } from '../../api/hooks';

export interface KubeWatch<T> {
  rows: T[];
  /** Rows by namespace/name. */
  byKey: Map<string, T>;
  loading: boolean;
  error?: string;
}

export function useKubeWatch<R extends KubeResource>(
  resource: R,
  context: string,
  namespace: string | undefined,
  enabled = true,
): KubeWatch<KubeRows[R]> {
  const visible = usePageVisible();
  const state = useRef(new WatchedRows<KubeRows[R]>());
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<string>();
  const key = `${resource}|${context}|${namespace ?? '*'}`;
  const [seenKey, setSeenKey] = useState(key);
  if (seenKey !== key) {
    // Another context, namespace or resource: start from nothing.
    setSeenKey(key);
    state.current = new WatchedRows();
    setError(undefined);
  }
  useStream('kube.watch', { resource, ...(context ? { context } : {}), ...(namespace ? { namespace } : {}) }, key, {
    enabled: enabled && visible && !!context,
    onData(items) {
      if (state.current.apply(items as unknown as KubeWatchItem<KubeRows[R]>[])) setVersion((v) => v + 1);
      setError(undefined);
    },
    onEnd(e) {
      if (e) setError(e.message);
      setVersion((v) => v + 1);
    },
  });
  const s = state.current;
  const rows = useMemo(
    () => [...s.rows.values()].sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name)),
    // version says when the rows changed; seenKey when they were replaced
    [version, seenKey],
  );
  return { rows, byKey: s.rows, loading: !s.synced && !error, ...(error ? { error } : {}) };
}
