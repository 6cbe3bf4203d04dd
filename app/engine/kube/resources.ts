// Where each resource Berth shows lives in the API, its kind, and how one object becomes a row: the
// one table the watches, delete, scale, restart and describe read.
import type { KubeResource, KubeRows } from '../../shared/contract/areas/kube';
import {
  cronJobSummary,
  daemonSetSummary,
  deploymentSummary,
  endpointsSummary,
  eventSummary,
  hpaSummary,
  jobSummary,
  podSummary,
  replicaSetSummary,
  serviceSummary,
  statefulSetSummary,
} from './summaries';

export interface ResourceInfo<R extends KubeResource> {
  kind: string;
  /** '' for the core group (/api/v1), else group/version (/apis/group/version). */
  groupVersion: string;
  map(obj: never): KubeRows[R];
}

export const RESOURCES: { [R in KubeResource]: ResourceInfo<R> } = {
  pods: { kind: 'Pod', groupVersion: '', map: podSummary },
  deployments: { kind: 'Deployment', groupVersion: 'apps/v1', map: deploymentSummary },
  statefulsets: { kind: 'StatefulSet', groupVersion: 'apps/v1', map: statefulSetSummary },
  daemonsets: { kind: 'DaemonSet', groupVersion: 'apps/v1', map: daemonSetSummary },
  replicasets: { kind: 'ReplicaSet', groupVersion: 'apps/v1', map: replicaSetSummary },
  jobs: { kind: 'Job', groupVersion: 'batch/v1', map: (j: never) => jobSummary(j) },
  cronjobs: { kind: 'CronJob', groupVersion: 'batch/v1', map: cronJobSummary },
  services: { kind: 'Service', groupVersion: '', map: serviceSummary },
  endpoints: { kind: 'Endpoints', groupVersion: '', map: endpointsSummary },
  horizontalpodautoscalers: { kind: 'HorizontalPodAutoscaler', groupVersion: 'autoscaling/v2', map: hpaSummary },
  events: { kind: 'Event', groupVersion: '', map: eventSummary },
};

const seg = encodeURIComponent;

/** The collection path of a resource (all namespaces when none is given), or one object's path. */
export function resourcePath(resource: KubeResource, namespace?: string, name?: string): string {
  const gv = RESOURCES[resource].groupVersion;
  const root = gv ? `/apis/${gv}` : '/api/v1';
  const ns = namespace ? `/namespaces/${seg(namespace)}` : '';
  return `${root}${ns}/${resource}${name ? `/${seg(name)}` : ''}`;
}
