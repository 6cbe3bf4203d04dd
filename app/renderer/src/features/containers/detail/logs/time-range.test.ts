import { describe, expect, it } from 'vitest';
import { logWindowProblem } from '../../../../../../shared/log-window';
import {
  absoluteRange,
  emptyRangeText,
  fromLocalInput,
  localTime,
  rangeLabel,
  rangeWindow,
  toLocalInput,
} from './time-range';

const NOW = new Date(2026, 11, 4, 9, 30, 0).getTime();

describe('time range', () => {
  it('turns presets into a start relative to now, following, with every line of the window', () => {
    expect(rangeWindow({ kind: 'live' }, NOW)).toEqual({ allLines: false });
    expect(rangeWindow({ kind: 'preset', preset: '5m' }, NOW)).toEqual({ since: NOW / 1000 - 300, allLines: true });
    expect(rangeWindow({ kind: 'preset', preset: '24h' }, NOW).since).toBe(NOW / 1000 - 86_400);
    expect(rangeWindow({ kind: 'preset', preset: 'all' }, NOW)).toEqual({ allLines: true });
  });

  it('reads datetime-local values as local time and sends UTC seconds, fractions kept', () => {
    const from = fromLocalInput('2026-12-04T09:05:07');
    expect(from).toBe(new Date(2026, 11, 4, 9, 5, 7).getTime());
    expect(fromLocalInput('2026-12-04T09:05')).toBe(new Date(2026, 11, 4, 9, 5, 0).getTime());
    expect(fromLocalInput('2026-12-04T09:05:07.25')).toBe(new Date(2026, 11, 4, 9, 5, 7, 250).getTime());
    expect(toLocalInput(from!)).toBe('2026-12-04T09:05:07');
    expect(fromLocalInput('2026-02-31T10:00')).toBeUndefined();
    expect(fromLocalInput('yesterday')).toBeUndefined();
    const w = rangeWindow({ kind: 'absolute', from: from! + 250, to: from! + 60_000 }, NOW);
    expect(w).toEqual({ since: (from! + 250) / 1000, until: (from! + 60_000) / 1000, allLines: true });
  });

  it('accepts a from/to pair, an open start or an open end, and refuses bad ones with a sentence', () => {
    expect(absoluteRange('2026-12-04T09:00', '2026-12-04T09:10', NOW)).toEqual({
      ok: true,
      range: {
        kind: 'absolute',
        from: new Date(2026, 11, 4, 9, 0).getTime(),
        to: new Date(2026, 11, 4, 9, 10).getTime(),
      },
    });
    expect(absoluteRange('2026-12-04T09:00', '', NOW)).toMatchObject({ ok: true, range: { kind: 'absolute' } });
    expect(absoluteRange('', '', NOW)).toEqual({ ok: false, error: 'Give a start, an end, or both.' });
    expect(absoluteRange('2026-12-04T09:10', '2026-12-04T09:00', NOW)).toEqual({
      ok: false,
      error: 'The end of the time range must be after its start.',
    });
    expect(absoluteRange('2026-12-04T09:10', '2026-12-04T09:10', NOW)).toMatchObject({ ok: false });
    expect(absoluteRange('2026-12-05T09:00', '', NOW)).toEqual({
      ok: false,
      error: 'The start of the time range is in the future: pick a time up to now.',
    });
    // A few minutes ahead is tolerated (clocks differ); an hour is not.
    expect(absoluteRange('', toLocalInput(NOW + 60_000), NOW)).toMatchObject({ ok: true });
    expect(absoluteRange('', toLocalInput(NOW + 3_600_000), NOW)).toMatchObject({ ok: false });
    expect(absoluteRange('1970-01-02T00:00', '', NOW)).toMatchObject({
      ok: false,
      error: 'The start of the time range is before the year 2000: check the date.',
    });
    expect(absoluteRange('2026-13-01T00:00', '', NOW)).toEqual({
      ok: false,
      error: 'The start is not a date and time.',
    });
  });

  it('the shared window rule refuses what the contract refuses', () => {
    const now = NOW / 1000;
    expect(logWindowProblem({}, now)).toBeUndefined();
    expect(logWindowProblem({ since: now - 10, until: now - 5 }, now)).toBeUndefined();
    expect(logWindowProblem({ since: now - 5, until: now - 10 }, now)).toMatch(/after its start/);
    expect(logWindowProblem({ until: Number.NaN }, now)).toMatch(/not a time/);
    expect(logWindowProblem({ since: now + 3600 }, now)).toMatch(/in the future/);
  });

  it('labels the range and says what an empty window held', () => {
    expect(rangeLabel({ kind: 'live' }, NOW)).toBe('Live');
    expect(rangeLabel({ kind: 'preset', preset: '15m' }, NOW)).toBe('Last 15 min');
    const from = new Date(2026, 10, 3, 8, 0, 0).getTime();
    const to = new Date(2026, 10, 3, 8, 5, 0).getTime();
    expect(rangeLabel({ kind: 'absolute', from, to }, NOW)).toBe('11-03 08:00:00 – 11-03 08:05:00');
    expect(rangeLabel({ kind: 'absolute', from }, NOW)).toBe('Since 11-03 08:00:00');
    // On the day of the clock given (never the machine's), the date is left out.
    expect(rangeLabel({ kind: 'absolute', from }, from + 3600_000)).toBe('Since 08:00:00');
    expect(emptyRangeText({ kind: 'live' }, { allLines: false })).toBeUndefined();
    expect(emptyRangeText({ kind: 'absolute', from, to }, rangeWindow({ kind: 'absolute', from, to }, NOW))).toBe(
      `No log lines between ${localTime(from)} and ${localTime(to)}.`,
    );
    expect(localTime(from)).toBe('2026-11-03 08:00:00');
    expect(emptyRangeText({ kind: 'preset', preset: '5m' }, { since: NOW / 1000 - 300, allLines: true })).toBe(
      `No log lines between ${localTime(NOW - 300_000)} and now.`,
    );
  });
});
