// Pruning (images, volumes): first the preview (exactly what goes, and what that frees), then, only
// on confirmation, the prune itself; its result is said in a toast.
import type { ReactNode } from 'react';
import { useUi } from '../app/ui-store';
import { countOf } from './count';
import { Dialog } from './Dialog';
import { formatBytes } from './format';
import { ErrorText } from './kit';

interface Failure {
  message: string;
}

export interface PruneDone {
  deleted: string[];
  spaceReclaimed: number;
}

export function PruneDialog<T, A>({
  noun,
  wide,
  options,
  preview,
  doomed,
  item,
  summary,
  nothing,
  prune,
  args,
  pendingLabel,
  holdWhileFetching,
  onClose,
}: {
  /** "image": the dialog is "Prune images", its list "Images to remove", its button "Remove 2 images". */
  noun: string;
  wide?: boolean;
  /** Choices that change what would go (the preview follows them). */
  options?: ReactNode;
  preview: { isPending: boolean; isFetching: boolean; error: Failure | null; data: unknown };
  /** What the preview says would go, each shown by `item` (an <li>). */
  doomed: T[];
  item(t: T): ReactNode;
  /** The sentence before the list. */
  summary: ReactNode;
  /** The sentence when nothing would go. */
  nothing: string;
  prune: { isPending: boolean; error: Failure | null; mutate(args: A, o: { onSuccess(r: PruneDone): void }): void };
  args: A;
  /** The button's label while the prune runs (else it keeps saying what it removes). */
  pendingLabel?: string;
  /** Hold the button while the preview is being worked out again. */
  holdWhileFetching?: boolean;
  onClose(): void;
}) {
  const toast = useUi((s) => s.toast);
  const list = `${noun[0]!.toUpperCase()}${noun.slice(1)}s to remove`;
  const confirm = () =>
    prune.mutate(args, {
      onSuccess: (r) => {
        toast('success', `Removed ${countOf(r.deleted.length, noun)}; ${formatBytes(r.spaceReclaimed)} freed.`);
        onClose();
      },
    });
  return (
    <Dialog title={`Prune ${noun}s`} onClose={onClose} wide={wide}>
      <div className="dialog-body">
        {options}
        {preview.isPending && <p className="muted">Working out what would be removed…</p>}
        <ErrorText message={preview.error?.message} />
        {!!preview.data &&
          (doomed.length === 0 ? (
            <p role="status">{nothing}</p>
          ) : (
            <>
              <p role="status">{summary}</p>
              <ul className="doomed-list" aria-label={list}>
                {doomed.map(item)}
              </ul>
            </>
          ))}
        <ErrorText message={prune.error?.message} />
      </div>
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="danger"
          disabled={!doomed.length || prune.isPending || (!!holdWhileFetching && preview.isFetching)}
          onClick={confirm}
        >
          {prune.isPending && pendingLabel ? pendingLabel : `Remove ${countOf(doomed.length, noun)}`}
        </button>
      </div>
    </Dialog>
  );
}
