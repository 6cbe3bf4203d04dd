// A dialog that runs one transfer (a download or upload through the page): its form, then its
// progress and outcome; closing it stops a transfer still under way.
import { useRef, useState } from 'react';
import { Dialog } from './Dialog';
import { DialogForm } from './forms';
import { ErrorText, messageOf } from './kit';

/** One transfer at a time in a dialog: its progress, its outcome, and a way to stop it. */
export function useTransfer() {
  const [status, setStatus] = useState<string>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const stop = useRef<AbortController | undefined>(undefined);
  const run = async (work: (signal: AbortSignal) => Promise<string>) => {
    const ctl = new AbortController();
    stop.current = ctl;
    setBusy(true);
    setError(undefined);
    try {
      setStatus(await work(ctl.signal));
      setDone(true);
    } catch (e) {
      if (!ctl.signal.aborted) setError(messageOf(e));
      setStatus(undefined);
    } finally {
      setBusy(false);
    }
  };
  return { status, setStatus, error, busy, done, run, cancel: () => stop.current?.abort() };
}

/** A transfer's dialog: an intro, its progress and outcome, and its form until it is done. */
export function TransferDialog({
  title,
  intro,
  transfer,
  submitLabel,
  onSubmit,
  onClose,
  children,
}: {
  title: string;
  intro?: React.ReactNode;
  transfer: ReturnType<typeof useTransfer>;
  submitLabel: string;
  onSubmit(e: React.FormEvent): void;
  onClose(): void;
  children?: React.ReactNode;
}) {
  return (
    <Dialog title={title} onClose={onClose}>
      {intro}
      {transfer.status && (
        <p role="status" className="muted">
          {transfer.status}
        </p>
      )}
      <ErrorText message={transfer.error} />
      {transfer.done ? (
        <div className="dialog-actions">
          <button type="button" className="primary" autoFocus onClick={onClose}>
            Close
          </button>
        </div>
      ) : (
        <DialogForm submitLabel={submitLabel} busy={transfer.busy} onSubmit={onSubmit} onCancel={onClose}>
          {children}
        </DialogForm>
      )}
    </Dialog>
  );
}
