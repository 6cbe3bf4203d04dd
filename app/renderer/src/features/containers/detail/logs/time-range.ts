// The logs view's time range: live (the default: the last lines, then new ones), a relative preset
// (from N minutes ago, still following), or an absolute from/to picked in local time and sent as
// UTC seconds. An absolute range with an end is read once (the engine does not follow it).
import { logWindowProblem } from '../../../../../../shared/log-window';

export const rangePresets = [
  { value: '5m', label: 'Last 5 min', seconds: 5 * 60 },
  { value: '15m', label: 'Last 15 min', seconds: 15 * 60 },
  { value: '1h', label: 'Last hour', seconds: 3600 },
  { value: '24h', label: 'Last 24 hours', seconds: 86_400 },
  { value: 'all', label: 'All', seconds: undefined },
] as const;

export type RangePreset = (typeof rangePresets)[number]['value'];

export type LogRange =
  | { kind: 'live' }
  | { kind: 'preset'; preset: RangePreset }
  /** Milliseconds since 1970; at least one of the two. */
  | { kind: 'absolute'; from?: number; to?: number };

export const LIVE: LogRange = { kind: 'live' };

/** What a range asks of the engine, computed at `nowMs` (the moment the stream opens). */
export interface RangeWindow {
  /** Seconds since 1970 (fractional for absolute times). */
  since?: number;
  until?: number;
  /** Whether to load every line of the window (a range) or the view's own tail choice (live). */
  allLines: boolean;
}

export function rangeWindow(range: LogRange, nowMs: number): RangeWindow {
  switch (range.kind) {
    case 'live':
      return { allLines: false };
    case 'preset': {
      const s = rangePresets.find((p) => p.value === range.preset)!.seconds;
      return s === undefined ? { allLines: true } : { since: Math.floor(nowMs / 1000) - s, allLines: true };
    }
    case 'absolute':
      return {
        ...(range.from !== undefined ? { since: range.from / 1000 } : {}),
        ...(range.to !== undefined ? { until: range.to / 1000 } : {}),
        allLines: true,
      };
  }
}

/** A stable key for a range (the stream opens again when it changes). */
export function rangeKey(range: LogRange): string {
  if (range.kind === 'live') return 'live';
  if (range.kind === 'preset') return range.preset;
  return `${range.from ?? ''}-${range.to ?? ''}`;
}

/** "2026-12-04T09:05" style value of an <input type="datetime-local"> for a time, in local time. */
export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** The time of a datetime-local value (local time), or undefined when empty or not a time. */
export function fromLocalInput(value: string): number | undefined {
  const m = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)(?::(\d\d)(?:\.(\d{1,3}))?)?$/.exec(value.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map((x) => Number(x ?? 0));
  const ms = Number((m[7] ?? '0').padEnd(3, '0'));
  const date = new Date(y!, mo! - 1, d!, h!, mi!, s!, ms);
  // new Date rolls 31 February over into March: refuse what is not a real date.
  if (date.getMonth() !== mo! - 1 || date.getDate() !== d!) return undefined;
  return date.getTime();
}

/** An absolute range from the picker's two fields, or the sentence that refuses them. */
export function absoluteRange(
  fromValue: string,
  toValue: string,
  nowMs: number,
): { ok: true; range: LogRange } | { ok: false; error: string } {
  const from = fromValue ? fromLocalInput(fromValue) : undefined;
  const to = toValue ? fromLocalInput(toValue) : undefined;
  if (fromValue && from === undefined) return { ok: false, error: 'The start is not a date and time.' };
  if (toValue && to === undefined) return { ok: false, error: 'The end is not a date and time.' };
  if (from === undefined && to === undefined) return { ok: false, error: 'Give a start, an end, or both.' };
  const problem = logWindowProblem(
    { since: from === undefined ? undefined : from / 1000, until: to === undefined ? undefined : to / 1000 },
    nowMs / 1000,
  );
  if (problem) return { ok: false, error: problem };
  return {
    ok: true,
    range: { kind: 'absolute', ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) },
  };
}

/** Local date and time: "2026-12-04 09:05:00". */
export function localTime(ms: number): string {
  return toLocalInput(ms).replace('T', ' ');
}

/** Local time, with the date only when it is not today: "09:05:00", "12-03 23:59:00". */
function when(ms: number, nowMs: number): string {
  const full = localTime(ms);
  return full.slice(0, 10) === localTime(nowMs).slice(0, 10) ? full.slice(11) : full.slice(5);
}

/** The range as the toolbar shows it, always; the date is left out for times on `nowMs`'s day. */
export function rangeLabel(range: LogRange, nowMs: number): string {
  if (range.kind === 'live') return 'Live';
  if (range.kind === 'preset') return rangePresets.find((p) => p.value === range.preset)!.label;
  if (range.from !== undefined && range.to !== undefined)
    return `${when(range.from, nowMs)} – ${when(range.to, nowMs)}`;
  if (range.from !== undefined) return `Since ${when(range.from, nowMs)}`;
  return `Until ${when(range.to!, nowMs)}`;
}

/** What the empty list says for a range (undefined for live: the view's own sentence). */
export function emptyRangeText(range: LogRange, window: RangeWindow): string | undefined {
  if (range.kind === 'live') return undefined;
  if (range.kind === 'preset' && range.preset === 'all') return 'No log lines at all.';
  const start = window.since !== undefined ? localTime(window.since * 1000) : 'the first line';
  const end = window.until !== undefined ? localTime(window.until * 1000) : 'now';
  return `No log lines between ${start} and ${end}.`;
}

/** The footer's sentence for a window that ends (undefined while it follows). */
export function closedRangeText(window: RangeWindow): string | undefined {
  if (window.until === undefined) return undefined;
  return `not following: the range ends at ${localTime(window.until * 1000)}`;
}
