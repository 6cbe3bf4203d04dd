// @vitest-environment happy-dom
// A swarm task's container event comes before the manager knows the task's new state: the swarm
// views read again as it settles (1, 3 and 8 s after the last such event), so a count read too early
// (a stack at 2/3 while its third task starts) does not stay wrong. Driven through the real
// BerthClient and react-query cache, on a fake clock.
import { act } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EngineEvent } from '../../../shared/contract';
import { renderWithClient } from '../test/scripted-client';
import { SWARM_SETTLE_MS, useLiveUpdates } from './live-updates';

function Live() {
  useLiveUpdates();
  return null;
}

const taskEvent: EngineEvent = {
  type: 'container',
  action: 'start',
  id: 'c1',
  attributes: { 'com.docker.swarm.service.id': 's1' },
  time: 1,
};

afterEach(() => {
  vi.useRealTimers();
});

describe('swarm views settle after task events', () => {
  it('makes the services list stale again at each settle time after the last task event', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const t = renderWithClient(<Live />);
    const sub = t.subs.find((s) => s.topic === 'engine.events');
    expect(sub).toBeDefined();
    t.queryClient.setQueryData(['services.list'], []);
    const stale = () => t.queryClient.getQueryState(['services.list'])?.isInvalidated === true;
    act(() => t.deliver({ t: 'data', id: sub!.id, seq: 1, items: [taskEvent] }));
    expect(stale()).toBe(true); // at once, from the event itself
    let at = 0;
    for (const ms of SWARM_SETTLE_MS) {
      t.queryClient.setQueryData(['services.list'], []); // read again: fresh
      expect(stale()).toBe(false);
      await act(() => vi.advanceTimersByTimeAsync(ms - at - 1));
      expect(stale()).toBe(false);
      await act(() => vi.advanceTimersByTimeAsync(1));
      expect(stale()).toBe(true);
      at = ms;
    }
  });
});
