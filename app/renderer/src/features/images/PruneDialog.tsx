// Prune images: first the preview (exactly which images go and how much space comes back), then,
// only on confirmation, the prune itself.
import { useState } from 'react';
import { useAction, useRequest } from '../../api/hooks';
import { Dialog } from '../../components/Dialog';
import { formatBytes, shortId } from '../../components/format';
import { useUi } from '../../app/ui-store';

export function PruneImagesDialog({ onClose }: { onClose(): void }) {
  const toast = useUi((s) => s.toast);
  const [all, setAll] = useState(false);
  const preview = useRequest('images.prunePreview', { all }, { gcTime: 0, staleTime: 0 });
  const prune = useAction('images.prune');
  const doomed = preview.data?.images ?? [];
  const confirm = () =>
    prune.mutate(
      { all },
      {
        onSuccess: (r) => {
          toast(
            'success',
            `Removed ${r.deleted.length} image${r.deleted.length === 1 ? '' : 's'}; ${formatBytes(r.spaceReclaimed)} freed.`,
          );
          onClose();
        },
      },
    );
  return (
    <Dialog title="Prune images" onClose={onClose} wide>
      <div className="dialog-body">
        <fieldset>
          <legend>What to remove</legend>
          <label className="checkbox-line">
            <input type="radio" name="prune-scope" checked={!all} onChange={() => setAll(false)} /> Dangling images only
            (no tag, not used)
          </label>
          <label className="checkbox-line">
            <input type="radio" name="prune-scope" checked={all} onChange={() => setAll(true)} /> Every image no
            container uses, tagged ones included
          </label>
        </fieldset>
        {preview.isPending && <p className="muted">Working out what would be removed…</p>}
        {preview.error && (
          <p className="error-text" role="alert">
            {preview.error.message}
          </p>
        )}
        {preview.data &&
          (doomed.length === 0 ? (
            <p role="status">Nothing to remove: no image matches.</p>
          ) : (
            <>
              <p role="status">
                {doomed.length} image{doomed.length === 1 ? '' : 's'} will be removed, freeing{' '}
                {formatBytes(preview.data.spaceReclaimed)}:
              </p>
              <ul className="doomed-list" aria-label="Images to remove">
                {doomed.map((i) => (
                  <li key={i.id}>
                    <span className="mono small">{i.tags[0] ?? `<none> ${shortId(i.id)}`}</span>{' '}
                    <span className="muted small">{formatBytes(i.size)}</span>
                  </li>
                ))}
              </ul>
            </>
          ))}
        {prune.error && (
          <p className="error-text" role="alert">
            {prune.error.message}
          </p>
        )}
      </div>
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="danger"
          disabled={!doomed.length || prune.isPending || preview.isFetching}
          onClick={confirm}
        >
          {prune.isPending ? 'Removing…' : `Remove ${doomed.length} image${doomed.length === 1 ? '' : 's'}`}
        </button>
      </div>
    </Dialog>
  );
}
