// Streams one container's logs into a LogBuffer and re-renders at most once per frame.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ContainerState } from '../../../../../../shared/contract';
import { useStream } from '../../../../api/hooks';
import { LogBuffer } from './log-buffer';
import { logArgs, type TailChoice } from './tail-choice';

export type LogStatus = 'loading' | 'live' | 'ended' | 'error';

export interface LogSource {
  buffer: LogBuffer;
  version: number;
  status: LogStatus;
  error?: string;
}

export function useLogSource(id: string, state: ContainerState, choice: TailChoice): LogSource {
  const bufferRef = useRef<LogBuffer | null>(null);
  bufferRef.current ??= new LogBuffer();
  const buffer = bufferRef.current;
  const [version, setVersion] = useState(0);
  const [status, setStatus] = useState<LogStatus>('loading');
  const [error, setError] = useState<string>();
  const [gen, setGen] = useState(0);
  const frame = useRef(0);

  // Stream ended because the container stopped: open it again when the container runs again.
  const prevState = useRef(state);
  useEffect(() => {
    if (state === 'running' && prevState.current !== 'running' && (status === 'ended' || status === 'error'))
      setGen((g) => g + 1);
    prevState.current = state;
  }, [state, status]);

  const key = `${id}|${choice}|${gen}`;
  // Recomputed exactly when the key changes (since is relative to that moment).
  const args = useMemo(() => logArgs(id, choice, Date.now()), [key]);

  // Runs before useStream's effect (declared first): start each subscription from an empty buffer.
  useEffect(() => {
    buffer.clear();
    setStatus('loading');
    setError(undefined);
    setVersion(buffer.version);
  }, [key, buffer]);

  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  // A container that wrote nothing sends nothing: stop saying "Loading" after a moment.
  useEffect(() => {
    const t = setTimeout(() => setStatus((s) => (s === 'loading' ? 'live' : s)), 1500);
    return () => clearTimeout(t);
  }, [key]);

  const schedule = () => {
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      setVersion(buffer.version);
    });
  };

  useStream('containers.logs', args, key, {
    onData(items) {
      buffer.append(items);
      setStatus((s) => (s === 'loading' ? 'live' : s));
      schedule();
    },
    onEnd(err) {
      if (err) {
        setError(err.message);
        setStatus('error');
      } else setStatus('ended');
      schedule();
    },
    onRestart() {
      buffer.clear();
      setStatus('loading');
      schedule();
    },
  });

  return { buffer, version, status, ...(error ? { error } : {}) };
}
