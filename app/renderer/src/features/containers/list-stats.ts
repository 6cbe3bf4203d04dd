// CPU and memory for the rows on screen: one sampling stream for exactly the running containers
// whose rows are in view (not the few rendered beyond it), only while the page is visible. Nothing
// is sampled for rows scrolled away.
import { useMemo } from 'react';
import { create } from 'zustand';
import type { StatsSample } from '../../../../shared/contract';
import { usePageVisible, useStream } from '../../api/hooks';

interface ListStats {
  samples: ReadonlyMap<string, StatsSample>;
  add(items: StatsSample[]): void;
}

export const useListStatsStore = create<ListStats>((set, get) => ({
  samples: new Map(),
  add(items) {
    const next = new Map(get().samples);
    for (const s of items) next.set(s.id, s);
    set({ samples: next });
  },
}));

export function useListStats(visibleRunningIds: string[]): ReadonlyMap<string, StatsSample> {
  const visible = usePageVisible();
  const add = useListStatsStore((s) => s.add);
  const ids = useMemo(() => [...visibleRunningIds].sort().slice(0, 100), [visibleRunningIds]);
  const key = ids.join(',');
  useStream('stats.sample', { ids }, key, { enabled: visible && ids.length > 0, onData: add });
  return useListStatsStore((s) => s.samples);
}
