// The tabs of the Kubernetes page, one per watched resource, with the words each is named by, and
// which actions each kind offers (read from the contract's lists, so the UI offers only what the
// engine accepts).
import {
  KUBE_DELETABLE,
  KUBE_RESTARTABLE,
  KUBE_ROLLOUT,
  KUBE_SCALABLE,
  type KubeResource,
  type KubeRows,
} from '../../../../shared/contract/areas/kube';

export interface KindView {
  resource: Exclude<KubeResource, 'endpoints'>;
  /** The tab's label and the table's name. */
  label: string;
  /** One of them, in a sentence: "stateful set". */
  noun: string;
  /** Several, in a sentence: "stateful sets". */
  plural: string;
}

export const KIND_VIEWS: readonly KindView[] = [
  { resource: 'pods', label: 'Pods', noun: 'pod', plural: 'pods' },
  { resource: 'deployments', label: 'Deployments', noun: 'deployment', plural: 'deployments' },
  { resource: 'statefulsets', label: 'Stateful sets', noun: 'stateful set', plural: 'stateful sets' },
  { resource: 'daemonsets', label: 'Daemon sets', noun: 'daemon set', plural: 'daemon sets' },
  { resource: 'replicasets', label: 'Replica sets', noun: 'replica set', plural: 'replica sets' },
  { resource: 'jobs', label: 'Jobs', noun: 'job', plural: 'jobs' },
  { resource: 'cronjobs', label: 'Cron jobs', noun: 'cron job', plural: 'cron jobs' },
  { resource: 'services', label: 'Services', noun: 'service', plural: 'services' },
  {
    resource: 'horizontalpodautoscalers',
    label: 'Autoscalers',
    noun: 'horizontal pod autoscaler',
    plural: 'horizontal pod autoscalers',
  },
  { resource: 'events', label: 'Events', noun: 'event', plural: 'events' },
];

export const viewOf = (resource: string): KindView => KIND_VIEWS.find((v) => v.resource === resource) ?? KIND_VIEWS[0]!;

export type Scalable = (typeof KUBE_SCALABLE)[number];
export type Restartable = (typeof KUBE_RESTARTABLE)[number];
export type Deletable = (typeof KUBE_DELETABLE)[number];
export type WithRollout = (typeof KUBE_ROLLOUT)[number];

export const isScalable = (r: KubeResource): r is Scalable => (KUBE_SCALABLE as readonly string[]).includes(r);
export const isRestartable = (r: KubeResource): r is Restartable => (KUBE_RESTARTABLE as readonly string[]).includes(r);
export const hasRollout = (r: KubeResource): r is WithRollout => (KUBE_ROLLOUT as readonly string[]).includes(r);
export const isDeletable = (r: KubeResource): r is Deletable => (KUBE_DELETABLE as readonly string[]).includes(r);

/** How a row is named (its accessible name): its name; an event by what happened to what. */
export function rowNameOf(resource: KubeResource, row: KubeRows[KubeResource]): string {
  if (resource === 'events') {
    const e = row as KubeRows['events'];
    return `${e.reason} on ${e.object.replace('/', ' ')}`;
  }
  return row.name;
}

/** The replicas a scalable row asks for. */
export function desiredOf(row: KubeRows[Scalable]): number {
  return row.desired;
}
