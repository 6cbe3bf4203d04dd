import { describe, expect, it } from 'vitest';
import type { StatsSample } from '../../../../../../shared/contract';
import { computeRates, niceBytesMax, niceMax } from './rates';
import { RingBuffer } from './ring';
import { addSamples, dropStats, historyOf, HISTORY_MS } from './stats-store';

const sample = (ts: number, over: Partial<StatsSample> = {}): StatsSample => ({
  id: 'c',
  ts,
  cpuPercent: 10,
  memUsage: 100,
  memLimit: 1000,
  netRx: 0,
  netTx: 0,
  blkRead: 0,
  blkWrite: 0,
  pids: 1,
  ...over,
});

describe('RingBuffer', () => {
  it('keeps the newest records up to capacity, oldest first', () => {
    const r = new RingBuffer(['a'] as const, 3);
    for (let i = 1; i <= 5; i++) r.push({ a: i });
    expect(r.size).toBe(3);
    expect([0, 1, 2].map((i) => r.get(i, 'a'))).toEqual([3, 4, 5]);
    expect(r.last('a')).toBe(5);
    expect(r.max('a')).toBe(5);
    r.dropWhile((i) => r.get(i, 'a') < 5);
    expect(r.size).toBe(1);
    r.clear();
    expect(r.last('a')).toBeUndefined();
  });
});

describe('computeRates', () => {
  it('computes bytes per second between samples', () => {
    const a = sample(1000, { netRx: 1000, netTx: 0, blkRead: 0, blkWrite: 500 });
    const b = sample(3000, { netRx: 5000, netTx: 2000, blkRead: 4096, blkWrite: 500 });
    expect(computeRates(a, b)).toEqual({ rx: 2000, tx: 1000, read: 2048, write: 0 });
  });
  it('is zero for the first sample, counter resets and a clock going backwards', () => {
    const b = sample(3000, { netRx: 10 });
    expect(computeRates(undefined, b).rx).toBe(0);
    expect(computeRates(sample(1000, { netRx: 100 }), b).rx).toBe(0);
    expect(computeRates(sample(3000), b).rx).toBe(0);
  });
});

describe('axis maxima', () => {
  it('rounds up to nice numbers', () => {
    expect(niceMax(0)).toBe(1);
    expect(niceMax(7)).toBe(10);
    expect(niceMax(120)).toBe(200);
    expect(niceMax(2.2)).toBe(2.5);
    expect(niceBytesMax(300 * 1000 * 1000)).toBe(500 * 1000 * 1000);
    expect(niceBytesMax(1500)).toBe(2000);
    expect(niceBytesMax(0)).toBe(1000);
  });
});

describe('stats store', () => {
  it('keeps history per container, with rates and a 10-minute window', () => {
    dropStats('c1');
    const t0 = 1_000_000;
    addSamples('c1', [sample(t0, { netRx: 0 }), sample(t0 + 1000, { netRx: 2048 })]);
    const h = historyOf('c1');
    expect(h.ring.size).toBe(2);
    expect(h.ring.get(0, 'rx')).toBeNaN();
    expect(h.ring.max('rx')).toBe(2048);
    expect(h.ring.last('rx')).toBe(2048);
    // duplicates and old samples are ignored
    addSamples('c1', [sample(t0 + 1000)]);
    expect(h.ring.size).toBe(2);
    // a sample 11 minutes later drops older ones; the gap gives no rate
    addSamples('c1', [sample(t0 + HISTORY_MS + 61_000, { netRx: 999_999 })]);
    expect(h.ring.size).toBe(1);
    expect(h.ring.last('rx')).toBeNaN();
    dropStats('c1');
    expect(historyOf('c1').ring.size).toBe(0);
  });
});

describe('chart axis', () => {
  it('labels times and picks a window that holds the history', async () => {
    const { agoLabel, chartWindow } = await import('./draw-chart');
    expect(agoLabel(0)).toBe('now');
    expect(agoLabel(30_000)).toBe('30 s ago');
    expect(agoLabel(300_000)).toBe('5 min ago');
    expect(chartWindow(10_000, HISTORY_MS)).toBe(60_000);
    expect(chartWindow(90_000, HISTORY_MS)).toBe(120_000);
    expect(chartWindow(9 * 60_000, HISTORY_MS)).toBe(HISTORY_MS);
    expect(chartWindow(20 * 60_000, HISTORY_MS)).toBe(HISTORY_MS);
  });
});
