// Turns cumulative engine counters (bytes received, read …) into per-second rates.
import type { StatsSample } from '../../../../../../shared/contract';

export interface Rates {
  rx: number;
  tx: number;
  read: number;
  write: number;
}

const ZERO: Rates = { rx: 0, tx: 0, read: 0, write: 0 };

/** Rate between two samples; 0 for the first sample, a counter reset or a non-increasing clock. */
export function computeRates(prev: StatsSample | undefined, cur: StatsSample): Rates {
  if (!prev) return ZERO;
  const dt = (cur.ts - prev.ts) / 1000;
  if (!(dt > 0)) return ZERO;
  const r = (a: number, b: number) => (b >= a ? (b - a) / dt : 0);
  return {
    rx: r(prev.netRx, cur.netRx),
    tx: r(prev.netTx, cur.netTx),
    read: r(prev.blkRead, cur.blkRead),
    write: r(prev.blkWrite, cur.blkWrite),
  };
}

/** A round axis maximum at or above v: 1, 2, 2.5, 5 × 10^k. */
export function niceMax(v: number): number {
  if (!(v > 0)) return 1;
  const exp = Math.floor(Math.log10(v));
  const base = 10 ** exp;
  for (const m of [1, 2, 2.5, 5, 10]) if (m * base >= v) return m * base;
  return 10 * base;
}

/** A round axis maximum for byte values, in the decimal units sizes are shown in (so labels read 250 MB, 1 GB …). */
export function niceBytesMax(v: number): number {
  return v > 0 ? niceMax(Math.max(v, 1000)) : 1000;
}
