// The tasks of a service or a stack: task (service.slot, or service.node for a global one), node,
// desired and current state with its time, the engine's error, and the container — a link when it
// runs on the engine Berth talks to. Tasks replaced by an update or by self-healing stay listed.
import type { SwarmTask } from '../../../../shared/contract/areas/swarm';
import { href } from '../../app/router';
import { ObjectTable } from '../../components/ObjectTable';
import { timeAgo } from '../../components/format';

const stateClass = (t: SwarmTask) =>
  t.state === 'running' ? 'ok' : t.state === 'failed' || t.state === 'rejected' ? 'danger' : '';

export function TasksTable({ tasks, label }: { tasks: SwarmTask[]; label: string }) {
  if (!tasks.length) return <p className="muted empty">No tasks yet.</p>;
  return (
    <ObjectTable<SwarmTask>
      label={label}
      rows={tasks}
      rowKey={(t) => t.id}
      rowName={(t) => `${t.name} (task ${t.id.slice(0, 12)})`}
      columns={[
        {
          label: 'Task',
          value: (t) => t.name,
          className: 'name-cell',
          render: (t) => <span className="mono">{t.name}</span>,
        },
        {
          label: 'Node',
          value: (t) => t.node ?? '',
          className: 'nowrap',
          render: (t) => t.node ?? <span className="muted">—</span>,
        },
        {
          label: 'State',
          value: (t) => t.state,
          render: (t) => (
            <span className="task-state" title={t.message}>
              <span className={`badge ${stateClass(t)}`}>{t.state}</span>{' '}
              <span className="muted small">{t.since ? timeAgo(Date.parse(t.since) / 1000) : ''}</span>
            </span>
          ),
        },
        { label: 'Desired', value: (t) => t.desiredState, priority: 2, render: (t) => t.desiredState },
        {
          label: 'Settings',
          value: (t) => (t.current ? 1 : 0),
          priority: 3,
          render: (t) => (t.current ? 'current' : <span className="muted">previous</span>),
        },
        {
          label: 'Error',
          value: (t) => t.error ?? '',
          grow: true,
          render: (t) =>
            t.error ? (
              <span className="error-text small" title={t.error}>
                {t.error}
              </span>
            ) : t.exitCode !== undefined ? (
              <span className="muted small">exit code {t.exitCode}</span>
            ) : (
              ''
            ),
        },
        {
          label: 'Container',
          priority: 2,
          render: (t) =>
            !t.containerId ? (
              <span className="muted">—</span>
            ) : t.local ? (
              <a className="mono small" href={href('containers', t.containerId)} aria-label={`Container of ${t.name}`}>
                {t.containerId.slice(0, 12)}
              </a>
            ) : (
              <span className="mono small muted" title={`On node ${t.node ?? t.nodeId}: open it on that node's engine`}>
                {t.containerId.slice(0, 12)}
              </span>
            ),
        },
      ]}
    />
  );
}
