// The swarm's nodes: hostname, role and manager reachability, availability (changed in place), status,
// address, engine version, resources, tasks and labels; promote or demote, edit labels, remove a node
// that is down.
import { useState } from 'react';
import type { SwarmNode } from '../../../../shared/contract/areas/swarm';
import { useClient, useRequest } from '../../api/hooks';
import { useUi } from '../../app/ui-store';
import { fieldColumn } from '../../components/columns';
import { EngineGate } from '../../components/EngineGate';
import { ObjectTable } from '../../components/ObjectTable';
import { RowButtons } from '../../components/RowButtons';
import { formatBytes } from '../../components/format';
import { NodeLabelsDialog, RemoveNodeDialog } from './NodeDialogs';
import { useIsManager } from './swarm-queries';

function roleText(n: SwarmNode): string {
  if (n.role !== 'manager') return 'worker';
  if (n.manager?.leader) return 'manager (leader)';
  return `manager, ${n.manager?.reachability ?? 'unknown'}`;
}

function Availability({ node }: { node: SwarmNode }) {
  const client = useClient();
  const toast = useUi((s) => s.toast);
  const [busy, setBusy] = useState(false);
  const change = async (availability: SwarmNode['availability']) => {
    setBusy(true);
    try {
      await client.request('nodes.update', { id: node.id, availability });
      toast(
        'success',
        `${node.hostname} is now ${availability === 'active' ? 'active' : availability === 'drain' ? 'draining: its tasks move to other nodes' : 'paused: it takes no new tasks'}.`,
      );
    } catch (e) {
      toast('error', (e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <select
      aria-label={`Availability of ${node.hostname}`}
      value={node.availability}
      disabled={busy}
      onChange={(e) => void change(e.target.value as SwarmNode['availability'])}
    >
      <option value="active">active</option>
      <option value="pause">pause</option>
      <option value="drain">drain</option>
    </select>
  );
}

export function NodesTab() {
  const manager = useIsManager();
  const list = useRequest('nodes.list', undefined, { enabled: manager });
  const client = useClient();
  const toast = useUi((s) => s.toast);
  const [open, setOpen] = useState<{ kind: 'labels' | 'remove'; node: SwarmNode }>();
  const setRole = async (n: SwarmNode, role: SwarmNode['role']) => {
    try {
      await client.request('nodes.update', { id: n.id, role });
      toast('success', `${n.hostname} is ${role === 'manager' ? 'now a manager' : 'now a worker'}.`);
    } catch (e) {
      toast('error', (e as Error).message);
    }
  };
  return (
    <EngineGate query={list} what="nodes">
      <ObjectTable<SwarmNode>
        label="Nodes"
        rows={list.data ?? []}
        rowKey={(n) => n.id}
        rowName={(n) => n.hostname}
        columns={[
          {
            label: 'Hostname',
            value: (n) => n.hostname,
            className: 'name-cell',
            render: (n) => (
              <span title={n.id}>
                {n.hostname}
                {n.self && <span className="muted small"> (this engine)</span>}
              </span>
            ),
          },
          fieldColumn('Role', roleText),
          { label: 'Availability', value: (n) => n.availability, render: (n) => <Availability node={n} /> },
          {
            label: 'Status',
            value: (n) => n.status,
            render: (n) => (
              <span className={`badge ${n.status === 'ready' ? 'ok' : 'danger'}`} title={n.statusMessage}>
                {n.status}
              </span>
            ),
          },
          {
            label: 'Address',
            value: (n) => n.addr,
            priority: 2,
            render: (n) => <span className="mono small">{n.addr}</span>,
          },
          fieldColumn('Engine', (n) => n.engineVersion, { priority: 3 }),
          {
            label: 'Resources',
            value: (n) => n.memory,
            priority: 3,
            render: (n) => `${n.cpus} CPU${n.cpus === 1 ? '' : 's'}, ${formatBytes(n.memory)}`,
          },
          fieldColumn('Tasks', (n) => n.tasks, { priority: 2 }),
          {
            label: 'Labels',
            value: (n) => Object.keys(n.labels).length,
            grow: true,
            priority: 3,
            render: (n) => (
              <span className="mono small">
                {Object.entries(n.labels)
                  .map(([k, v]) => `${k}=${v}`)
                  .join(', ')}
              </span>
            ),
          },
        ]}
        actions={(n) => (
          <RowButtons
            owner={n.hostname}
            buttons={[
              n.role === 'worker'
                ? { label: 'Promote', onClick: () => void setRole(n, 'manager') }
                : { label: 'Demote', onClick: () => void setRole(n, 'worker') },
              { label: 'Labels', secondary: true, onClick: () => setOpen({ kind: 'labels', node: n }) },
              {
                label: 'Remove',
                danger: true,
                secondary: true,
                onClick: () => setOpen({ kind: 'remove', node: n }),
                disabled: n.status !== 'down',
                reason: `${n.hostname} is ${n.status}: drain it and run "docker swarm leave" on it first; once it is down it can be removed.`,
              },
            ]}
          />
        )}
      />
      {open?.kind === 'labels' && <NodeLabelsDialog node={open.node} onClose={() => setOpen(undefined)} />}
      {open?.kind === 'remove' && <RemoveNodeDialog node={open.node} onClose={() => setOpen(undefined)} />}
    </EngineGate>
  );
}
