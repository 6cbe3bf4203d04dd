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
    const readyAt = new Promise<number>((resolve) => {
      const w = waitForEngine({
        address: { kind: 'unix', socketPath },
        probe: async () => (exists ? hit : miss),
        onReady: () => resolve(Date.now()),
        maxDelayMs: 60000, // only the folder watch can explain a quick answer
      });
      setTimeout(() => w.cancel(), 20000).unref();
    });
    await new Promise((r) => setTimeout(r, 1000)); // well past the first probes: the backoff is long now
    const createdAt = Date.now();
    exists = true;
    writeFileSync(socketPath, '');
    expect((await readyAt) - createdAt).toBeLessThan(500);
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
