// Deleting any object (only once confirmed; the cluster's refusal, e.g. RBAC, shows in the dialog),
// scaling what has a scale subresource, and a rollout restart (confirmed: every pod is replaced).
import { useId, useState } from 'react';
import { useAction } from '../../api/hooks';
import { useUi } from '../../app/ui-store';
import { ConfirmActionDialog } from '../../components/ConfirmActionDialog';
import { Dialog } from '../../components/Dialog';
import { ErrorText, Field } from '../../components/kit';
import { useStart } from '../../components/use-start';
import { viewOf, type Deletable, type Restartable, type Scalable } from './kube-kinds';

export interface KubeTarget {
  context: string;
  namespace: string;
  name: string;
}

/** A dialog about one object: its kind and where it is. */
interface ObjectDialogProps<R> {
  resource: R;
  target: KubeTarget;
  onClose(): void;
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

export function DeleteKubeDialog({ resource, target, onClose }: ObjectDialogProps<Deletable>) {
  const del = useAction('kube.delete');
  const { noun } = viewOf(resource);
  const { context, namespace, name } = target;
  return (
    <ConfirmActionDialog
      title={`Delete ${noun} ${name}?`}
      confirmLabel="Delete"
      act={() => del.mutateAsync({ context, resource, namespace, name })}
      said={`Deleted ${noun} ${name}.`}
      onClose={onClose}
    >
      <p>
        The {noun} {name} in namespace {namespace} {DELETE_SAYS[resource] ?? 'is removed.'}
      </p>
    </ConfirmActionDialog>
  );
}

export function RestartDialog({ resource, target, onClose }: ObjectDialogProps<Restartable>) {
  const restart = useAction('kube.restart');
  const { noun } = viewOf(resource);
  const { context, namespace, name } = target;
  return (
    <ConfirmActionDialog
      title={`Restart ${noun} ${name}?`}
      confirmLabel="Restart"
      danger={false}
      act={() => restart.mutateAsync({ context, resource, namespace, name })}
      said={`Restarting ${noun} ${name}: its pods are being replaced.`}
      onClose={onClose}
    >
      <p>
        Every pod of {name} is replaced by a new one, in the order its update strategy says (as kubectl rollout
        restart). Nothing else changes.
      </p>
    </ConfirmActionDialog>
  );
}

export function ScaleDialog({ resource, target, current, onClose }: ObjectDialogProps<Scalable> & { current: number }) {
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
