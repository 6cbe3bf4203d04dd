// Runs a log search in time-boxed slices (the UI stays responsive over a million lines) and keeps
// it current as lines arrive. Holds the current match for Enter / Shift+Enter.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { LogBuffer } from './log-buffer';
import { compileSearch, SearchIndex, type SearchOptions } from './search';

export interface LogSearch {
  index: SearchIndex | null;
  error?: string;
  scanning: boolean;
  /** The current match number (0-based), or -1. */
  current: number;
  /** Increments whenever results change, so views re-render. */
  tick: number;
  next(): void;
  prev(): void;
}

export function useLogSearch(
  buffer: LogBuffer,
  version: number,
  query: string,
  opts: SearchOptions,
  /** First visible line, to start from the nearest match. */
  topLine: () => number,
  onJump: (match: number, index: SearchIndex) => void,
  /** Only lines it keeps can match (the field filter); a new one starts the search over. */
  keep?: (text: string) => boolean,
): LogSearch {
  const compiled = useMemo(() => compileSearch(query, opts), [query, opts.regex, opts.caseSensitive]);
  const epoch = buffer.epoch;
  const index = useMemo(
    () => (compiled?.ok ? new SearchIndex(compiled.re, buffer.first, keep) : null),
    [compiled, epoch, buffer, keep],
  );
  const [tick, setTick] = useState(0);
  const [scanning, setScanning] = useState(false);
  const [current, setCurrent] = useState(-1);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const picked = useRef(false);
  const jump = useRef(onJump);
  jump.current = onJump;
  const top = useRef(topLine);
  top.current = topLine;

  // A new search: nothing chosen yet.
  const startEnd = useRef(0);
  useEffect(() => {
    picked.current = false;
    startEnd.current = buffer.end;
    setCurrent(-1);
  }, [index, buffer]);

  // Scan (and keep scanning as lines arrive) in slices.
  useEffect(() => {
    if (!index) return;
    if (index.scannedTo >= buffer.end) return;
    let cancelled = false;
    const step = () => {
      if (cancelled) return;
      const done = index.extend(buffer, 12);
      setTick((t) => t + 1);
      if (!picked.current && done && index.total > 0) {
        picked.current = true;
        const li = index.lineIndexAtOrAfter(top.current());
        const k = li < index.lineCount ? index.firstMatchOfLineIndex(li) : index.total - 1;
        setCurrent(k);
        // Jump for matches among the lines there were when the search began; a first match that
        // arrives later (while the user watches the end) becomes current without moving the view.
        if (index.locate(k)!.line < startEnd.current) jump.current(k, index);
      }
      if (done) setScanning(false);
      else timer.current = setTimeout(step, 0);
    };
    setScanning(true);
    step();
    return () => {
      cancelled = true;
      clearTimeout(timer.current);
    };
  }, [index, buffer, version]);

  const go = useCallback(
    (delta: number) => {
      if (!index || index.total === 0) return;
      const base = current < 0 ? (delta > 0 ? -1 : 0) : current;
      const k = (base + delta + index.total) % index.total;
      picked.current = true;
      setCurrent(k);
      jump.current(k, index);
    },
    [index, current],
  );

  return {
    index,
    ...(compiled && !compiled.ok ? { error: compiled.error } : {}),
    scanning,
    current,
    tick,
    next: () => go(1),
    prev: () => go(-1),
  };
}
