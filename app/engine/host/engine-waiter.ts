// Waits for an engine that is not there (yet) to answer: probes with a short backoff capped at a few
// hundred milliseconds to a second, and for a unix socket also watches its folder, so the socket
// appearing triggers a probe at once (and restarts the backoff) instead of waiting out the cap.
import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { EngineAddress } from '../docker/client';
import type { ProbeResult } from './probe';

export interface EngineWaiterOptions {
  address: EngineAddress;
  probe(): Promise<ProbeResult>;
  /** Each probe that found nothing (to keep the reason shown up to date). */
  onMiss?(result: ProbeResult): void;
  /** The first probe that got an answer; the waiter has stopped by then. */
  onReady(result: ProbeResult): void;
  /** First pause between probes; doubled after each miss. Default 100 ms. */
  minDelayMs?: number;
  /** Longest pause between probes. Default 1 s; 5 s over ssh (each probe is an ssh connection). */
  maxDelayMs?: number;
}

export interface EngineWaiter {
  cancel(): void;
}

export function waitForEngine(o: EngineWaiterOptions): EngineWaiter {
  const min = o.minDelayMs ?? 100;
  const max = o.maxDelayMs ?? (o.address.kind === 'ssh' ? 5000 : 1000);
  let delay = min;
  let timer: NodeJS.Timeout | undefined;
  let probing = false;
  let again = false;
  let done = false;
  let watcher: FSWatcher | undefined;

  const schedule = (ms: number) => {
    clearTimeout(timer);
    timer = setTimeout(() => void tick(), ms);
    timer.unref();
  };
  const cancel = () => {
    done = true;
    clearTimeout(timer);
    watcher?.close();
    watcher = undefined;
  };
  async function tick(): Promise<void> {
    if (done) return;
    if (probing) {
      again = true;
      return;
    }
    probing = true;
    const result = await o.probe();
    probing = false;
    if (done) return;
    if (result.reachable) {
      cancel();
      return o.onReady(result);
    }
    o.onMiss?.(result);
    if (again) {
      again = false;
      delay = min;
      return schedule(0);
    }
    delay = Math.min(delay * 2, max);
    schedule(delay);
  }

  if (o.address.kind === 'unix') {
    const name = basename(o.address.socketPath);
    try {
      watcher = watch(dirname(o.address.socketPath), { persistent: false }, (_event, file) => {
        if (file !== null && file !== name) return;
        delay = min; // it moved: probe now, then quickly again while it finishes starting
        void tick();
      });
      watcher.on('error', () => {
        watcher?.close();
        watcher = undefined; // the folder went away: the timer alone carries on
      });
    } catch {
      watcher = undefined; // no folder (yet): the timer alone
    }
  }
  schedule(min);
  return { cancel };
}
