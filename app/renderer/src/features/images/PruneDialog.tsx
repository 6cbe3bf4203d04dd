// Prune images: first the preview (exactly which images go and how much space comes back), then,
// only on confirmation, the prune itself.
import { useState } from 'react';
import { useAction, useRequest } from '../../api/hooks';
import { countOf } from '../../components/count';
import { formatBytes, shortId } from '../../components/format';
import { PruneDialog } from '../../components/PruneDialog';

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
          <span className="muted small">{formatBytes(i.size)}</span>
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
