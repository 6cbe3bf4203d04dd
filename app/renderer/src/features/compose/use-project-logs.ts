// Streams a project's merged logs (compose.logs) into a LogBuffer, each line marked with its
// service; re-renders at most once per frame. A change of services or history starts over.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useStream } from '../../api/hooks';
import { LogBuffer } from '../containers/detail/logs/log-buffer';
import type { PrefixContext } from './service-colours';
import { toMarkedLine } from './service-colours';

export type ProjectLogStatus = 'loading' | 'live' | 'ended' | 'error';

export interface ProjectLogSource {
  buffer: LogBuffer;
  version: number;
  status: ProjectLogStatus;
  error?: string;
}

export function useProjectLogs(
  project: string,
  services: readonly string[] | undefined,
  tail: number | 'all',
  prefix: PrefixContext,
): ProjectLogSource {
  const bufferRef = useRef<LogBuffer | null>(null);
  bufferRef.current ??= new LogBuffer();
  const buffer = bufferRef.current;
  const [version, setVersion] = useState(0);
  const [status, setStatus] = useState<ProjectLogStatus>('loading');
  const [error, setError] = useState<string>();
  const frame = useRef(0);
  const prefixRef = useRef(prefix);
  prefixRef.current = prefix;

  const key = `${project}|${services?.join(',') ?? '*'}|${tail}`;
  const args = useMemo(
    () => ({ project, tail, follow: true, ...(services ? { services: [...services] } : {}) }),
    [key],
  );

  // Declared before useStream's effect, so each subscription starts from an empty buffer.
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

  useStream('compose.logs', args, key, {
    onData(items) {
      buffer.append(items.map((l) => toMarkedLine(l, prefixRef.current)));
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

  // The history arrives in one go; with none at all, say so instead of loading forever.
  useEffect(() => {
    if (status !== 'loading') return;
    const t = setTimeout(() => setStatus((s) => (s === 'loading' ? 'live' : s)), 1500);
    return () => clearTimeout(t);
  }, [status, key]);

  return { buffer, version, status, ...(error ? { error } : {}) };
}
