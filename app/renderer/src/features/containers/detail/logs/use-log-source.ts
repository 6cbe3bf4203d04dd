// Streams one container's logs (useLogStream), with the container's own choices: how much history
// to load, the time range, and opening the stream again when a stopped container runs again.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ContainerState } from '../../../../../../shared/contract';
import { bytesFeed } from './log-feed';
import { logArgs, type TailChoice } from './tail-choice';
import { rangeKey, rangeWindow, type LogRange, type RangeWindow } from './time-range';
import { useLogStream, type LogStream } from './use-log-stream';

export interface RangedLogStream extends LogStream {
  /** The window the stream was opened with (computed when it opened). */
  window: RangeWindow;
}

export function useLogSource(id: string, state: ContainerState, choice: TailChoice, range: LogRange): RangedLogStream {
  const [gen, setGen] = useState(0);
  const key = `${id}|${choice}|${rangeKey(range)}|${gen}`;
  // Recomputed exactly when the key changes (a relative range is relative to that moment).
  const window = useMemo(() => rangeWindow(range, Date.now()), [key]);
  const args = useMemo(() => logArgs(id, choice, window), [key, window]);
  // Per subscription: it holds the line the last batch left unfinished.
  const feed = useMemo(() => bytesFeed(args.timestamps ?? false), [args]);
  const source = useLogStream('containers.logs', args, key, feed);

  // Stream ended because the container stopped: open it again when the container runs again
  // (a window with an end is read once; it has nothing more to show).
  const prevState = useRef(state);
  const { status } = source;
  useEffect(() => {
    if (
      state === 'running' &&
      prevState.current !== 'running' &&
      window.until === undefined &&
      (status === 'ended' || status === 'error')
    )
      setGen((g) => g + 1);
    prevState.current = state;
  }, [state, status, window]);

  return { ...source, window };
}
