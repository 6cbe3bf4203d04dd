// The logs toolbar's time range: a button that always shows the current range and opens a small
// dialog with the presets (live, last 5 min … all) and an absolute from/to in local time; "Back to
// live" beside it while a range is set. Escape or a click elsewhere closes the dialog and gives
// focus back to the button.
import { useEffect, useId, useRef, useState } from 'react';
import { absoluteRange, LIVE, rangeKey, rangeLabel, rangePresets, toLocalInput, type LogRange } from './time-range';
import './log-range.css';

export interface TimeRangePickerProps {
  range: LogRange;
  onChange(range: LogRange): void;
  /** The clock (tests). */
  now?: () => number;
}

export function TimeRangePicker({ range, onChange, now = Date.now }: TimeRangePickerProps) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const id = useId();
  const label = rangeLabel(range, now());

  const close = (refocus = true) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };
  const pick = (r: LogRange) => {
    onChange(r);
    close();
  };

  // A click elsewhere closes it (without taking focus from where the user clicked).
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      const t = e.target as Node;
      if (!box.current?.contains(t) && !button.current?.contains(t)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  return (
    <span className="log-range">
      <button
        ref={button}
        type="button"
        className="bd-btn log-range-button"
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        aria-label={`Time range: ${label}`}
        title={range.kind === 'absolute' ? `${label} (local time)` : 'Which lines to show, by time'}
        onClick={() => setOpen((o) => !o)}
      >
        <ClockIcon />
        {label}
      </button>
      {range.kind !== 'live' && (
        <button type="button" className="bd-btn" onClick={() => onChange(LIVE)}>
          Back to live
        </button>
      )}
      {open && (
        <div
          ref={box}
          id={id}
          role="dialog"
          aria-label="Time range"
          className="popover log-range-popover"
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              close();
            }
          }}
        >
          <RangeChoices range={range} now={now} onPick={pick} />
        </div>
      )}
    </span>
  );
}

function RangeChoices({ range, now, onPick }: { range: LogRange; now: () => number; onPick(r: LogRange): void }) {
  const current = rangeKey(range);
  const [from, setFrom] = useState(() =>
    range.kind === 'absolute' && range.from !== undefined
      ? toLocalInput(range.from)
      : toLocalInput(now() - 15 * 60_000),
  );
  const [to, setTo] = useState(() =>
    range.kind === 'absolute' && range.to !== undefined ? toLocalInput(range.to) : '',
  );
  const [error, setError] = useState<string>();
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);

  const apply = () => {
    const r = absoluteRange(from, to, now());
    if (r.ok) onPick(r.range);
    else setError(r.error);
  };
  // An edit of either end clears the last refusal.
  const edited = (set: (value: string) => void) => (value: string) => {
    set(value);
    setError(undefined);
  };

  return (
    <>
      <div className="log-range-presets" role="group" aria-label="Relative ranges">
        {[{ value: 'live', label: 'Live' } as const, ...rangePresets].map((p, i) => (
          <button
            key={p.value}
            ref={i === 0 ? first : undefined}
            type="button"
            className="bd-btn"
            aria-pressed={current === p.value}
            onClick={() => onPick(p.value === 'live' ? LIVE : { kind: 'preset', preset: p.value })}
          >
            {p.label}
          </button>
        ))}
      </div>
      <form
        className="log-range-absolute"
        aria-label="Absolute range"
        onSubmit={(e) => {
          e.preventDefault();
          apply();
        }}
      >
        <TimeField label="From" value={from} invalid={!!error} onChange={edited(setFrom)} />
        <TimeField label="To" value={to} invalid={!!error} onChange={edited(setTo)} />
        <p className="log-range-hint">Local time. Leave “To” empty to keep following new lines.</p>
        {error && (
          <p className="log-range-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="bd-btn bd-btn-primary">
          Show this range
        </button>
      </form>
    </>
  );
}

/** A labelled local date and time, to the second. */
function TimeField(p: { label: string; value: string; invalid: boolean; onChange(value: string): void }) {
  return (
    <label>
      {p.label}
      <input
        className="bd-input"
        type="datetime-local"
        step={1}
        value={p.value}
        aria-invalid={p.invalid}
        onChange={(e) => p.onChange(e.target.value)}
      />
    </label>
  );
}

function ClockIcon() {
  return (
    <svg className="log-range-icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
      <circle cx="8" cy="8" r="6.25" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <path d="M8 4.5V8l2.5 1.5" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
    </svg>
  );
}
