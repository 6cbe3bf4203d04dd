// Networks: driver, scope, subnets and attached containers.
import { useRequest } from '../../api/hooks';
import { engineReady, useEngineStatus } from '../../app/engine-status';
import { EngineGate } from '../../components/EngineGate';
import { ObjectTable } from '../../components/ObjectTable';

export function NetworksPage() {
  const status = useEngineStatus();
  const list = useRequest('networks.list', undefined, { enabled: engineReady(status) });
  const networks = list.data ?? [];
  return (
    <section aria-labelledby="networks-title" className="list-page">
      <div className="page-head">
        <h1 id="networks-title">Networks</h1>
        <span className="muted">{list.data ? `${networks.length} networks` : ''}</span>
      </div>
      <EngineGate query={list} what="networks">
        <ObjectTable
          label="Networks"
          rows={networks}
          rowKey={(n) => n.id}
          rowName={(n) => n.name}
          columns={[
            { label: 'Name', value: (n) => n.name, render: (n) => (n.builtIn ? <span>{n.name} <span className="muted small">(built in)</span></span> : n.name) },
            { label: 'Driver', value: (n) => n.driver, render: (n) => n.driver },
            { label: 'Scope', value: (n) => n.scope, render: (n) => n.scope },
            { label: 'Subnet', value: (n) => n.subnets.join(', '), render: (n) => <span className="mono small">{n.subnets.join(', ') || '—'}</span> },
            { label: 'Containers', value: (n) => n.containers.length, render: (n) => n.containers.join(', ') || <span className="muted">none</span> },
          ]}
        />
      </EngineGate>
    </section>
  );
}
