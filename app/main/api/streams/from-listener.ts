// A stream fed by a listener API (engine status, events, tasks), ended when the caller aborts.
import { AsyncQueue } from '../async-queue';

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
