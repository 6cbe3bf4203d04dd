// Volume dialogs: Create, Remove (refused while in use, naming the users), Prune with a preview, Inspect.
import { useState } from 'react';
import type { VolumeSummary } from '../../../../shared/contract';
import { volumeCreateSpec } from '../../../../shared/contract/areas/volumes';
import { useAction, useClient, useRequest } from '../../api/hooks';
import { useUi } from '../../app/ui-store';
import { ConfirmDialog, Dialog } from '../../components/Dialog';
import { formatBytes } from '../../components/format';
import { Field } from '../../components/kit';
import { useStart } from '../images/use-start';

export function CreateVolumeDialog({ onClose }: { onClose(): void }) {
  const client = useClient();
  const toast = useUi((s) => s.toast);
  const [name, setName] = useState('');
  const [driver, setDriver] = useState('local');
  const [touched, setTouched] = useState(false);
  const s = useStart();
  const parsed = volumeCreateSpec.safeParse({ name: name.trim(), driver: driver.trim() });
  const issue = (k: string) =>
    touched && !parsed.success ? parsed.error.issues.find((i) => i.path[0] === k)?.message : undefined;
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (!parsed.success) return;
    const r = await s.run(() => client.request('volumes.create', parsed.data));
    if (r) {
      toast('success', `Created volume ${r.name}.`);
      onClose();
    }
  };
  return (
    <Dialog title="Create a volume" onClose={onClose}>
      <form className="form-stack" onSubmit={submit} noValidate>
        <Field
          id="volume-name"
          label="Name"
          error={issue('name') ?? (s.error?.field === 'name' || !s.error?.field ? s.error?.message : undefined)}
        >
          <input id="volume-name" value={name} spellCheck={false} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field
          id="volume-driver"
          label="Driver"
          error={issue('driver') ?? (s.error?.field === 'driver' ? s.error.message : undefined)}
        >
          <input id="volume-driver" value={driver} spellCheck={false} onChange={(e) => setDriver(e.target.value)} />
        </Field>
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={s.busy}>
            Create
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export function RemoveVolumeDialog({ volume, onClose }: { volume: VolumeSummary; onClose(): void }) {
  const client = useClient();
  const toast = useUi((s) => s.toast);
  const s = useStart();
  const remove = async () => {
    const ok = await s.run(async () => {
      await client.request('volumes.remove', { name: volume.name });
      return true;
    });
    if (ok) {
      toast('success', `Removed volume ${volume.name}.`);
      onClose();
    }
  };
  return (
    <ConfirmDialog
      title={`Remove volume ${volume.name}?`}
      confirmLabel="Remove"
      busy={s.busy}
      error={s.error?.message}
      onConfirm={() => void remove()}
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
    </ConfirmDialog>
  );
}

export function PruneVolumesDialog({ onClose }: { onClose(): void }) {
  const toast = useUi((s) => s.toast);
  const preview = useRequest('volumes.prunePreview', { all: true }, { gcTime: 0, staleTime: 0 });
  const prune = useAction('volumes.prune');
  const doomed = preview.data?.volumes ?? [];
  return (
    <Dialog title="Prune volumes" onClose={onClose}>
      <div className="dialog-body">
        {preview.isPending && <p className="muted">Working out what would be removed…</p>}
        {preview.error && (
          <p className="error-text" role="alert">
            {preview.error.message}
          </p>
        )}
        {preview.data &&
          (doomed.length === 0 ? (
            <p role="status">Nothing to remove: every volume is in use.</p>
          ) : (
            <>
              <p role="status">
                {doomed.length} volume{doomed.length === 1 ? '' : 's'} no container uses will be deleted with all their
                files:
              </p>
              <ul className="doomed-list" aria-label="Volumes to remove">
                {doomed.map((n) => (
                  <li key={n} className="mono small">
                    {n}
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
          disabled={!doomed.length || prune.isPending}
          onClick={() =>
            prune.mutate(
              { all: true },
              {
                onSuccess: (r) => {
                  toast(
                    'success',
                    `Removed ${r.deleted.length} volume${r.deleted.length === 1 ? '' : 's'}; ${formatBytes(r.spaceReclaimed)} freed.`,
                  );
                  onClose();
                },
              },
            )
          }
        >
          {`Remove ${doomed.length} volume${doomed.length === 1 ? '' : 's'}`}
        </button>
      </div>
    </Dialog>
  );
}

export function InspectDialog({
  title,
  data,
  error,
  onClose,
}: {
  title: string;
  data: unknown;
  error?: string | undefined;
  onClose(): void;
}) {
  return (
    <Dialog title={title} onClose={onClose} wide>
      {error ? (
        <p className="error-text" role="alert">
          {error}
        </p>
      ) : data === undefined ? (
        <p className="muted">Loading…</p>
      ) : (
        <pre className="inspect-json" aria-label="Inspect JSON" tabIndex={0}>
          {JSON.stringify(data, null, 2)}
        </pre>
      )}
    </Dialog>
  );
}

export function InspectVolumeDialog({ name, onClose }: { name: string; onClose(): void }) {
  const q = useRequest('volumes.inspect', { name });
  return <InspectDialog title={`Inspect volume ${name}`} data={q.data} error={q.error?.message} onClose={onClose} />;
}
