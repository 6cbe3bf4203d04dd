// Kubernetes objects as the rows Berth shows, computed as kubectl get computes its columns.
import type { V1Deployment, V1Pod } from '@kubernetes/client-node';
import type { KubeDeployment, KubePod } from '../../shared/contract/areas/kube';

export function podSummary(p: V1Pod): KubePod {
  const statuses = p.status?.containerStatuses ?? [];
  const owner = p.metadata?.ownerReferences?.find((o) => o.controller) ?? p.metadata?.ownerReferences?.[0];
  return {
    namespace: p.metadata?.namespace ?? '',
    name: p.metadata?.name ?? '',
    phase: p.metadata?.deletionTimestamp ? 'Terminating' : (p.status?.phase ?? 'Unknown'),
    readyContainers: statuses.filter((s) => s.ready).length,
    containers: (p.spec?.containers ?? []).map((c) => c.name),
    restarts: statuses.reduce((n, s) => n + (s.restartCount ?? 0), 0),
    node: p.spec?.nodeName ?? '',
    ip: p.status?.podIP ?? '',
    created: toIso(p.metadata?.creationTimestamp),
    owner: owner ? `${owner.kind}/${owner.name}` : '',
  };
}

export function deploymentSummary(d: V1Deployment): KubeDeployment {
  return {
    namespace: d.metadata?.namespace ?? '',
    name: d.metadata?.name ?? '',
    desired: d.spec?.replicas ?? 1,
    ready: d.status?.readyReplicas ?? 0,
    upToDate: d.status?.updatedReplicas ?? 0,
    available: d.status?.availableReplicas ?? 0,
    created: toIso(d.metadata?.creationTimestamp),
  };
}

function toIso(t: Date | string | undefined): string {
  if (!t) return '';
  return typeof t === 'string' ? t : t.toISOString();
}
