// Deleting any object (only once confirmed; the cluster's refusal, e.g. RBAC, shows in the dialog),
// scaling what has a scale subresource, and a rollout restart (confirmed: every pod is replaced).
import { useId, useState } from 'react';
import { useAction } from '../../api/hooks';
import { useUi } from '../../app/ui-store';
import { ConfirmDialog, Dialog } from '../../components/Dialog';
import { ErrorText, Field } from '../../components/kit';
import { useStart } from '../../components/use-start';
import { viewOf, type Deletable, type Restartable, type Scalable } from './kube-kinds';

export interface KubeTarget {
  context: string;
  namespace: string;
  name: string;
}

const DELETE_SAYS: Partial<Record<Deletable, string>> = {
  pods: 'stops and is removed. A controller that owns it (a replica set, a job) starts a new one.',
  deployments: 'is removed, and with it its replica sets and pods.',
  statefulsets: 'is removed, and with it its pods. Its persistent volume claims stay.',
  daemonsets: 'is removed, and with it its pod on every node.',
  replicasets: 'is removed, and with it its pods. A deployment that owns it makes a new one.',
  jobs: 'is removed, and with it its pods and their logs.',
  cronjobs: 'is removed, and with it the jobs it started and their pods. Nothing runs on its schedule any more.',
  services: 'is removed: its cluster IP and name stop answering. The pods behind it keep running.',
};

export function DeleteKubeDialog({
  resource,
  target,
  onClose,
}: {
  resource: Deletable;
  target: KubeTarget;
  onClose(): void;
}) {
  const toast = useUi((s) => s.toast);
  const del = useAction('kube.delete');
  const s = useStart();
  const { noun } = viewOf(resource);
  const confirm = async () => {
    const ok = await s.run(async () => {
      const { context, namespace, name } = target;
      await del.mutateAsync({ context, resource, namespace, name });
      return true;
    });
    if (ok) {
      toast('success', `Deleted ${noun} ${target.name}.`);
      onClose();
    }
  };
  return (
    <ConfirmDialog
      title={`Delete ${noun} ${target.name}?`}
      confirmLabel="Delete"
      busy={s.busy}
      error={s.error?.message}
      onConfirm={() => void confirm()}
      onClose={onClose}
    >
      <p>
        The {noun} {target.name} in namespace {target.namespace} {DELETE_SAYS[resource] ?? 'is removed.'}
      </p>
    </ConfirmDialog>
  );
}

export function RestartDialog({
  resource,
  target,
  onClose,
}: {
  resource: Restartable;
  target: KubeTarget;
  onClose(): void;
}) {
  const toast = useUi((s) => s.toast);
  const restart = useAction('kube.restart');
  const s = useStart();
  const { noun } = viewOf(resource);
  const confirm = async () => {
    const { context, namespace, name } = target;
    const ok = await s.run(async () => {
      await restart.mutateAsync({ context, resource, namespace, name });
      return true;
    });
    if (ok) {
      toast('success', `Restarting ${noun} ${name}: its pods are being replaced.`);
      onClose();
    }
  };
  return (
    <ConfirmDialog
      title={`Restart ${noun} ${target.name}?`}
      confirmLabel="Restart"
      danger={false}
      busy={s.busy}
      error={s.error?.message}
      onConfirm={() => void confirm()}
      onClose={onClose}
    >
      <p>
        Every pod of {target.name} is replaced by a new one, in the order its update strategy says (as kubectl rollout
        restart). Nothing else changes.
      </p>
    </ConfirmDialog>
  );
}

export function ScaleDialog({
  resource,
  target,
  current,
  onClose,
}: {
  resource: Scalable;
  target: KubeTarget;
  current: number;
  onClose(): void;
}) {
  const id = useId();
  const toast = useUi((s) => s.toast);
  const scale = useAction('kube.scale');
  const s = useStart();
  const [text, setText] = useState(String(current));
  const replicas = Number(text);
  const invalid =
    text.trim() === '' || !Number.isInteger(replicas) || replicas < 0 || replicas > 10_000
      ? 'Replicas is a whole number from 0 to 10 000.'
      : undefined;
  const submit = async () => {
    if (invalid) return;
    const { context, namespace, name } = target;
    const r = await s.run(() => scale.mutateAsync({ context, resource, namespace, name, replicas }));
    if (r) {
      toast('success', `Scaled ${target.name} to ${r.replicas}.`);
      onClose();
    }
  };
  return (
    <Dialog title={`Scale ${viewOf(resource).noun} ${target.name}`} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="dialog-body">
          <Field label="Replicas" id={`${id}-replicas`} error={text !== String(current) ? invalid : undefined}>
            <input
              id={`${id}-replicas`}
              type="number"
              min={0}
              max={10000}
              step={1}
              value={text}
              onChange={(e) => setText(e.target.value)}
            />
          </Field>
        </div>
        <ErrorText message={s.error?.message} />
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={!!invalid || s.busy}>
            {s.busy ? 'Scaling…' : 'Scale'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
