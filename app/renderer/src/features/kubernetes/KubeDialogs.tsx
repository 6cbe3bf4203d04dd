// Deleting a pod or deployment (only once confirmed; the cluster's refusal, e.g. RBAC, shows in the
// dialog) and scaling a deployment.
import { useId, useState } from 'react';
import { useAction } from '../../api/hooks';
import { useUi } from '../../app/ui-store';
import { ConfirmDialog, Dialog } from '../../components/Dialog';
import { ErrorText, Field } from '../../components/kit';
import { useStart } from '../../components/use-start';

export interface KubeTarget {
  context: string;
  namespace: string;
  name: string;
}

export function DeleteKubeDialog({
  kind,
  target,
  onClose,
}: {
  kind: 'pod' | 'deployment';
  target: KubeTarget;
  onClose(): void;
}) {
  const toast = useUi((s) => s.toast);
  const pod = useAction('kube.pods.delete');
  const dep = useAction('kube.deployments.delete');
  const s = useStart();
  const confirm = async () => {
    const ok = await s.run(async () => {
      const { context, namespace, name } = target;
      await (kind === 'pod' ? pod : dep).mutateAsync({ context, namespace, name });
      return true;
    });
    if (ok) {
      toast('success', `Deleted ${kind} ${target.name}.`);
      onClose();
    }
  };
  return (
    <ConfirmDialog
      title={`Delete ${kind} ${target.name}?`}
      confirmLabel="Delete"
      busy={s.busy}
      error={s.error?.message}
      onConfirm={() => void confirm()}
      onClose={onClose}
    >
      <p>
        {kind === 'pod'
          ? `The pod ${target.name} in namespace ${target.namespace} stops and is removed. A controller that owns it (a deployment's replica set, a job) starts a new one.`
          : `The deployment ${target.name} in namespace ${target.namespace} is removed, and with it its replica sets and pods.`}
      </p>
    </ConfirmDialog>
  );
}

export function ScaleDialog({ target, current, onClose }: { target: KubeTarget; current: number; onClose(): void }) {
  const id = useId();
  const toast = useUi((s) => s.toast);
  const scale = useAction('kube.deployments.scale');
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
    const r = await s.run(() => scale.mutateAsync({ context, namespace, name, replicas }));
    if (r) {
      toast('success', `Scaled ${target.name} to ${r.replicas}.`);
      onClose();
    }
  };
  return (
    <Dialog title={`Scale deployment ${target.name}`} onClose={onClose}>
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
