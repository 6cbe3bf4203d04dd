// kubectl rollout status, history and undo for the three kinds that have a rollout: deployments
// (revisions kept as replica sets, rollout-deployment.ts) and stateful and daemon sets (revisions
// kept as controller revisions, rollout-sets.ts).
import type { KubeConfig } from '@kubernetes/client-node';
import type { KubeRolloutHistory, KubeRolloutResource, KubeRolloutUndone } from '../../shared/contract/areas/kube';
import { deploymentRolloutHistory, deploymentRolloutUndo } from './rollout-deployment';
import { setRolloutHistory, setRolloutUndo } from './rollout-sets';

export { deploymentRolloutStatus } from './rollout-deployment';
export { daemonSetRolloutStatus, statefulSetRolloutStatus } from './rollout-sets';

/** The rollout's status sentence and every revision the workload keeps, newest first. */
export function rolloutHistory(
  kc: KubeConfig,
  resource: KubeRolloutResource,
  namespace: string,
  name: string,
  signal?: AbortSignal,
): Promise<KubeRolloutHistory> {
  return resource === 'deployments'
    ? deploymentRolloutHistory(kc, namespace, name, signal)
    : setRolloutHistory(kc, resource, namespace, name, signal);
}

/** Goes back to a revision (0 = the one before the current), as kubectl rollout undo. */
export function rolloutUndo(
  kc: KubeConfig,
  resource: KubeRolloutResource,
  namespace: string,
  name: string,
  toRevision: number,
): Promise<KubeRolloutUndone> {
  return resource === 'deployments'
    ? deploymentRolloutUndo(kc, namespace, name, toRevision)
    : setRolloutUndo(kc, resource, namespace, name, toRevision);
}
