// Streams one container's logs (useLogStream), with the container's own choices: how much history
// to load, and opening the stream again when a stopped container runs again.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ContainerState } from '../../../../../../shared/contract';
import { bytesFeed } from './log-feed';
import { logArgs, type TailChoice } from './tail-choice';
import { useLogStream, type LogStream } from './use-log-stream';

export function useLogSource(id: string, state: ContainerState, choice: TailChoice): LogStream {
  const [gen, setGen] = useState(0);
  const key = `${id}|${choice}|${gen}`;
  // Recomputed exactly when the key changes (since is relative to that moment).
  const args = useMemo(() => logArgs(id, choice, Date.now()), [key]);
  // Per subscription: it holds the line the last batch left unfinished.
  const feed = useMemo(() => bytesFeed(args.timestamps ?? false), [args]);
  const source = useLogStream('containers.logs', args, key, feed);

  // Stream ended because the container stopped: open it again when the container runs again.
  const prevState = useRef(state);
  const { status } = source;
  useEffect(() => {
    if (state === 'running' && prevState.current !== 'running' && (status === 'ended' || status === 'error'))
      setGen((g) => g + 1);
    prevState.current = state;
  }, [state, status]);

  return source;
}
