// What a stateful set or a daemon set is made of, as the answer of kube.members: a stateful set's
// pods by ordinal with the volume claims each ordinal gets, a daemon set's nodes with the daemon pod
// on each. Something that exists in the set's spec but not yet in the cluster is named as missing.

/** A volume claim a stateful set's ordinal gets from one of its claim templates. */
export interface KubeOrdinalClaim {
  /** The volume claim template's name. */
  template: string;
  /** <template>-<set>-<ordinal>. */
  name: string;
  /** The claim's phase (Bound, Pending, Lost) or "Missing" when no such claim exists. */
  status: string;
  /** The size the bound volume has (status.capacity.storage), '' when none yet. */
  capacity: string;
  /** The size the claim asks for (spec.resources.requests.storage). */
  requested: string;
  /** '' when the claim names none (the cluster's default class applies). */
  storageClass: string;
}

/** One ordinal of a stateful set: its pod (or that it is missing) and its claims. */
export interface KubeOrdinal {
  ordinal: number;
  /** <set>-<ordinal>. */
  pod: string;
  /** The pod's phase, "Terminating" while it is deleted, or "Missing" when it does not exist. */
  phase: string;
  readyContainers: number;
  containers: number;
  restarts: number;
  /** '' when not scheduled (or missing). */
  node: string;
  /** False for a pod at an ordinal beyond the set's replicas: the controller is removing it. */
  wanted: boolean;
  /** The pod runs the set's update revision; null when Berth cannot tell (no pod, or none reported). */
  upToDate: boolean | null;
  claims: KubeOrdinalClaim[];
}

export interface KubeStatefulSetMembers {
  resource: 'statefulsets';
  replicas: number;
  /** The wanted ordinals in order, then pods of the set beyond them. */
  ordinals: KubeOrdinal[];
  /** Why the claims could not be read (e.g. RBAC); '' when they were. */
  claimsError: string;
  /** The revision pods are updated to (status.updateRevision), '' when the set reports none. */
  updateRevision: string;
}

/** One node of a daemon set: whether the set should run there, and its pod there. */
export interface KubeDaemonNode {
  node: string;
  /** The DaemonSet controller would run a pod on this node. */
  eligible: boolean;
  /** Why not, or what is notable (e.g. "cordoned; daemon pods still run"); '' when nothing. */
  reason: string;
  /** The daemon pod on the node ('' = none yet). */
  pod: string;
  /** The pod's phase ('' when there is none). */
  phase: string;
  readyContainers: number;
  containers: number;
  /** The pod runs the set's current template; null when Berth cannot tell. */
  upToDate: boolean | null;
}

export interface KubeDaemonSetMembers {
  resource: 'daemonsets';
  /** Eligible nodes and nodes with a daemon pod first (by name), then the other nodes. */
  nodes: KubeDaemonNode[];
  /** How "up to date" was decided: the current revision's hash, a template generation, or ''. */
  revision: string;
  /** Why the nodes could not be read (e.g. RBAC); '' when they were. Then only nodes with a pod are listed. */
  nodesError: string;
}

export type KubeSetMembers = KubeStatefulSetMembers | KubeDaemonSetMembers;

/** The kinds kube.members reads. */
export const KUBE_WITH_MEMBERS = ['statefulsets', 'daemonsets'] as const;
