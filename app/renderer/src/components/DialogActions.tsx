// The footer of a dialog that only tells something (a refusal, a result): one button that closes it.
export function CloseActions({ label = 'Close', onClose }: { label?: string; onClose(): void }) {
  return (
    <div className="dialog-actions">
      <button type="button" className="primary" onClick={onClose}>
        {label}
      </button>
    </div>
  );
}
