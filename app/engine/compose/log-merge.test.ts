import { describe, expect, it } from 'vitest';
import { mergeByTimestamp, ReorderWindow, tsKey } from './log-merge';

describe('tsKey', () => {
  it('sorts fractions of different lengths by time', () => {
    const a = tsKey('2024-01-02T03:04:05.1Z');
    const b = tsKey('2024-01-02T03:04:05.123Z');
    const c = tsKey('2024-01-02T03:04:05Z');
    expect([a, b, c].sort()).toEqual([c, a, b]);
  });
  it('converts offsets to UTC', () => {
    expect(tsKey('2024-01-02T05:04:05.5+02:00')).toBe('2024-01-02T03:04:05.500000000Z');
  });
});

describe('mergeByTimestamp', () => {
  it('interleaves sources by time and keeps source order on ties', () => {
    const web = [
      { ts: '2024-01-01T00:00:01.000000000Z', text: 'w1' },
      { ts: '2024-01-01T00:00:03.000000000Z', text: 'w3' },
    ];
    const worker = [
      { ts: '2024-01-01T00:00:02.000000000Z', text: 'k2' },
      { ts: '2024-01-01T00:00:03.000000000Z', text: 'k3' },
      { ts: '2024-01-01T00:00:04.5Z', text: 'k4' },
    ];
    expect(mergeByTimestamp([web, worker]).map((l) => l.text)).toEqual(['w1', 'k2', 'w3', 'k3', 'k4']);
  });
});

describe('ReorderWindow', () => {
  it('releases lines pushed within the window in time order', async () => {
    const w = new ReorderWindow<{ ts: string; text: string }>(20);
    await w.push([{ ts: '2024-01-01T00:00:02Z', text: 'b' }]);
    await w.push([{ ts: '2024-01-01T00:00:01Z', text: 'a' }]);
    const batch = await w.next();
    expect(batch?.map((l) => l.text)).toEqual(['a', 'b']);
    w.close();
    expect(await w.next()).toBeUndefined();
  });
  it('holds a fast producer back until the consumer catches up', async () => {
    const w = new ReorderWindow<{ ts: string }>(1, 2);
    let released = false;
    const p = w.push([{ ts: 'a' }, { ts: 'b' }, { ts: 'c' }]).then(() => (released = true));
    await new Promise((r) => setTimeout(r, 10));
    expect(released).toBe(false);
    expect((await w.next())?.length).toBe(3);
    await p;
    expect(released).toBe(true);
  });
});
