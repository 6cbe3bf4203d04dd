// Swarm (#/swarm/<tab>): the services, nodes, stacks, secrets and configs of the swarm this engine
// manages; a service at #/swarm/services/<name>/<tab>, a stack at #/swarm/stacks/<name>/<tab>. Outside a
// swarm (or on a worker) it says so, and how to get one.
import { href } from '../../app/router';
import { EngineGate } from '../../components/EngineGate';
import { RouteTabs } from '../../components/RouteTabs';
import { DataTab } from './DataTab';
import { NodesTab } from './NodesTab';
import { ServiceDetail } from './ServiceDetail';
import { ServicesTab } from './ServicesTab';
import { StackDetail } from './StackDetail';
import { StacksTab } from './StacksTab';
import { MESH_MISSING, swarmSummary } from './SwarmCard';
import { CreateOrJoinButtons } from './SwarmDialogs';
import { useSwarmStatus } from './swarm-queries';
import '../../components/kit.css';
import './swarm.css';

const tabs = [
  { id: 'services', label: 'Services' },
  { id: 'nodes', label: 'Nodes' },
  { id: 'stacks', label: 'Stacks' },
  { id: 'secrets', label: 'Secrets' },
  { id: 'configs', label: 'Configs' },
] as const;

function NotAManager({ inactive }: { inactive: boolean }) {
  return (
    <div className="empty" role="status">
      <h2>{inactive ? 'Not in a swarm' : 'A worker node'}</h2>
      <p>
        {inactive
          ? 'Swarm mode runs services across one or more engines: replicas that heal themselves, rolling updates, stacks from compose files. Create a swarm with this engine as its manager, or join one.'
          : 'This engine runs tasks for a swarm, but only its managers see and change services, nodes, stacks and secrets. Open Berth on a manager, or promote this node from one.'}
      </p>
      {inactive && (
        <div className="button-row">
          <CreateOrJoinButtons />
        </div>
      )}
    </div>
  );
}

export function SwarmPage({ rest = [] }: { rest?: string[] }) {
  const status = useSwarmStatus();
  const [tab, name, sub] = rest;
  const s = status.data;
  if (s?.role === 'manager' && name && tab === 'services') return <ServiceDetail name={name} tab={sub} />;
  if (s?.role === 'manager' && name && tab === 'stacks') return <StackDetail name={name} tab={sub} />;
  const active = tabs.find((t) => t.id === tab) ?? tabs[0];
  return (
    <section aria-labelledby="swarm-title" className="list-page swarm-page">
      <div className="page-head">
        <h1 id="swarm-title">Swarm</h1>
        <span className="muted">{s && s.role === 'manager' ? swarmSummary(s) : ''}</span>
      </div>
      <EngineGate query={status} what="the swarm">
        {s?.role !== 'manager' ? (
          <NotAManager inactive={s?.state === 'inactive'} />
        ) : (
          <>
            {s.routingMesh === 'missing' && (
              <p className="warning-text small" role="note">
                {MESH_MISSING}
              </p>
            )}
            <RouteTabs label="Swarm" tabs={tabs} active={active.id} hrefOf={(t) => href('swarm', t)} idPrefix="swarm">
              {active.id === 'services' ? (
                <ServicesTab />
              ) : active.id === 'nodes' ? (
                <NodesTab />
              ) : active.id === 'stacks' ? (
                <StacksTab />
              ) : (
                <DataTab key={active.id} kind={active.id === 'secrets' ? 'secret' : 'config'} />
              )}
            </RouteTabs>
          </>
        )}
      </EngineGate>
    </section>
  );
}
