// The Pods and Deployments tables: rows named by the object, sortable, virtualised (ObjectTable), with
// their actions as named buttons.
import type { KubeDeployment, KubePod } from '../../../../shared/contract/areas/kube';
import { timeAgo } from '../../components/format';
import { ObjectTable, type Column } from '../../components/ObjectTable';
import { RowButtons } from '../../components/RowButtons';
import { useNow } from '../../components/use-now';

const age = (iso: string, now: number) => (iso ? timeAgo(Date.parse(iso) / 1000, now) : '—');
const nsColumn = <T extends { namespace: string }>(): Column<T> => ({
  label: 'Namespace',
  value: (r) => r.namespace,
  render: (r) => r.namespace,
  priority: 2,
});

export function PodsTable({
  pods,
  allNamespaces,
  onLogs,
  onDelete,
}: {
  pods: KubePod[];
  allNamespaces: boolean;
  onLogs(p: KubePod): void;
  onDelete(p: KubePod): void;
}) {
  const now = useNow();
  const columns: Column<KubePod>[] = [
    { label: 'Name', value: (p) => p.name, grow: true, render: (p) => <span title={p.name}>{p.name}</span> },
    ...(allNamespaces ? [nsColumn<KubePod>()] : []),
    {
      label: 'Status',
      value: (p) => p.phase,
      render: (p) => <span className={`kube-phase kube-phase-${p.phase.toLowerCase()}`}>{p.phase}</span>,
    },
    {
      label: 'Ready',
      value: (p) => p.readyContainers,
      className: 'nowrap',
      render: (p) => `${p.readyContainers}/${p.containers.length}`,
    },
    { label: 'Restarts', value: (p) => p.restarts, render: (p) => p.restarts },
    {
      label: 'Node',
      value: (p) => p.node,
      priority: 3,
      className: 'nowrap',
      render: (p) => p.node || <span className="muted">—</span>,
    },
    {
      label: 'IP',
      value: (p) => p.ip,
      priority: 3,
      render: (p) => (p.ip ? <span className="mono small">{p.ip}</span> : <span className="muted">—</span>),
    },
    {
      label: 'Age',
      value: (p) => -Date.parse(p.created || '0'),
      className: 'nowrap',
      render: (p) => age(p.created, now),
    },
    {
      label: 'Owned by',
      value: (p) => p.owner,
      priority: 2,
      className: 'nowrap',
      // The kind (ReplicaSet, Job …) in the tooltip and the accessible text; the name on screen.
      render: (p) =>
        p.owner ? (
          <span title={p.owner}>
            <span className="visually-hidden">{p.owner.split('/')[0]} </span>
            {p.owner.split('/').slice(1).join('/')}
          </span>
        ) : (
          <span className="muted">—</span>
        ),
    },
  ];
  return (
    <ObjectTable
      label="Pods"
      rows={pods}
      rowKey={(p) => `${p.namespace}/${p.name}`}
      rowName={(p) => p.name}
      columns={columns}
      actions={(p) => (
        <RowButtons
          owner={p.name}
          buttons={[
            { label: 'Logs', onClick: () => onLogs(p) },
            { label: 'Delete', onClick: () => onDelete(p), danger: true },
          ]}
        />
      )}
    />
  );
}

export function DeploymentsTable({
  deployments,
  allNamespaces,
  onScale,
  onDelete,
}: {
  deployments: KubeDeployment[];
  allNamespaces: boolean;
  onScale(d: KubeDeployment): void;
  onDelete(d: KubeDeployment): void;
}) {
  const now = useNow();
  const columns: Column<KubeDeployment>[] = [
    { label: 'Name', value: (d) => d.name, grow: true, render: (d) => <span title={d.name}>{d.name}</span> },
    ...(allNamespaces ? [nsColumn<KubeDeployment>()] : []),
    {
      label: 'Ready',
      value: (d) => d.ready,
      className: 'nowrap',
      render: (d) => (
        <span className={d.ready < d.desired ? 'kube-short' : undefined}>
          {d.ready}/{d.desired}
        </span>
      ),
    },
    { label: 'Up to date', value: (d) => d.upToDate, render: (d) => d.upToDate },
    { label: 'Available', value: (d) => d.available, priority: 2, render: (d) => d.available },
    {
      label: 'Age',
      value: (d) => -Date.parse(d.created || '0'),
      className: 'nowrap',
      render: (d) => age(d.created, now),
    },
  ];
  return (
    <ObjectTable
      label="Deployments"
      rows={deployments}
      rowKey={(d) => `${d.namespace}/${d.name}`}
      rowName={(d) => d.name}
      columns={columns}
      actions={(d) => (
        <RowButtons
          owner={d.name}
          buttons={[
            { label: 'Scale', onClick: () => onScale(d) },
            { label: 'Delete', onClick: () => onDelete(d), danger: true },
          ]}
        />
      )}
    />
  );
}
