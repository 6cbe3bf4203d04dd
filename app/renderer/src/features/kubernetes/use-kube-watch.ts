// A watched Kubernetes list (kube.pods, kube.deployments) as rows: a reset replaces them all (the
// first list, and again after the server said 410 Gone), then upserts and deletes change single
// rows. Subscribed only while the page is visible; unsubscribed when the view closes.
import { useMemo, useRef, useState } from 'react';
import type { KubeWatchItem } from '../../../../shared/contract/areas/kube';
import { usePageVisible, useStream } from '../../api/hooks';

export interface KubeRow {
  namespace: string;
  name: string;
}

export interface KubeWatch<T> {
  rows: T[];
  loading: boolean;
  error?: string;
}

type WatchTopic = 'kube.pods' | 'kube.deployments';

const rowKey = (r: { namespace: string; name: string }) => `${r.namespace}/${r.name}`;

/** Applies a batch of watch items to a map of rows (exported for its own test). */
export function applyWatch<T extends KubeRow>(rows: Map<string, T>, items: readonly KubeWatchItem<T>[]): void {
  for (const item of items) {
    if (item.type === 'reset') {
      rows.clear();
      for (const r of item.items) rows.set(rowKey(r), r);
    } else if (item.type === 'upsert') rows.set(rowKey(item.item), item.item);
    else rows.delete(rowKey(item));
  }
}

export function useKubeWatch<T extends KubeRow>(
  topic: WatchTopic,
  context: string,
  namespace: string | undefined,
): KubeWatch<T> {
  const visible = usePageVisible();
  const map = useRef(new Map<string, T>());
  const [version, setVersion] = useState(0);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string>();
  const key = `${topic}|${context}|${namespace ?? '*'}`;
  const [seenKey, setSeenKey] = useState(key);
  if (seenKey !== key) {
    // A new context or namespace: start from nothing.
    setSeenKey(key);
    map.current = new Map();
    setLoading(true);
    setError(undefined);
  }
  useStream(topic, { ...(context ? { context } : {}), ...(namespace ? { namespace } : {}) }, key, {
    enabled: visible && !!context,
    onData(items) {
      applyWatch(map.current, items as unknown as KubeWatchItem<T>[]);
      setLoading(false);
      setError(undefined);
      setVersion((v) => v + 1);
    },
    onEnd(e) {
      setLoading(false);
      if (e) setError(e.message);
    },
  });
  const rows = useMemo(
    () =>
      [...map.current.values()].sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name)),
    // version says when the map changed; seenKey when it was replaced
    [version, seenKey],
  );
  return { rows, loading, ...(error ? { error } : {}) };
}
