// Troubleshoot's destructive dialogs. Each first shows what the server counted (the statement), and
// acts only on the user's explicit action: Purge after the word is typed, Reset after its button.
// Each sends the statement's token back, so the server refuses if what would go has changed since.
import { useState } from 'react';
import { PURGE_WORD, type PurgePreview, type ResetPreview } from '../../../../shared/contract/areas/troubleshoot';
import { useClient, useQueryClient, useRequest } from '../../api/hooks';
import { useUi } from '../../app/ui-store';
import { ConfirmDialog } from '../../components/Dialog';
import { countOf } from '../../components/count';
import { DataTable } from '../../components/DataTable';
import { CloseActions } from '../../components/DialogActions';
import { formatBytes } from '../../components/format';
import { DialogForm, TextField } from '../../components/forms';
import { ErrorText } from '../../components/kit';
import { TaskDialog } from '../../components/TaskDialog';
import { useStart } from '../../components/use-start';

type Offered = Extract<PurgePreview, { offered: true }>;

/** The statement of a purge: what goes, counted, and what stays. */
export function PurgeStatement({ p }: { p: Offered }) {
  return (
    <div role="region" aria-label="What will be deleted">
      <p className="warning-text">
        Purging stops {p.engine}, deletes everything in <code>{p.dataRoot}</code> and starts it again empty. This cannot
        be undone.
      </p>
      <ul>
        <li>
          {countOf(p.containers.count, 'container')}
          {p.containers.running ? ` (${p.containers.running} running, stopped first)` : ''}, with their writable layers
          ({formatBytes(p.containers.size)})
        </li>
        <li>
          {countOf(p.images.count, 'image')} ({formatBytes(p.images.size)})
        </li>
        <li>
          {countOf(p.volumes.count, 'volume')} with all {p.volumes.count === 1 ? 'its' : 'their'} files (
          {formatBytes(p.volumes.size)})
        </li>
        <li>
          {p.buildCache.count} build cache {p.buildCache.count === 1 ? 'entry' : 'entries'} (
          {formatBytes(p.buildCache.size)})
        </li>
      </ul>
      <p>
        {p.onDisk !== undefined
          ? `In all ${formatBytes(p.onDisk)} on disk under ${p.dataRoot}.`
          : `The size on disk could not be measured (${p.onDiskNote ?? 'no reason given'}).`}
      </p>
      <p className="muted small">{p.kept.join(' ')}</p>
    </div>
  );
}

export function PurgeDialog({ onClose }: { onClose(): void }) {
  const client = useClient();
  const preview = useRequest('troubleshoot.purgePreview', {}, { gcTime: 0, staleTime: 0 });
  const s = useStart();
  const [typed, setTyped] = useState('');
  const confirmed = typed.trim().toLowerCase() === PURGE_WORD;
  const p = preview.data;
  return (
    <TaskDialog title="Purge engine data" task={s.task} onClose={onClose}>
      {preview.isPending && <p className="muted">Counting what the engine holds…</p>}
      {preview.error && (
        <>
          <ErrorText message={preview.error.message} />
          <CloseActions onClose={onClose} />
        </>
      )}
      {p && !p.offered && (
        <>
          <p role="status">{p.reason}</p>
          <CloseActions onClose={onClose} />
        </>
      )}
      {p?.offered && (
        <DialogForm
          submitLabel="Purge"
          busy={s.busy}
          canSubmit={confirmed}
          onSubmit={(e) => {
            e.preventDefault();
            if (!confirmed) return;
            void s.run(() => client.request('troubleshoot.purge', { token: p.token, confirm: typed }));
          }}
          onCancel={onClose}
        >
          <PurgeStatement p={p} />
          <TextField
            id="purge-confirm"
            label={`Type ${PURGE_WORD} to confirm`}
            value={typed}
            onChange={setTyped}
            autoComplete="off"
            error={s.error?.message}
          />
        </DialogForm>
      )}
    </TaskDialog>
  );
}

function ResetStatement({ r }: { r: ResetPreview }) {
  if (!r.changes.length)
    return <p role="status">Every setting already has its default: a reset would change nothing.</p>;
  return (
    <>
      <p>
        {countOf(r.changes.length, 'setting')} in <code>{r.file}</code>{' '}
        {r.changes.length === 1 ? 'goes back to its default' : 'go back to their defaults'}:
      </p>
      <DataTable label="Settings that change" columns={['Setting', 'Now', 'Default']}>
        {r.changes.map((c) => (
          <tr key={c.path} aria-label={c.label}>
            <td>{c.label}</td>
            <td>{c.current}</td>
            <td>{c.default}</td>
          </tr>
        ))}
      </DataTable>
      <p className="muted small">{r.kept.join(' ')}</p>
    </>
  );
}

export function ResetDialog({ onClose }: { onClose(): void }) {
  const client = useClient();
  const queryClient = useQueryClient();
  const toast = useUi((u) => u.toast);
  const preview = useRequest('troubleshoot.resetPreview', {}, { gcTime: 0, staleTime: 0 });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const r = preview.data;
  const reset = async () => {
    if (!r) return;
    setBusy(true);
    setError(undefined);
    try {
      const state = await client.request('troubleshoot.reset', { token: r.token });
      await queryClient.invalidateQueries({ queryKey: ['settings.get'] });
      toast(
        'success',
        `Reset ${countOf(state.changed.length, 'setting')} to the default: ${state.changed.join(', ')}.`,
      );
      onClose();
    } catch (err) {
      setError(err instanceof Error ? err.message : 'The settings could not be reset.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <ConfirmDialog
      title="Reset settings to defaults"
      confirmLabel={r?.changes.length ? `Reset ${countOf(r.changes.length, 'setting')}` : 'Reset'}
      busy={busy || !r?.changes.length}
      error={preview.error?.message ?? error}
      onConfirm={() => void reset()}
      onClose={onClose}
    >
      {preview.isPending && <p className="muted">Comparing the settings with their defaults…</p>}
      {r && <ResetStatement r={r} />}
    </ConfirmDialog>
  );
}
