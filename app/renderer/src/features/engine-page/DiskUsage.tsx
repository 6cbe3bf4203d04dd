// Disk usage per kind (images, containers, volumes, build cache), each with a prune behind a confirmation.
import { useState } from 'react';
import type { DiskUsageRow, UsageKind } from '../../../../shared/contract/areas/system';
import { useAction, useRequest } from '../../api/hooks';
import { useUi } from '../../app/ui-store';
import { ConfirmDialog } from '../../components/Dialog';
import { countOf } from '../../components/count';
import { DataTable, num } from '../../components/DataTable';
import { formatBytes } from '../../components/format';
import { ErrorText } from '../../components/kit';
import { RefreshCard } from '../../components/RefreshCard';

export const usageLabels: Record<UsageKind, string> = {
  images: 'Images',
  containers: 'Containers',
  volumes: 'Volumes',
  buildCache: 'Build cache',
};

const pruneText: Record<UsageKind, string> = {
  images: 'Dangling images (no tag, used by no container) are deleted.',
  containers: 'Every stopped container is deleted, with its writable layer and logs.',
  volumes: 'Every volume no container uses is deleted with all its files, named volumes included.',
  buildCache: 'The build cache no build is using is deleted; later builds start from scratch.',
};

/** Exactly what pruning dangling images removes and frees (the same preview the Images page shows). */
function DanglingPreview() {
  const p = useRequest('images.prunePreview', { all: false }, { gcTime: 0, staleTime: 0 });
  if (p.isPending) return <p className="muted">Working out what would be removed…</p>;
  if (p.error) return <ErrorText message={p.error.message} />;
  const n = p.data.images.length;
  return (
    <p role="status">
      {n === 0
        ? 'No dangling image: nothing would be removed.'
        : `${countOf(n, 'dangling image')} would be removed, freeing ${formatBytes(p.data.spaceReclaimed)}.`}
    </p>
  );
}

export function DiskUsage({ running }: { running: boolean }) {
  const toast = useUi((s) => s.toast);
  const q = useRequest('engine.diskUsage', undefined, { enabled: running });
  const prune = useAction('engine.prune');
  const [confirm, setConfirm] = useState<DiskUsageRow>();
  return (
    <RefreshCard title="Disk usage" wide query={q} again="Measure again" busy="Measuring…" disabled={!running}>
      {!running && <p className="muted">Shown while the engine runs.</p>}
      {running && q.isPending && <p className="muted">Measuring…</p>}
      {running && q.data && (
        <DataTable label="Disk usage by kind" columns={['Kind', num('Count'), num('Size'), num('Reclaimable')]} actions>
          {q.data.map((r) => (
            <tr key={r.kind} aria-label={usageLabels[r.kind]}>
              <td>{usageLabels[r.kind]}</td>
              <td className="num">
                {r.count}
                {r.active ? <span className="muted small"> ({r.active} in use)</span> : null}
              </td>
              <td className="num">{formatBytes(r.size)}</td>
              <td className="num">{formatBytes(r.reclaimable)}</td>
              <td>
                <button
                  type="button"
                  className="small"
                  aria-label={`Prune ${usageLabels[r.kind].toLowerCase()}`}
                  disabled={prune.isPending}
                  onClick={() => setConfirm(r)}
                >
                  Prune
                </button>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {running && q.data && (
        <p className="muted small">
          Sizes count each image layer once however many images share it, as docker system df does. Reclaimable for
          images is what removing every image no container uses would free; Prune here removes dangling images only
          (Images → Prune removes the rest).
        </p>
      )}
      {confirm && (
        <ConfirmDialog
          title={`Prune ${usageLabels[confirm.kind].toLowerCase()}?`}
          confirmLabel="Prune"
          busy={prune.isPending}
          error={prune.error?.message}
          onClose={() => {
            prune.reset();
            setConfirm(undefined);
          }}
          onConfirm={() =>
            prune.mutate(
              { kind: confirm.kind },
              {
                onSuccess: (r) => {
                  toast(
                    'success',
                    `Removed ${r.removed} ${usageLabels[confirm.kind].toLowerCase()} item${r.removed === 1 ? '' : 's'}; ${formatBytes(r.spaceReclaimed)} freed.`,
                  );
                  setConfirm(undefined);
                  void q.refetch();
                },
              },
            )
          }
        >
          <p>{pruneText[confirm.kind]}</p>
          {confirm.kind === 'images' ? (
            <DanglingPreview />
          ) : (
            <p>About {formatBytes(confirm.reclaimable)} can come back.</p>
          )}
        </ConfirmDialog>
      )}
    </RefreshCard>
  );
}
