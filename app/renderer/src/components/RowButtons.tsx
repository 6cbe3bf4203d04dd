// The small text buttons at the end of a table row (Run, Inspect, Remove …), named by their labels.
export interface RowButton {
  label: string;
  onClick(): void;
  disabled?: boolean;
  /** Why it is disabled (shown on hover). */
  reason?: string;
  /** Destructive: highlighted in the danger colour on hover. */
  danger?: boolean;
}

export function RowButtons({ buttons }: { buttons: RowButton[] }) {
  return (
    <div className="row-buttons">
      {buttons.map((b) => (
        <button
          key={b.label}
          type="button"
          className={b.danger ? 'small danger-hover' : 'small'}
          aria-label={b.label}
          disabled={b.disabled}
          title={b.disabled ? b.reason : undefined}
          onClick={b.onClick}
        >
          {b.label}
        </button>
      ))}
    </div>
  );
}
