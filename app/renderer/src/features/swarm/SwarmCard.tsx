// The Engine page's Swarm card: whether this engine is in a swarm and as what; create or join one;
// the join commands (tokens hidden until asked); leave. Says when the kernel lacks what the routing
// mesh needs.
import { useState } from 'react';
import type { SwarmStatus } from '../../../../shared/contract/areas/swarm';
import { href } from '../../app/router';
import { Fact } from '../../components/Fact';
import { EngineCard } from '../engine-page/EngineCard';
import { JoinCommands } from './JoinCommands';
import { CreateOrJoinButtons, LeaveSwarmDialog } from './SwarmDialogs';
import { useSwarmStatus } from './swarm-queries';

export function swarmSummary(s: SwarmStatus): string {
  switch (s.state) {
    case 'inactive':
      return 'This engine is not in a swarm.';
    case 'pending':
      return 'This engine is joining a swarm…';
    case 'locked':
      return 'This engine is in a swarm that is locked: unlock it with docker swarm unlock and its key.';
    case 'error':
      return `This engine's swarm is in error${s.error ? `: ${s.error}` : ''}.`;
  }
  if (s.role === 'worker')
    return `A worker of a swarm${s.managerAddrs.length ? ` managed at ${s.managerAddrs.join(', ')}` : ''}: it runs tasks; managers decide which.`;
  const nodes = s.nodes ?? 1;
  const managers = s.managers ?? 1;
  return `A manager of a swarm of ${nodes} node${nodes === 1 ? '' : 's'} (${managers} manager${managers === 1 ? '' : 's'}).`;
}

export const MESH_MISSING =
  "This engine's kernel has no IPVS: ports published in ingress mode (the routing mesh) and service virtual IPs do not work. Publish ports in host mode and use DNS round robin.";

export function SwarmCard({ running }: { running: boolean }) {
  const status = useSwarmStatus();
  const [leaving, setLeaving] = useState(false);
  const s = status.data;
  return (
    <EngineCard
      title="Swarm"
      label="Swarm"
      className="swarm-card"
      running={running}
      query={status}
      show={(s) => {
        const inSwarm = s.state !== 'inactive';
        return (
          <>
            <p>{swarmSummary(s)}</p>
            {inSwarm && (
              <dl className="facts">
                <Fact term="Node address" className="mono small">
                  {s.nodeAddr}
                </Fact>
                {s.nodeId && (
                  <Fact term="Node" className="mono small">
                    {s.nodeId}
                  </Fact>
                )}
              </dl>
            )}
            {inSwarm && s.routingMesh === 'missing' && (
              <p className="warning-text small" role="note">
                {MESH_MISSING}
              </p>
            )}
            {s.role === 'manager' && <JoinCommands />}
            <div className="button-row">
              {!inSwarm ? (
                <CreateOrJoinButtons />
              ) : (
                <>
                  {s.role === 'manager' && (
                    <a className="button" href={href('swarm')}>
                      Open Swarm
                    </a>
                  )}
                  <button type="button" className="danger-hover" onClick={() => setLeaving(true)}>
                    Leave the swarm
                  </button>
                </>
              )}
            </div>
          </>
        );
      }}
    >
      {leaving && s && <LeaveSwarmDialog status={s} onClose={() => setLeaving(false)} />}
    </EngineCard>
  );
}
