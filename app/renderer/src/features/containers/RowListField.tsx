// A fieldset of repeatable rows (published ports, mounts): each row a named group with a remove
// button, a note (what the image offers), the group's errors below, and an "Add …" button. A new
// row shows no errors: its fields are checked once left, or when the form is submitted.
import type { ReactNode } from 'react';

export function RowListField<T>({
  legend,
  rows,
  onChange,
  onRemoved,
  newRow,
  addLabel,
  rowLabel,
  errors,
  note,
  renderRow,
}: {
  legend: string;
  rows: T[];
  onChange(rows: T[]): void;
  /** Row `index` was removed (so per-row state can move up). */
  onRemoved?(index: number): void;
  newRow(): T;
  addLabel: string;
  /** "Port" → groups "Port 1", remove buttons "Remove port 1". */
  rowLabel: string;
  errors: string[];
  note?: ReactNode;
  renderRow(row: T, update: (patch: Partial<T>) => void, index: number): ReactNode;
}) {
  return (
    <fieldset className={errors.length ? 'invalid' : ''}>
      <legend>{legend}</legend>
      {rows.map((row, i) => (
        <div className="row-fields" key={i} role="group" aria-label={`${rowLabel} ${i + 1}`}>
          {renderRow(row, (patch) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r))), i)}
          <button
            type="button"
            className="icon"
            aria-label={`Remove ${rowLabel.toLowerCase()} ${i + 1}`}
            onClick={() => {
              onChange(rows.filter((_, j) => j !== i));
              onRemoved?.(i);
            }}
          >
            ×
          </button>
        </div>
      ))}
      {note}
      {errors.map((m) => (
        <p key={m} className="field-error" role="alert">
          {m}
        </p>
      ))}
      <button type="button" className="small" onClick={() => onChange([...rows, newRow()])}>
        {addLabel}
      </button>
    </fieldset>
  );
}
