// One clock for every live duration on screen ("Up 8 seconds"): a single 1 s timer while anything
// shows one and the page is visible, none otherwise.
import { useSyncExternalStore } from 'react';
import { Emitter } from '../../../shared/emitter';

const ticks = new Emitter<void>({
  name: 'the clock',
  onFirstListener: () => document.addEventListener('visibilitychange', sync),
  onLastListener: () => document.removeEventListener('visibilitychange', sync),
});
let now = Date.now();
let timer: ReturnType<typeof setInterval> | undefined;

function tick(): void {
  now = Date.now();
  ticks.emit();
}

function sync(): void {
  const want = ticks.size > 0 && document.visibilityState === 'visible';
  if (want && !timer) {
    tick();
    timer = setInterval(tick, 1000);
  } else if (!want && timer) {
    clearInterval(timer);
    timer = undefined;
  }
}

function subscribe(l: () => void): () => void {
  const subscription = ticks.on(l);
  sync();
  return () => {
    subscription.dispose();
    sync();
  };
}

/** Whether the shared clock is ticking (for tests). */
export const clockRunning = (): boolean => timer !== undefined;

/** The time, re-read every second while the page is visible. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, () => now);
}
