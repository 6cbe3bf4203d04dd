// A stream fed by a listener API (engine status, events, tasks), ended when the caller aborts.
import { AsyncQueue } from '../async-queue';
import { LatestQueue } from '../latest-queue';

export function fromListener<T>(
  signal: AbortSignal,
  listen: (push: (item: T) => void) => () => void,
  initial: T[] = [],
): AsyncQueue<T> {
  let stop = () => {};
  const queue = new AsyncQueue<T>(10_000, () => stop());
  for (const item of initial) queue.push(item);
  stop = listen((item) => queue.push(item));
  if (signal.aborted) queue.end();
  else signal.addEventListener('abort', () => queue.end(), { once: true });
  return queue;
}

/** A stream of whole states fed by a listener, keeping only the newest (send with `latest: true`). */
export function latestFromListener<T>(
  signal: AbortSignal,
  listen: (push: (item: T) => void) => () => void,
  initial: T,
): LatestQueue<T> {
  let stop = () => {};
  const queue = new LatestQueue<T>(() => stop());
  queue.push(initial);
  stop = listen((item) => queue.push(item));
  if (signal.aborted) queue.end();
  else signal.addEventListener('abort', () => queue.end(), { once: true });
  return queue;
}
