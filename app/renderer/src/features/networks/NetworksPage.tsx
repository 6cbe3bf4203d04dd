// Networks: driver, scope, subnets and attached containers; create, remove, inspect, connect and
// disconnect containers.
import { useState } from 'react';
import type { NetworkSummary } from '../../../../shared/contract';
import { useRequest } from '../../api/hooks';
import { engineReady, useEngineStatus } from '../../app/engine-status';
import { href, navigate } from '../../app/router';
import { EngineGate } from '../../components/EngineGate';
import { fieldColumn, longTextColumn, namesColumn } from '../../components/columns';
import { ObjectTable } from '../../components/ObjectTable';
import { countOf } from '../../components/count';
import { InspectDialog } from '../../components/InspectDialog';
import { ListPage, ListToolbar } from '../../components/ListPage';
import { CreateNetworkDialog, NetworkContainersDialog, RemoveNetworkDialog } from './NetworkDialogs';
import '../../components/kit.css';
import { RowButtons } from '../../components/RowButtons';
import { swarmUseColumn, useSwarmNetworkUse } from '../swarm/network-use';

type Open = { kind: 'create' } | { kind: 'remove' | 'inspect' | 'containers'; network: NetworkSummary };

function InspectNetwork({ name, onClose }: { name: string; onClose(): void }) {
  const q = useRequest('networks.inspect', { name });
  return <InspectDialog title={`Inspect network ${name}`} data={q.data} error={q.error?.message} onClose={onClose} />;
}

/** What the name column says after a network's name: built in, internal, attachable. */
function networkNotes(n: NetworkSummary) {
  return (
    <>
      {n.builtIn && <span className="muted small"> (built in)</span>}
      {n.internal && <span className="muted small"> (internal)</span>}
      {n.attachable && <span className="muted small"> (attachable)</span>}
    </>
  );
}

/** `#/networks/<name>` opens that network's Inspect. */
export function NetworksPage({ rest = [] }: { rest?: string[] }) {
  const status = useEngineStatus();
  const ready = engineReady(status);
  const list = useRequest('networks.list', undefined, { enabled: ready });
  const swarmUse = useSwarmNetworkUse(ready);
  const [search, setSearch] = useState('');
  const [open, setOpen] = useState<Open>();
  const networks = list.data ?? [];
  const q = search.trim().toLowerCase();
  const rows = networks.filter((n) => !q || n.name.toLowerCase().includes(q) || n.driver.includes(q));
  const close = () => setOpen(undefined);
  return (
    <ListPage
      id="networks"
      title="Networks"
      summary={list.data && countOf(networks.length, 'network')}
      buttons={[{ label: 'Create', primary: true, onClick: () => setOpen({ kind: 'create' }) }]}
      ready={ready}
    >
      <ListToolbar
        label="Network list tools"
        search={{
          label: 'Search networks',
          placeholder: 'Search by name or driver',
          value: search,
          onChange: setSearch,
        }}
      />
      <EngineGate query={list} what="networks">
        <ObjectTable<NetworkSummary>
          label="Networks"
          rows={rows}
          rowKey={(n) => n.id}
          rowName={(n) => n.name}
          columns={[
            longTextColumn('Name', (n) => n.name, { after: networkNotes }),
            fieldColumn('Driver', (n) => n.driver),
            fieldColumn('Scope', (n) => n.scope, { priority: 2 }),
            {
              label: 'Subnet',
              value: (n) => n.subnets.join(', '),
              className: 'nowrap',
              priority: 3,
              render: (n) => <span className="mono small">{n.subnets.join(', ') || '—'}</span>,
            },
            namesColumn('Containers', (n) => n.containers, 'none'),
            ...(swarmUse ? [swarmUseColumn(swarmUse)] : []),
          ]}
          actions={(n) => (
            <RowButtons
              owner={n.name}
              buttons={[
                {
                  label: 'Connect',
                  onClick: () => setOpen({ kind: 'containers', network: n }),
                  disabled: n.driver === 'host' || n.driver === 'null',
                },
                { label: 'Inspect', onClick: () => setOpen({ kind: 'inspect', network: n }) },
                {
                  label: 'Remove',
                  onClick: () => setOpen({ kind: 'remove', network: n }),
                  danger: true,
                  disabled: n.builtIn,
                  reason: `The ${n.name} network is built into the engine and cannot be removed.`,
                },
              ]}
            />
          )}
        />
      </EngineGate>
      {open?.kind === 'create' && <CreateNetworkDialog onClose={close} />}
      {open?.kind === 'remove' && <RemoveNetworkDialog network={open.network} onClose={close} />}
      {open?.kind === 'inspect' && <InspectNetwork name={open.network.name} onClose={close} />}
      {rest[0] && !open && <InspectNetwork name={rest[0]} onClose={() => navigate(href('networks'))} />}
      {open?.kind === 'containers' && <NetworkContainersDialog network={open.network} onClose={close} />}
    </ListPage>
  );
}
