// Stats history per container, kept for the life of the app once a container's stats were opened
// (the stream itself runs only while the Stats tab is shown and the window is visible).
import { create } from 'zustand';
import type { StatsSample } from '../../../../../../shared/contract';
import { computeRates } from './rates';
import { RingBuffer } from './ring';

export const HISTORY_MS = 10 * 60 * 1000;
/** Enough for 10 minutes at two samples a second. */
const CAPACITY = 1200;

export const statsFields = ['ts', 'cpu', 'mem', 'memLimit', 'rx', 'tx', 'read', 'write', 'pids'] as const;
export type StatsField = (typeof statsFields)[number];

export interface StatsHistory {
  ring: RingBuffer<StatsField>;
  last?: StatsSample;
}

const histories = new Map<string, StatsHistory>();

/** Re-render signal per container. */
export const useStatsVersion = create<Record<string, number>>(() => ({}));

export function historyOf(id: string): StatsHistory {
  let h = histories.get(id);
  if (!h) {
    h = { ring: new RingBuffer(statsFields, CAPACITY) };
    histories.set(id, h);
  }
  return h;
}

/** Adds samples (in order); pure apart from the module map, so tests can drive it. */
export function addSamples(id: string, samples: readonly StatsSample[]): void {
  const h = historyOf(id);
  for (const s of samples) {
    if (h.last && s.ts <= h.last.ts) continue;
    // A gap (tab closed, window hidden) must not turn into one huge averaged rate.
    const prev = h.last && s.ts - h.last.ts < 30_000 ? h.last : undefined;
    // No previous sample: the rates are unknown (NaN: drawn as a gap, shown as "—"), not zero.
    const r = prev ? computeRates(prev, s) : { rx: NaN, tx: NaN, read: NaN, write: NaN };
    h.ring.push({
      ts: s.ts,
      cpu: s.cpuPercent,
      mem: s.memUsage,
      memLimit: s.memLimit,
      rx: r.rx,
      tx: r.tx,
      read: r.read,
      write: r.write,
      pids: s.pids,
    });
    h.last = s;
  }
  const newest = h.last?.ts ?? 0;
  h.ring.dropWhile((i) => h.ring.get(i, 'ts') < newest - HISTORY_MS);
  useStatsVersion.setState({ [id]: h.ring.version });
}

/** Forgets a container's history (e.g. after it was removed). */
export function dropStats(id: string): void {
  histories.delete(id);
  useStatsVersion.setState({ [id]: -1 });
}
