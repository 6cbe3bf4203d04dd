// Shared empty, loading and error states for the detail tabs. Errors show the contract's sentence.
import type { ReactNode } from 'react';
import './common.css';

export function ErrorNote({ error, onRetry }: { error: { message: string } | null | undefined; onRetry?: () => void }) {
  if (!error) return null;
  return (
    <div className="bd-note bd-note-error" role="alert">
      <span>{error.message || 'Something went wrong.'}</span>
      {onRetry && (
        <button type="button" className="bd-btn" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Loading({ label }: { label: string }) {
  return (
    <div className="bd-note" role="status" aria-live="polite">
      <span className="bd-spinner" aria-hidden="true" />
      {label}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="bd-note bd-empty">{children}</div>;
}

/** A short-lived status line (e.g. "Copied") announced to screen readers. */
export function StatusText({ text }: { text: string }) {
  return (
    <span className="bd-status" role="status" aria-live="polite">
      {text}
    </span>
  );
}
