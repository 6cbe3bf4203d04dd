// Streams any log subscription (a container's, a compose project's) into a bounded LogBuffer and
// re-renders at most once per frame. Each subscription (each new `key`) starts from an empty buffer;
// the stream closes when the view unmounts (useStream) and a pending frame is cancelled.
import { useEffect, useRef, useState } from 'react';
import type { SubscriptionArgs, SubscriptionData, SubscriptionName } from '../../../../../../shared/contract';
import { useStream } from '../../../../api/hooks';
import { LogBuffer } from './log-buffer';
import type { LogFeed } from './log-feed';

export type LogStreamStatus = 'loading' | 'live' | 'ended' | 'error';

export interface LogStream {
  buffer: LogBuffer;
  version: number;
  status: LogStreamStatus;
  error?: string;
}

/** How long "Loading" may show when nothing arrives (a source that wrote nothing sends nothing). */
const QUIET_MS = 1500;

/**
 * `args` are read when `key` changes (useStream's rule): put everything that matters in `key`.
 * `feed` turns the subscription's items into lines; the latest one is used (a feed that keeps
 * state, such as a partial line, should be made once per `key`).
 */
export function useLogStream<T extends SubscriptionName>(
  topic: T,
  args: SubscriptionArgs<T>,
  key: string,
  feed: LogFeed<SubscriptionData<T>>,
): LogStream {
  const bufferRef = useRef<LogBuffer | null>(null);
  bufferRef.current ??= new LogBuffer();
  const buffer = bufferRef.current;
  const [version, setVersion] = useState(0);
  const [status, setStatus] = useState<LogStreamStatus>('loading');
  const [error, setError] = useState<string>();
  const frame = useRef(0);

  // Runs before useStream's effect (declared first): start each subscription from an empty buffer.
  useEffect(() => {
    buffer.clear();
    setStatus('loading');
    setError(undefined);
    setVersion(buffer.version);
  }, [key, buffer]);
  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  const schedule = () => {
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      setVersion(buffer.version);
    });
  };

  useStream(topic, args, key, {
    onData(items) {
      feed.read(items, buffer);
      setStatus((s) => (s === 'loading' ? 'live' : s));
      schedule();
    },
    onEnd(err) {
      feed.end?.(buffer);
      if (err) {
        setError(err.message);
        setStatus('error');
      } else setStatus('ended');
      schedule();
    },
    onRestart() {
      feed.reset?.();
      buffer.clear();
      setStatus('loading');
      schedule();
    },
  });

  // The history arrives in one go; with none at all, stop saying "Loading" after a moment.
  useEffect(() => {
    if (status !== 'loading') return;
    const t = setTimeout(() => setStatus((s) => (s === 'loading' ? 'live' : s)), QUIET_MS);
    return () => clearTimeout(t);
  }, [status, key]);

  return { buffer, version, status, ...(error ? { error } : {}) };
}
