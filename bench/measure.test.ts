import { describe, expect, it } from 'vitest';
import { cpuSeconds, cpuSecondsOf, median, rssMiB, timeRuns, withChildren } from './measure';

describe('median', () => {
  it('takes the middle of an odd count and the mean of the middle two of an even count', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
  });
  it('is NaN for no samples and does not reorder its input', () => {
    expect(median([])).toBeNaN();
    const xs = [3, 1, 2];
    median(xs);
    expect(xs).toEqual([3, 1, 2]);
  });
});

describe('timeRuns', () => {
  it('runs the warm-up unmeasured, then returns one time per run', async () => {
    let calls = 0;
    const times = await timeRuns(3, async () => void calls++, 2);
    expect(calls).toBe(5);
    expect(times).toHaveLength(3);
    for (const t of times) expect(t).toBeGreaterThanOrEqual(0);
  });
});

describe('process readings', () => {
  it('reads this process’s CPU time and RSS from /proc', () => {
    expect(cpuSeconds(process.pid)).toBeGreaterThan(0);
    expect(rssMiB(process.pid)).toBeGreaterThan(10);
    expect(withChildren(process.pid)[0]).toBe(process.pid);
  });
  it('counts a process that is gone as no CPU', () => {
    expect(cpuSecondsOf([2 ** 22 + 12345])).toBe(0);
  });
});
