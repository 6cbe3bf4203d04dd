// Confirms `down`: what it removes, and a plainly worded option to delete the volumes too.
import { useState } from 'react';
import type { ComposeProject } from '../../../../shared/contract/areas/compose';
import { ConfirmDialog } from '../../components/Dialog';

export function DownDialog({
  project,
  onConfirm,
  onClose,
}: {
  /** What the dialog says: the project's name, its containers, whether its files are there. */
  project: Pick<ComposeProject, 'name' | 'total' | 'filesPresent'>;
  onConfirm(volumes: boolean): Promise<unknown>;
  onClose(): void;
}) {
  const [volumes, setVolumes] = useState(false);
  const [busy, setBusy] = useState(false);
  return (
    <ConfirmDialog
      title={`Bring down project ${project.name}?`}
      confirmLabel={volumes ? 'Down and delete volumes' : 'Down'}
      busy={busy}
      onClose={onClose}
      onConfirm={async () => {
        setBusy(true);
        await onConfirm(volumes);
        setBusy(false);
        onClose();
      }}
    >
      <p>
        This stops and removes the {project.total} container{project.total === 1 ? '' : 's'} of{' '}
        <strong>{project.name}</strong> and its networks.
        {project.filesPresent
          ? ' You can bring it up again from its compose file.'
          : ' Its compose file is gone, so Berth removes them by label.'}
      </p>
      <label className="check-row">
        <input type="checkbox" checked={volumes} onChange={(e) => setVolumes(e.target.checked)} />
        Also delete the project&rsquo;s volumes. The data stored in them is lost for good.
      </label>
    </ConfirmDialog>
  );
}
