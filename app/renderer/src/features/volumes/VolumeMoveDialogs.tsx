// Moving a volume's data: Export (a .tar.gz downloaded through the page), Import (a tar(.gz) into a
// new or empty volume), Clone (a task copying into a new volume) and Empty (deletes every file,
// after the user typed the volume's name). Transfers show their progress and stop when cancelled.
import { useState } from 'react';
import type { VolumeSummary } from '../../../../shared/contract';
import { MAX_UPLOAD_BYTES } from '../../../../shared/contract/areas/transfers';
import { volumeName } from '../../../../shared/rules';
import { useClient, useQueryClient } from '../../api/hooks';
import { upload } from '../../api/transfers';
import { Dialog } from '../../components/Dialog';
import { formatBytes } from '../../components/format';
import { DialogForm, TextField, useCheckedText } from '../../components/forms';
import { ErrorText } from '../../components/kit';
import { TaskDialog } from '../../components/TaskDialog';
import { TransferDialog, useTransfer } from '../../components/TransferDialog';
import { DownloadDialog, FilePickField, uploadStatus } from '../../components/TransferDialogs';
import { useStart } from '../../components/use-start';

export function ExportVolumeDialog({ name, onClose }: { name: string; onClose(): void }) {
  return (
    <DownloadDialog
      title={`Export volume ${name}`}
      intro={
        <p>
          Berth packs every file of <strong>{name}</strong> into a <code>.tar.gz</code> and streams it to you as a
          download. The volume is only read. Cancel stops the export.
        </p>
      }
      submitLabel="Export"
      topic="volumes.export"
      args={{ name }}
      type="application/gzip"
      onClose={onClose}
    />
  );
}

/** Why a picked archive cannot be imported, or undefined. */
export function archiveProblem(file: File | undefined): string | undefined {
  if (!file) return 'Choose a .tar or .tar.gz file, such as one Export made.';
  if (file.size > MAX_UPLOAD_BYTES)
    return `${file.name} is ${formatBytes(file.size)}; an import can be at most ${formatBytes(MAX_UPLOAD_BYTES)}.`;
  return undefined;
}

export function ImportVolumeDialog({ onClose }: { onClose(): void }) {
  const client = useClient();
  const queryClient = useQueryClient();
  const t = useTransfer();
  const name = useCheckedText(volumeName);
  const [file, setFile] = useState<File>();
  const [problem, setProblem] = useState<string>();
  const close = () => {
    t.cancel();
    onClose();
  };
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const nameOk = name.check();
    const p = archiveProblem(file);
    setProblem(p);
    if (!nameOk || p || !file) return;
    const target = name.trimmed;
    void t.run(async (signal) => {
      const r = await upload(client, 'volumes.import', { name: target }, file, {
        signal,
        onProgress: (bytes, total) =>
          t.setStatus(uploadStatus(bytes, total, 'Uploaded; the engine is unpacking the files…')),
      });
      await queryClient.invalidateQueries({ queryKey: ['volumes.list'] });
      return `Imported ${file.name} into ${r.created ? 'the new' : 'the empty'} volume ${r.name}.`;
    });
  };
  return (
    <TransferDialog
      title="Import a volume"
      intro={<p>Unpacks a tar archive into a new volume, or into an existing volume that is empty.</p>}
      transfer={t}
      submitLabel="Import"
      onSubmit={submit}
      onClose={close}
    >
      <TextField
        id="import-volume-name"
        label="Volume name"
        hint="A new name creates the volume; an existing volume must be empty."
        {...name.field(undefined)}
      />
      <FilePickField
        id="import-volume-file"
        label="Archive"
        hint="A .tar, .tar.gz or .tgz file."
        accept=".tar,.gz,.tgz,application/x-tar,application/gzip"
        error={problem}
        disabled={t.busy}
        onFile={setFile}
      />
    </TransferDialog>
  );
}

export function CloneVolumeDialog({ name, onClose }: { name: string; onClose(): void }) {
  const client = useClient();
  const target = useCheckedText(volumeName, `${name}-copy`);
  const s = useStart();
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!target.check()) return;
    void s.run(() => client.request('volumes.clone', { name, target: target.trimmed }));
  };
  return (
    <TaskDialog title={`Clone volume ${name}`} task={s.task} onClose={onClose}>
      <DialogForm submitLabel="Clone" busy={s.busy} onSubmit={submit} onCancel={onClose}>
        <p>Copies every file of {name} into a new volume. The original is only read.</p>
        <TextField id="clone-target" label="New volume name" {...target.field(s.error?.message)} />
      </DialogForm>
    </TaskDialog>
  );
}

export function EmptyVolumeDialog({ volume, onClose }: { volume: VolumeSummary; onClose(): void }) {
  const client = useClient();
  const queryClient = useQueryClient();
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [done, setDone] = useState(false);
  const confirmed = typed.trim() === volume.name;
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!confirmed) return setError(`Type ${volume.name} to confirm.`);
    setBusy(true);
    setError(undefined);
    try {
      await client.request('volumes.empty', { name: volume.name, confirm: typed.trim() });
      await queryClient.invalidateQueries({ queryKey: ['volumes.files'] });
      setDone(true);
    } catch (err) {
      setError(err instanceof Error ? err.message : 'The volume could not be emptied.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog title={`Empty volume ${volume.name}`} onClose={onClose}>
      {done ? (
        <>
          <p role="status">Every file in {volume.name} was deleted. The volume itself is still there.</p>
          <div className="dialog-actions">
            <button type="button" className="primary" autoFocus onClick={onClose}>
              Close
            </button>
          </div>
        </>
      ) : (
        <DialogForm
          submitLabel="Empty"
          busy={busy}
          canSubmit={confirmed}
          onSubmit={(e) => void submit(e)}
          onCancel={onClose}
        >
          <p className="warning-text">
            Every file and folder in <strong>{volume.name}</strong> is deleted. The volume stays. This cannot be undone.
          </p>
          {volume.inUse && (
            <p>
              Used by {volume.containers.join(', ')}. A running container must be stopped first; a stopped one finds the
              volume empty when it starts again.
            </p>
          )}
          <TextField
            id="empty-confirm"
            label={`Type ${volume.name} to confirm`}
            value={typed}
            onChange={setTyped}
            autoComplete="off"
          />
          <ErrorText message={error} />
        </DialogForm>
      )}
    </Dialog>
  );
}
