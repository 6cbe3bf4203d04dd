// For the networks page: which services and nodes use each swarm-scoped network, while this engine
// manages a swarm (nothing is asked otherwise).
import type { NetworkSummary } from '../../../../shared/contract';
import type { SwarmNetworkUse } from '../../../../shared/contract/areas/swarm';
import { useRequest } from '../../api/hooks';
import type { Column } from '../../components/ObjectTable';
import { useIsManager, useRemoteTasksInterval } from './swarm-queries';

/** Swarm networks' use by network id, or undefined when this engine manages no swarm. */
export function useSwarmNetworkUse(ready: boolean): Map<string, SwarmNetworkUse> | undefined {
  const manager = useIsManager();
  const q = useRequest('swarm.networkUse', undefined, {
    enabled: ready && manager,
    refetchInterval: useRemoteTasksInterval(),
  });
  return manager && q.data ? new Map(q.data.map((u) => [u.id, u])) : undefined;
}

export function networkUseText(u: SwarmNetworkUse | undefined): string {
  if (!u) return '';
  const parts = [];
  if (u.services.length) parts.push(`services ${u.services.join(', ')}`);
  if (u.nodes.length) parts.push(`on ${u.nodes.join(', ')}`);
  return parts.join(' · ');
}

export function swarmUseColumn(use: Map<string, SwarmNetworkUse>): Column<NetworkSummary> {
  return {
    label: 'Swarm use',
    value: (n) => networkUseText(use.get(n.id)),
    priority: 3,
    className: 'col-list',
    render: (n) =>
      n.scope !== 'swarm' ? (
        ''
      ) : use.get(n.id)?.services.length ? (
        <span title={networkUseText(use.get(n.id))}>{networkUseText(use.get(n.id))}</span>
      ) : (
        <span className="muted">no service</span>
      ),
  };
}
