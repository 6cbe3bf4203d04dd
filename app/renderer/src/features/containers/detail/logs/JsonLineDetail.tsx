// One JSON log line shown formatted: indented, coloured like the list, with its top-level fields as
// "filter by" buttons that set the field filter. Closes with its button or Escape.
import { useEffect, useRef } from 'react';
import { styleProps } from './segments';
import { jsonRuns, parseJsonLine, prettyJson, type JsonObject } from './json-lines';

export interface JsonLineDetailProps {
  /** The line's absolute number (shown one-based). */
  line: number;
  text: string;
  onClose(): void;
  onFilter(clause: string): void;
}

/** `key=value` for a top-level scalar field (quoted when the value has spaces), else undefined. */
export function fieldClause(key: string, value: unknown): string | undefined {
  if (!/^[A-Za-z0-9_@$-]+$/.test(key)) return undefined;
  if (typeof value === 'number' || typeof value === 'boolean') return `${key}=${value}`;
  if (typeof value !== 'string' || value.length > 80 || value.includes('"')) return undefined;
  return /\s/.test(value) || value === '' ? `${key}="${value}"` : `${key}=${value}`;
}

function Pretty({ value }: { value: JsonObject }) {
  const text = prettyJson(value);
  const out = [];
  let at = 0;
  for (const r of jsonRuns(text)) {
    if (r.start > at) out.push(text.slice(at, r.start));
    const s = styleProps(r.style);
    out.push(
      <span key={r.start} className={s.className}>
        {text.slice(r.start, r.end)}
      </span>,
    );
    at = r.end;
  }
  out.push(text.slice(at));
  return <pre className="log-json-pretty">{out}</pre>;
}

export function JsonLineDetail({ line, text, onClose, onFilter }: JsonLineDetailProps) {
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => close.current?.focus(), [line]);
  const parsed = parseJsonLine(text);
  const clauses = parsed
    ? Object.entries(parsed.value).flatMap(([k, v]) => {
        const c = fieldClause(k, v);
        return c ? [c] : [];
      })
    : [];
  return (
    <section
      className="log-json-detail"
      aria-label={`Line ${line + 1} as JSON`}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <div className="log-json-head">
        <strong>Line {(line + 1).toLocaleString()}</strong>
        {parsed && parsed.start > 0 && <span className="log-json-marker">{text.slice(0, parsed.start)}</span>}
        <span className="bd-spacer" />
        <button ref={close} type="button" className="bd-btn" onClick={onClose}>
          Close
        </button>
      </div>
      {parsed ? <Pretty value={parsed.value} /> : <p>This line is no longer held (it was dropped or replaced).</p>}
      {clauses.length > 0 && (
        <div className="log-json-fields" role="group" aria-label="Filter by a field of this line">
          {clauses.slice(0, 12).map((c) => (
            <button
              key={c}
              type="button"
              className="bd-btn"
              title="Show only lines with this field value"
              onClick={() => onFilter(c)}
            >
              {c}
            </button>
          ))}
        </div>
      )}
    </section>
  );
}
