// The rows of the watched Kubernetes lists, one shape per resource, computed by the engine as kubectl
// get computes its columns. Every row has a namespace ('' for none), a name and a creation time.

/** Resources the user may delete from Berth (events and endpoints belong to others). */
export const KUBE_DELETABLE = [
  'pods',
  'deployments',
  'statefulsets',
  'daemonsets',
  'replicasets',
  'jobs',
  'cronjobs',
  'services',
  'horizontalpodautoscalers',
] as const;
/** The resources Berth watches as lists (kube.watch), by their plural API names. */
export const KUBE_RESOURCES = [...KUBE_DELETABLE, 'endpoints', 'events'] as const;
export type KubeResource = (typeof KUBE_RESOURCES)[number];

/** Resources with a scale subresource. */
export const KUBE_SCALABLE = ['deployments', 'statefulsets', 'replicasets'] as const;
/** Resources whose pods a rollout restart replaces. */
export const KUBE_RESTARTABLE = ['deployments', 'statefulsets', 'daemonsets'] as const;
/** Resources with a rollout kubectl can show and undo (revisions kept as replica sets or controller revisions). */
export const KUBE_ROLLOUT = ['deployments', 'statefulsets', 'daemonsets'] as const;
export type KubeRolloutResource = (typeof KUBE_ROLLOUT)[number];

interface Row {
  namespace: string;
  name: string;
  /** RFC 3339 creation time ('' when unknown). */
  created: string;
}

export interface KubePod extends Row {
  /** Pending, Running, Succeeded, Failed, Unknown; "Terminating" while being deleted. */
  phase: string;
  readyContainers: number;
  containers: string[];
  restarts: number;
  node: string;
  ip: string;
  /** The controller that owns the pod, as Kind/name ('' when none). */
  owner: string;
}

export interface KubeDeployment extends Row {
  desired: number;
  ready: number;
  upToDate: number;
  available: number;
}

export interface KubeStatefulSet extends Row {
  desired: number;
  ready: number;
  /** Pods on the current revision. */
  upToDate: number;
  /** The headless service that names the pods (spec.serviceName). */
  service: string;
  /** Names of the persistent volume claim templates (each pod gets <template>-<set>-<ordinal>). */
  claims: string[];
}

export interface KubeDaemonSet extends Row {
  desired: number;
  current: number;
  ready: number;
  upToDate: number;
  available: number;
  /** The node selector as key=value, comma-separated ('' = every node). */
  nodeSelector: string;
}

export interface KubeReplicaSet extends Row {
  desired: number;
  current: number;
  ready: number;
  owner: string;
}

export interface KubeJob extends Row {
  /** Succeeded pods and how many are wanted. */
  succeeded: number;
  completions: number;
  active: number;
  failed: number;
  /** Complete, Failed, Running, Suspended. */
  status: string;
  /** Seconds from start to completion (or until now while running; -1 when not started). */
  durationSeconds: number;
  owner: string;
}

export interface KubeCronJob extends Row {
  schedule: string;
  suspend: boolean;
  active: number;
  /** RFC 3339 time of the last scheduled run ('' when never). */
  lastSchedule: string;
  lastSuccess: string;
}

export interface KubeService extends Row {
  /** ClusterIP, NodePort, LoadBalancer, ExternalName. */
  type: string;
  clusterIP: string;
  externalIP: string;
  /** As kubectl shows them: 80/TCP, 80:30080/TCP (node port), named "http 80→8080/TCP". */
  ports: string[];
  /** The pod selector as key=value, comma-separated ('' = none: endpoints are managed by hand). */
  selector: string;
}

export interface KubeEndpoints extends Row {
  /** Ready addresses as ip:port, and not-ready ones counted apart. */
  ready: string[];
  notReady: number;
}

export interface KubeHpa extends Row {
  /** The scaled object, as Kind/name. */
  target: string;
  /** Each metric as current/target, e.g. "cpu 40%/80%". */
  metrics: string[];
  min: number;
  max: number;
  current: number;
  desired: number;
}

export interface KubeEvent extends Row {
  /** Normal or Warning. */
  type: string;
  reason: string;
  /** The object it is about, as Kind/name. */
  object: string;
  message: string;
  count: number;
  /** RFC 3339 time it was last seen. */
  last: string;
}

export interface KubeRows {
  pods: KubePod;
  deployments: KubeDeployment;
  statefulsets: KubeStatefulSet;
  daemonsets: KubeDaemonSet;
  replicasets: KubeReplicaSet;
  jobs: KubeJob;
  cronjobs: KubeCronJob;
  services: KubeService;
  endpoints: KubeEndpoints;
  horizontalpodautoscalers: KubeHpa;
  events: KubeEvent;
}
export type KubeRow = KubeRows[KubeResource];

/**
 * A watched list. A full list (the first, and again after the server said 410 Gone) is `reset`,
 * its objects as `upsert`s, then `synced`; after that, single changes. The list travels in batches
 * like any other stream, and the client swaps it in whole at `synced`.
 */
export type KubeWatchItem<T> =
  | { type: 'reset' }
  | { type: 'synced' }
  | { type: 'upsert'; item: T }
  | { type: 'delete'; namespace: string; name: string };

/** One condition of an object's status, as kubectl describe shows it. */
export interface KubeCondition {
  type: string;
  status: string;
  reason: string;
  message: string;
  /** RFC 3339 ('' when not given). */
  since: string;
}

export interface KubeContainerState {
  name: string;
  image: string;
  ready: boolean;
  restarts: number;
  /** e.g. "Running since …", "Waiting: CrashLoopBackOff", "Terminated: Error (exit 1)". */
  state: string;
  /** The previous instance's end, when it restarted ('' otherwise): its logs are the "previous" ones. */
  lastState: string;
}

/** What kubectl describe and kubectl get -o yaml show about one object. */
export interface KubeDescribed {
  kind: string;
  namespace: string;
  name: string;
  /** The object as YAML, without managedFields. */
  yaml: string;
  conditions: KubeCondition[];
  /** The object's events, newest last. */
  events: KubeEvent[];
  /** A pod's containers (empty for other kinds). */
  containers: KubeContainerState[];
}
