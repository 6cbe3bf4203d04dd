// A time window of logs (`since` / `until`, seconds since 1970, fractional allowed): one rule for
// the contract's schemas (checked where a call is received) and the logs view's range picker
// (checked as the user picks), so both refuse the same windows with the same words.
import { z } from 'zod';

/** How far in the future a time may lie (clocks of the page and the engine's host may differ). */
export const LOG_WINDOW_MARGIN_S = 5 * 60;
/** 1 January 2000: no container log is older; an earlier time is a mistake (a year typed wrong). */
export const LOG_WINDOW_MIN_S = 946_684_800;

export interface LogWindow {
  since?: number | undefined;
  until?: number | undefined;
}

/** The sentence that refuses a window, or undefined when it is fine. `nowS` is the receiver's clock. */
export function logWindowProblem(w: LogWindow, nowS: number): string | undefined {
  for (const [field, v] of [
    ['start', w.since],
    ['end', w.until],
  ] as const) {
    if (v === undefined) continue;
    if (!Number.isFinite(v)) return `The ${field} of the time range is not a time.`;
    if (v < LOG_WINDOW_MIN_S) return `The ${field} of the time range is before the year 2000: check the date.`;
    if (v > nowS + LOG_WINDOW_MARGIN_S)
      return `The ${field} of the time range is in the future: pick a time up to now.`;
  }
  if (w.since !== undefined && w.until !== undefined && w.until <= w.since)
    return 'The end of the time range must be after its start.';
  return undefined;
}

/** The `since` / `until` fields of a log subscription's arguments. */
export const logWindowFields = {
  /** Only lines at or after this time (seconds since 1970, fractional allowed). */
  since: z.number().min(0).optional(),
  /** Only lines before this time; with it the stream does not follow (it ends at the window's end). */
  until: z.number().min(0).optional(),
};

/** Refines a schema holding `logWindowFields` with the window rule (the receiver's clock). */
export function refineLogWindow<T extends LogWindow>(value: T, ctx: z.RefinementCtx): void {
  const problem = logWindowProblem(value, Date.now() / 1000);
  if (problem)
    ctx.addIssue({ code: 'custom', message: problem, path: [value.until !== undefined ? 'until' : 'since'] });
}
