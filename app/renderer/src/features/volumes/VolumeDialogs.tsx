// Volume dialogs: Create, Remove (refused while in use, naming the users), Prune with a preview, Inspect.
import { useState } from 'react';
import type { VolumeSummary } from '../../../../shared/contract';
import { volumeCreateSpec } from '../../../../shared/contract/areas/volumes';
import { useAction, useClient, useRequest } from '../../api/hooks';
import { countOf } from '../../components/count';
import { CreateObjectDialog } from '../../components/CreateObjectDialog';
import { TextField } from '../../components/forms';
import { InspectDialog } from '../../components/InspectDialog';
import { PruneDialog } from '../../components/PruneDialog';
import { RemoveObjectDialog } from '../../components/RemoveObjectDialog';

export function CreateVolumeDialog({ onClose }: { onClose(): void }) {
  const client = useClient();
  const [name, setName] = useState('');
  const [driver, setDriver] = useState('local');
  return (
    <CreateObjectDialog
      noun="volume"
      checked={volumeCreateSpec.safeParse({ name: name.trim(), driver: driver.trim() })}
      create={(spec) => client.request('volumes.create', spec)}
      onClose={onClose}
    >
      {(errorOf) => (
        <>
          <TextField id="volume-name" label="Name" value={name} onChange={setName} error={errorOf('name')} />
          <TextField id="volume-driver" label="Driver" value={driver} onChange={setDriver} error={errorOf('driver')} />
        </>
      )}
    </CreateObjectDialog>
  );
}

export function RemoveVolumeDialog({ volume, onClose }: { volume: VolumeSummary; onClose(): void }) {
  const client = useClient();
  return (
    <RemoveObjectDialog
      noun="volume"
      name={volume.name}
      remove={() => client.request('volumes.remove', { name: volume.name })}
      onClose={onClose}
    >
      <p>The volume and every file in it are deleted. This cannot be undone.</p>
      {volume.inUse && (
        <p className="warning-text">
          It is used by {volume.containers.length === 1 ? 'the container' : 'the containers'}{' '}
          {volume.containers.join(', ')}; the engine refuses to remove it until{' '}
          {volume.containers.length === 1 ? 'that container is' : 'they are'} removed.
        </p>
      )}
    </RemoveObjectDialog>
  );
}

export function PruneVolumesDialog({ onClose }: { onClose(): void }) {
  const preview = useRequest('volumes.prunePreview', { all: true }, { gcTime: 0, staleTime: 0 });
  const prune = useAction('volumes.prune');
  const doomed = preview.data?.volumes ?? [];
  return (
    <PruneDialog
      noun="volume"
      preview={preview}
      doomed={doomed}
      item={(n) => (
        <li key={n} className="mono small">
          {n}
        </li>
      )}
      summary={`${countOf(doomed.length, 'volume')} no container uses will be deleted with all their files:`}
      nothing="Nothing to remove: every volume is in use."
      prune={prune}
      args={{ all: true }}
      onClose={onClose}
    />
  );
}

export function InspectVolumeDialog({ name, onClose }: { name: string; onClose(): void }) {
  const q = useRequest('volumes.inspect', { name });
  return <InspectDialog title={`Inspect volume ${name}`} data={q.data} error={q.error?.message} onClose={onClose} />;
}
