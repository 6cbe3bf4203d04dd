// One clock for every live duration on screen ("Up 8 seconds"): a single 1 s timer while anything
// shows one and the page is visible, none otherwise.
import { useSyncExternalStore } from 'react';

const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | undefined;

function tick(): void {
  now = Date.now();
  for (const l of listeners) l();
}

function sync(): void {
  const want = listeners.size > 0 && document.visibilityState === 'visible';
  if (want && !timer) {
    tick();
    timer = setInterval(tick, 1000);
  } else if (!want && timer) {
    clearInterval(timer);
    timer = undefined;
  }
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  if (listeners.size === 1) document.addEventListener('visibilitychange', sync);
  sync();
  return () => {
    listeners.delete(l);
    if (listeners.size === 0) document.removeEventListener('visibilitychange', sync);
    sync();
  };
}

/** Whether the shared clock is ticking (for tests). */
export const clockRunning = (): boolean => timer !== undefined;

/** The time, re-read every second while the page is visible. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, () => now);
}
