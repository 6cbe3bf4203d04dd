// One tab of the Kubernetes page: a watched list of one resource (live while shown, closed when
// left), its table with the columns that kind's model names, and the actions that kind has — details,
// logs, scale, restart, run now, suspend/resume, delete — each through its dialog.
import { useState } from 'react';
import {
  KUBE_WITH_PODS,
  type KubeResource,
  type KubeRows,
  type KubeWorkloadWithPods,
} from '../../../../shared/contract/areas/kube';
import { useAction } from '../../api/hooks';
import { useUi } from '../../app/ui-store';
import { messageOf } from '../../components/kit';
import { ObjectTable } from '../../components/ObjectTable';
import { RowButtons, type RowButton } from '../../components/RowButtons';
import { useNow } from '../../components/use-now';
import { columnsOf } from './kube-columns';
import {
  hasRollout,
  isDeletable,
  isRestartable,
  isScalable,
  rowNameOf,
  type KindView,
  type WithRollout,
} from './kube-kinds';
import { KubeDetailDialog } from './KubeDetailDialog';
import { DeleteKubeDialog, RestartDialog, ScaleDialog, type KubeTarget } from './KubeDialogs';
import { PodLogsDialog } from './PodLogsDialog';
import { PortForwardDialog } from './PortForwardDialog';
import { PortForwardList } from './PortForwardList';
import { RolloutDialog } from './RolloutDialog';
import { WorkloadLogsDialog } from './WorkloadLogsDialog';
import { useKubeWatch } from './use-kube-watch';

type AnyRow = KubeRows[KubeResource];
const withPods = (r: KubeResource): r is KubeWorkloadWithPods => (KUBE_WITH_PODS as readonly string[]).includes(r);
type Open = {
  kind: 'details' | 'terminal' | 'logs' | 'delete' | 'scale' | 'restart' | 'rollout' | 'workload-logs' | 'forward';
  row: AnyRow;
};

function WatchState({
  loading,
  error,
  what,
  empty,
}: {
  loading: boolean;
  error?: string;
  what: string;
  empty: boolean;
}) {
  if (error) return <p role="alert">{error}</p>;
  if (loading) return <p className="muted empty">Loading {what}…</p>;
  if (empty) return <p className="muted empty">No {what} here.</p>;
  return null;
}

export function KubeResourcePanel({
  view,
  context,
  namespace,
}: {
  view: KindView;
  context: string;
  /** undefined = all namespaces. */
  namespace: string | undefined;
}) {
  const { resource } = view;
  const w = useKubeWatch(resource, context, namespace);
  // The services list shows how many pods answer behind each service.
  const endpoints = useKubeWatch('endpoints', context, namespace, resource === 'services');
  const now = useNow();
  const [open, setOpen] = useState<Open>();
  const close = () => setOpen(undefined);
  const toast = useUi((s) => s.toast);
  const suspend = useAction('kube.cronjobs.suspend');
  const trigger = useAction('kube.cronjobs.trigger');
  const retry = useAction('kube.jobs.retry');
  const target = (row: AnyRow): KubeTarget => ({ context, namespace: row.namespace, name: row.name });
  /** The row as the watch has it now (a dialog about it reads again when it changes). */
  const liveRow = (row: AnyRow): AnyRow =>
    w.rows.find((r) => r.namespace === row.namespace && r.name === row.name) ?? row;

  const cronAction = async (row: KubeRows['cronjobs'], what: 'run' | 'suspend' | 'resume') => {
    try {
      if (what === 'run') {
        const r = await trigger.mutateAsync(target(row));
        toast('success', `Started job ${r.job} from cron job ${row.name}.`);
      } else {
        await suspend.mutateAsync({ ...target(row), suspend: what === 'suspend' });
        toast('success', what === 'suspend' ? `Suspended cron job ${row.name}.` : `Resumed cron job ${row.name}.`);
      }
    } catch (e) {
      toast('error', messageOf(e));
    }
  };

  const runAgain = async (row: KubeRows['jobs']) => {
    try {
      const r = await retry.mutateAsync(target(row));
      toast('success', `Started job ${r.job}, a new run of ${row.name}.`);
    } catch (e) {
      toast('error', messageOf(e));
    }
  };

  const buttonsOf = (row: AnyRow): RowButton[] => {
    const b: RowButton[] = [];
    if (resource === 'pods') {
      b.push({ label: 'Logs', onClick: () => setOpen({ kind: 'logs', row }) });
      b.push({ label: 'Terminal', onClick: () => setOpen({ kind: 'terminal', row }), secondary: true });
    }
    if (resource === 'pods' || resource === 'services' || resource === 'deployments')
      b.push({ label: 'Port forward…', onClick: () => setOpen({ kind: 'forward', row }), secondary: true });
    if (withPods(resource)) b.push({ label: 'Logs', onClick: () => setOpen({ kind: 'workload-logs', row }) });
    if (isScalable(resource)) b.push({ label: 'Scale', onClick: () => setOpen({ kind: 'scale', row }) });
    if (resource === 'cronjobs') {
      const c = row as KubeRows['cronjobs'];
      b.push({ label: 'Run now', onClick: () => void cronAction(c, 'run') });
      b.push(
        c.suspend
          ? { label: 'Resume', onClick: () => void cronAction(c, 'resume') }
          : { label: 'Suspend', onClick: () => void cronAction(c, 'suspend'), secondary: true },
      );
    }
    if (resource === 'jobs') {
      const j = row as KubeRows['jobs'];
      const running = j.status === 'Running' || j.status === 'Pending';
      b.push({
        label: 'Run again',
        onClick: () => void runAgain(j),
        // Held while a run is being started, so a double click does not start two.
        disabled: running || retry.isPending,
        ...(running ? { reason: `Job ${j.name} is still running.` } : {}),
      });
    }
    if (hasRollout(resource))
      b.push({ label: 'Rollout', onClick: () => setOpen({ kind: 'rollout', row }), secondary: true });
    if (isRestartable(resource))
      b.push({ label: 'Restart', onClick: () => setOpen({ kind: 'restart', row }), secondary: true });
    if (isDeletable(resource)) {
      b.push({ label: 'Details', onClick: () => setOpen({ kind: 'details', row }), secondary: true });
      b.push({ label: 'Delete', onClick: () => setOpen({ kind: 'delete', row }), danger: true, secondary: true });
    }
    return b;
  };

  const columns = columnsOf(resource, {
    now,
    allNamespaces: namespace === undefined,
    endpoints: endpoints.byKey,
  });
  const noun = (n: number) => (n === 1 ? `1 ${view.noun}` : `${n} ${view.plural}`);
  return (
    <>
      <PortForwardList />
      <p className="muted small kube-count">{!w.loading && !w.error && noun(w.rows.length)}</p>
      <WatchState
        loading={w.loading}
        what={view.plural}
        empty={w.rows.length === 0}
        {...(w.error ? { error: w.error } : {})}
      />
      {w.rows.length > 0 && (
        <ObjectTable<AnyRow>
          label={view.label}
          rows={w.rows}
          rowKey={(r) => `${r.namespace}/${r.name}`}
          rowName={(r) => rowNameOf(resource, r)}
          columns={columns as never}
          {...(resource === 'events'
            ? {}
            : { actions: (r: AnyRow) => <RowButtons owner={r.name} buttons={buttonsOf(r)} /> })}
        />
      )}
      {open?.kind === 'logs' && <PodLogsDialog context={context} pod={open.row as KubeRows['pods']} onClose={close} />}
      {(open?.kind === 'details' || open?.kind === 'terminal') && isDeletable(resource) && (
        <KubeDetailDialog
          resource={resource}
          target={target(open.row)}
          row={liveRow(open.row)}
          onClose={close}
          initialTab={open.kind === 'terminal' ? 'terminal' : 'overview'}
        />
      )}
      {open?.kind === 'forward' && (resource === 'pods' || resource === 'services' || resource === 'deployments') && (
        <PortForwardDialog
          context={context}
          kind={resource === 'pods' ? 'pod' : resource === 'services' ? 'service' : 'deployment'}
          namespace={open.row.namespace}
          name={open.row.name}
          onClose={close}
        />
      )}
      {open?.kind === 'delete' && isDeletable(resource) && (
        <DeleteKubeDialog resource={resource} target={target(open.row)} onClose={close} />
      )}
      {open?.kind === 'scale' && isScalable(resource) && (
        <ScaleDialog
          resource={resource}
          target={target(open.row)}
          current={(open.row as KubeRows['deployments']).desired}
          onClose={close}
        />
      )}
      {open?.kind === 'workload-logs' && withPods(resource) && (
        <WorkloadLogsDialog resource={resource} target={target(open.row)} onClose={close} />
      )}
      {open?.kind === 'rollout' && hasRollout(resource) && (
        <RolloutDialog
          resource={resource}
          target={target(open.row)}
          row={liveRow(open.row) as KubeRows[WithRollout]}
          onClose={close}
        />
      )}
      {open?.kind === 'restart' && isRestartable(resource) && (
        <RestartDialog resource={resource} target={target(open.row)} onClose={close} />
      )}
    </>
  );
}
