import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { waitForEngine } from './engine-waiter';
import type { ProbeResult } from './probe';

const miss: ProbeResult = { reachable: false, absent: true, reason: 'no socket' };
const hit: ProbeResult = { reachable: true, reason: 'answered /_ping' };
const dirs: string[] = [];
afterEach(() => {
  vi.useRealTimers();
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

describe('waitForEngine', () => {
  it('probes with a doubling delay capped at 1 s, never faster, and stops once the engine answers', async () => {
    vi.useFakeTimers();
    const at: number[] = [];
    let answer = miss;
    const ready = vi.fn();
    const start = Date.now();
    waitForEngine({
      address: { kind: 'tcp', host: '127.0.0.1', port: 1 },
      probe: async () => {
        at.push(Date.now() - start);
        return answer;
      },
      onReady: ready,
    });
    await vi.advanceTimersByTimeAsync(5000);
    expect(at).toEqual([100, 300, 700, 1500, 2500, 3500, 4500]);
    answer = hit;
    await vi.advanceTimersByTimeAsync(1000);
    expect(ready).toHaveBeenCalledWith(hit);
    await vi.advanceTimersByTimeAsync(10000);
    expect(at).toHaveLength(8);
  });

  it('probes at once when the socket appears in its folder (real file system), not a backoff later', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-waiter-'));
    dirs.push(dir);
    const socketPath = join(dir, 'docker.sock');
    let exists = false;
    let probes = 0;
    const ready = new Promise<void>((resolve) => {
      const w = waitForEngine({
        address: { kind: 'unix', socketPath },
        probe: async () => (probes++, exists ? hit : miss),
        onReady: () => resolve(),
        // The backoff's first probe is a minute away: within this test only the folder watch can probe.
        minDelayMs: 60000,
        maxDelayMs: 60000,
      });
      setTimeout(() => w.cancel(), 20000).unref();
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(probes).toBe(0);
    exists = true;
    writeFileSync(socketPath, '');
    await ready;
    expect(probes).toBeGreaterThanOrEqual(1);
  });

  it('stops probing when cancelled', async () => {
    vi.useFakeTimers();
    const probe = vi.fn(async () => miss);
    const w = waitForEngine({ address: { kind: 'tcp', host: '127.0.0.1', port: 1 }, probe, onReady: vi.fn() });
    await vi.advanceTimersByTimeAsync(350);
    w.cancel();
    const calls = probe.mock.calls.length;
    await vi.advanceTimersByTimeAsync(10000);
    expect(probe.mock.calls.length).toBe(calls);
  });
});
