// Runs the JSON field filter (field-filter.ts) over the buffer in time-boxed slices, like search,
// and keeps it current as lines arrive. Nothing is parsed while the filter is empty.
import { useEffect, useMemo, useState } from 'react';
import { FieldIndex, lineMatcher, parseFieldFilter } from './field-filter';
import type { LogBuffer } from './log-buffer';

export interface FieldFilter {
  /** The lines kept, or null while no (valid) filter is set. */
  index: FieldIndex | null;
  /** The sentence refusing the filter as typed. */
  error?: string;
  scanning: boolean;
  /** Keeps a line's text (for the search over the kept lines); undefined without a filter. */
  keep?: (text: string) => boolean;
  /** Increments whenever results change, so views re-render. */
  tick: number;
}

export function useFieldFilter(buffer: LogBuffer, version: number, input: string): FieldFilter {
  const parsed = useMemo(() => parseFieldFilter(input), [input]);
  const clauses = parsed?.ok ? parsed.clauses : null;
  const epoch = buffer.epoch;
  const index = useMemo(() => (clauses ? new FieldIndex(clauses, buffer.first) : null), [clauses, epoch, buffer]);
  const keep = useMemo(() => {
    if (!clauses) return undefined;
    const test = lineMatcher(clauses);
    return (text: string) => test(text) === 'match';
  }, [clauses]);
  const [tick, setTick] = useState(0);
  const [scanning, setScanning] = useState(false);

  useEffect(() => {
    if (!index || index.scannedTo >= buffer.end) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const step = () => {
      if (cancelled) return;
      const done = index.extend(buffer, 12);
      setTick((t) => t + 1);
      if (done) setScanning(false);
      else timer = setTimeout(step, 0);
    };
    setScanning(true);
    step();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [index, buffer, version]);

  return {
    index,
    ...(parsed && !parsed.ok ? { error: parsed.error } : {}),
    scanning: !!index && scanning,
    ...(keep ? { keep } : {}),
    tick,
  };
}
