// A deployment's, stateful set's or daemon set's rollout (kubectl rollout status, history and undo):
// the status sentence, the revisions it keeps with their images and change causes, and going back
// to one once confirmed. Read when opened and again whenever the watched row changes (no polling).
import { useState } from 'react';
import type { KubeRevision, KubeRows } from '../../../../shared/contract/areas/kube';
import { useAction, useRequest } from '../../api/hooks';
import { useUi } from '../../app/ui-store';
import { ActionsHeading } from '../../components/table-parts';
import { ConfirmDialog, Dialog } from '../../components/Dialog';
import { useNow } from '../../components/use-now';
import { useStart } from '../../components/use-start';
import { age } from './kube-columns';
import { viewOf, type WithRollout } from './kube-kinds';
import type { KubeTarget } from './KubeDialogs';
import { useRereadOnChange } from './use-reread-on-change';

const COLUMNS = ['Revision', 'Change cause', 'Images', 'Pods', 'Created'];
const revisionName = (r: KubeRevision) => `Revision ${r.revision}${r.current ? ' (running now)' : ''}`;

export function RolloutDialog({
  resource,
  target,
  row,
  onClose,
}: {
  resource: WithRollout;
  target: KubeTarget;
  /** The workload's watched row: when it changes, the status and history are read again. */
  row: KubeRows[WithRollout];
  onClose(): void;
}) {
  const args = { context: target.context, resource, namespace: target.namespace, name: target.name };
  const q = useRequest('kube.rollout.history', args);
  useRereadOnChange('kube.rollout.history', args, row);
  const noun = viewOf(resource).noun;
  const [undoTo, setUndoTo] = useState<KubeRevision>();
  const now = useNow();

  if (undoTo)
    return (
      <UndoConfirm
        resource={resource}
        target={target}
        revision={undoTo}
        onDone={() => {
          setUndoTo(undefined);
          void q.refetch();
        }}
      />
    );

  const h = q.data;
  return (
    <Dialog title={`Rollout of ${noun} ${target.name}`} onClose={onClose} wide>
      {q.error && <p role="alert">{q.error.message}</p>}
      {!h && !q.error && <p className="muted">Reading the rollout…</p>}
      {h && (
        <>
          <p role="status" className={h.failed ? 'error-text' : undefined}>
            {h.status}
          </p>
          {h.revisions.length === 0 ? (
            <p className="muted">The {noun} keeps no revisions (its revision history limit may be 0).</p>
          ) : (
            <table className="data-table kube-small-table" aria-label={`Revisions of ${target.name}`}>
              <thead>
                <tr>
                  {COLUMNS.map((c) => (
                    <th key={c}>{c}</th>
                  ))}
                  <ActionsHeading />
                </tr>
              </thead>
              <tbody>
                {h.revisions.map((r) => (
                  <tr key={r.keptBy} aria-label={revisionName(r)}>
                    <td className="nowrap">
                      {r.revision}
                      {r.current && <span className="muted small"> running now</span>}
                    </td>
                    <td>{r.changeCause || <span className="muted">none recorded</span>}</td>
                    <td className="mono small">
                      {r.images.map((i) => (
                        <div key={i}>{i}</div>
                      ))}
                    </td>
                    <td>{r.replicas ?? <span className="muted">not reported</span>}</td>
                    <td className="nowrap">{age(r.created, now)}</td>
                    <td>
                      {!r.current && (
                        <button
                          type="button"
                          className="small"
                          aria-label={`Roll back to revision ${r.revision}`}
                          onClick={() => setUndoTo(r)}
                        >
                          Roll back
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </Dialog>
  );
}

function UndoConfirm({
  resource,
  target,
  revision,
  onDone,
}: {
  resource: WithRollout;
  target: KubeTarget;
  revision: KubeRevision;
  onDone(): void;
}) {
  const undo = useAction('kube.rollout.undo');
  const s = useStart();
  const toast = useUi((st) => st.toast);
  const confirm = async () => {
    const r = await s.run(() =>
      undo.mutateAsync({
        context: target.context,
        resource,
        namespace: target.namespace,
        name: target.name,
        revision: revision.revision,
      }),
    );
    if (!r) return;
    toast(r.rolledBack ? 'success' : 'info', r.message);
    onDone();
  };
  const noun = viewOf(resource).noun;
  return (
    <ConfirmDialog
      title={`Roll back ${noun} ${target.name} to revision ${revision.revision}?`}
      confirmLabel="Roll back"
      danger={false}
      busy={s.busy}
      error={s.error?.message}
      onConfirm={() => void confirm()}
      onClose={onDone}
    >
      <p>
        The {noun}’s pod template becomes revision {revision.revision}’s again ({revision.images.join(', ')}), and its
        pods are replaced in the order its update strategy says, as kubectl rollout undo does. The rollback is recorded
        as a new revision.
      </p>
    </ConfirmDialog>
  );
}
