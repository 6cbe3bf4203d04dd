import { describe, expect, it } from 'vitest';
import type { EngineHost, EngineState } from '../types';
import { IdleSaver } from './idle-saver';

function fakeHost(startMs = 30) {
  let state: EngineState = 'running';
  const calls: string[] = [];
  const host = {
    id: 'fake',
    kind: 'lima',
    label: "Berth's VM (Lima)",
    address: { kind: 'unix', socketPath: '/x' },
    status: () => ({ state, progress: '', restarts: 0 }),
    start: async () => {
      calls.push('start');
      await new Promise((r) => setTimeout(r, startMs));
      state = 'running';
      return state;
    },
    stop: async () => {
      calls.push('stop');
      state = 'stopped';
    },
    subscribe: () => () => undefined,
    logTail: () => [],
  } satisfies EngineHost;
  return { host, calls };
}

describe('IdleSaver (resource saver for the VM hosts)', () => {
  it('stops an idle VM with no running containers, and wakes it on the next request with the time it took', async () => {
    let now = 0;
    let running = 0;
    const notices: string[] = [];
    const { host, calls } = fakeHost();
    const saver = new IdleSaver(host, {
      idleMs: 5 * 60000,
      runningContainers: async () => running,
      onNotice: (m) => notices.push(m),
      now: () => now,
    });
    now = 4 * 60000;
    expect(await saver.check()).toBe(false); // not idle long enough
    now = 6 * 60000;
    running = 2;
    expect(await saver.check()).toBe(false); // containers run: counts as activity
    now = 12 * 60000;
    running = 0;
    expect(await saver.check()).toBe(true);
    expect(calls).toEqual(['stop']);
    expect(saver.sleeping).toBe(true);
    expect(notices[0]).toMatch(/stopped after 5 idle minute\(s\) with no running containers/);

    now = 0;
    const wakes = [saver.wake(), saver.wake()]; // two requests at once: one start
    now = 3400;
    expect(await Promise.all(wakes)).toEqual([3400, 3400]);
    expect(calls).toEqual(['stop', 'start']);
    expect(notices[1]).toBe("Berth's VM (Lima) woke up in 3.4 s.");
    expect(await saver.wake()).toBe(0);
  });

  it('counts an engine that cannot say how many containers run as busy', async () => {
    let now = 0;
    const { host, calls } = fakeHost();
    const saver = new IdleSaver(host, {
      idleMs: 1000,
      runningContainers: async () => {
        throw new Error('engine unavailable');
      },
      now: () => now,
    });
    now = 5000;
    expect(await saver.check()).toBe(false);
    expect(calls).toEqual([]);
  });

  it('runs on a timer', async () => {
    const { host, calls } = fakeHost();
    const saver = new IdleSaver(host, { idleMs: 40, checkEveryMs: 10, runningContainers: async () => 0 }).begin();
    await new Promise((r) => setTimeout(r, 200));
    saver.end();
    expect(calls).toEqual(['stop']);
  });
});
