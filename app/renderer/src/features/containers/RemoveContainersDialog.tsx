// Confirms removing one or more containers; running ones need "force", stated plainly.
import { useState } from 'react';
import type { ContainerSummary } from '../../../../shared/contract';
import { useClient } from '../../api/hooks';
import { ConfirmDialog } from '../../components/Dialog';
import { useUi } from '../../app/ui-store';

export function RemoveContainersDialog({
  containers,
  onClose,
  onRemoved,
}: {
  containers: ContainerSummary[];
  onClose(): void;
  onRemoved(ids: string[]): void;
}) {
  const client = useClient();
  const toast = useUi((s) => s.toast);
  const [volumes, setVolumes] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const running = containers.filter((c) => c.state === 'running' || c.state === 'paused' || c.state === 'restarting');
  const one = containers.length === 1 ? containers[0]! : undefined;
  const title = one ? `Remove container ${one.name}?` : `Remove ${containers.length} containers?`;
  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    const removed: string[] = [];
    const failures: string[] = [];
    for (const c of containers) {
      try {
        await client.request('containers.remove', { id: c.id, force: running.includes(c), volumes });
        removed.push(c.id);
      } catch (e) {
        failures.push((e as Error).message);
      }
    }
    setBusy(false);
    if (removed.length) toast('success', one ? `Removed ${one.name}.` : `Removed ${removed.length} containers.`);
    if (failures.length) setError(failures.join(' '));
    else onRemoved(removed);
  };
  return (
    <ConfirmDialog
      title={title}
      confirmLabel={running.length ? 'Stop and remove' : 'Remove'}
      busy={busy}
      error={error}
      onConfirm={confirm}
      onClose={onClose}
    >
      {!one && (
        <ul className="compact-list">
          {containers.map((c) => (
            <li key={c.id}>{c.name}</li>
          ))}
        </ul>
      )}
      {running.length > 0 && (
        <p className="warning-text">
          {one
            ? 'It is running'
            : `${running.map((c) => c.name).join(', ')} ${running.length === 1 ? 'is' : 'are'} running`}
          : removing stops {running.length === 1 ? 'it' : 'them'} first (force).
        </p>
      )}
      <p>Its filesystem changes are lost. Named volumes are kept.</p>
      <label className="inline">
        <input type="checkbox" checked={volumes} onChange={(e) => setVolumes(e.target.checked)} /> Also remove anonymous
        volumes
      </label>
    </ConfirmDialog>
  );
}
