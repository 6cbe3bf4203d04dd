// Short-lived messages in the corner. A long sentence wraps inside the toast (a long one scrolls),
// and the close button keeps its place whatever the text.
import { useUi } from './ui-store';

export function Toasts() {
  const toasts = useUi((s) => s.toasts);
  const dismiss = useUi((s) => s.dismiss);
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={`toast ${t.kind}`} role={t.kind === 'error' ? 'alert' : undefined}>
          <span className="toast-text">{t.text}</span>
          <button type="button" className="icon" aria-label="Dismiss" title="Dismiss" onClick={() => dismiss(t.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
