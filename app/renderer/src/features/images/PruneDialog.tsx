// Prune images: first the preview (exactly which images go and how much space comes back), then,
// only on confirmation, the prune itself.
import { useState } from 'react';
import { useAction, useRequest } from '../../api/hooks';
import { countOf } from '../../components/count';
import { formatBytes, shortId } from '../../components/format';
import { PruneDialog } from '../../components/PruneDialog';

/** What removing one image frees, next to its size: shared layers stay on disk for the images that keep them. */
export function freesText(i: { size: number; frees: number }): string {
  if (i.frees >= i.size) return `frees ${formatBytes(i.frees)}`;
  if (i.frees === 0) return `${formatBytes(i.size)}, frees nothing: its layers stay for images that share them`;
  return `${formatBytes(i.size)}, frees ${formatBytes(i.frees)}: the rest is shared with images that stay`;
}

export function PruneImagesDialog({ onClose }: { onClose(): void }) {
  const [all, setAll] = useState(false);
  const preview = useRequest('images.prunePreview', { all }, { gcTime: 0, staleTime: 0 });
  const prune = useAction('images.prune');
  const doomed = preview.data?.images ?? [];
  return (
    <PruneDialog
      noun="image"
      wide
      options={
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
      }
      preview={preview}
      doomed={doomed}
      item={(i) => (
        <li key={i.id}>
          <span className="mono small">{i.tags[0] ?? `<none> ${shortId(i.id)}`}</span>{' '}
          <span className="muted small">{freesText(i)}</span>
        </li>
      )}
      summary={`${countOf(doomed.length, 'image')} will be removed, freeing ${formatBytes(preview.data?.spaceReclaimed ?? 0)}:`}
      nothing="Nothing to remove: no image matches."
      prune={prune}
      args={{ all }}
      pendingLabel="Removing…"
      holdWhileFetching
      onClose={onClose}
    />
  );
}
