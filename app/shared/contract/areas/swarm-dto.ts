// What the swarm requests return: the engine's swarm state, nodes, services, tasks, stacks, secrets,
// configs and who uses the overlay networks, as plain JSON.
import type { ComposeLogLine } from './compose';

export type SwarmState = 'inactive' | 'pending' | 'active' | 'error' | 'locked';

export interface SwarmStatus {
  state: SwarmState;
  /** 'manager' when this engine can manage the swarm, 'worker' when it only runs tasks; absent outside a swarm. */
  role?: 'manager' | 'worker';
  nodeId?: string;
  /** The address this node advertises to the others. */
  nodeAddr?: string;
  clusterId?: string;
  /** ISO 8601, when the swarm was created (managers only). */
  createdAt?: string;
  nodes?: number;
  managers?: number;
  /** Managers this node knows, host:port. */
  managerAddrs: string[];
  /** The engine's own words when the swarm is in error. */
  error?: string;
  /**
   * Whether this engine's kernel has IPVS, which the routing mesh (ports published in ingress mode)
   * and service virtual IPs need. 'unknown' when Berth cannot look (an engine on another machine).
   */
  routingMesh: 'available' | 'missing' | 'unknown';
}

/** Addresses the engine could advertise when it creates or joins a swarm. */
export interface AdvertiseChoices {
  addresses: { addr: string; iface: string }[];
  /** The address of the interface the engine's default route uses, when Berth can tell. */
  suggested?: string;
}

/** What another engine needs to join this swarm (asked for only when shown). */
export interface JoinTokens {
  worker: string;
  manager: string;
  /** host:port of this manager. */
  managerAddr: string;
}

export interface SwarmNode {
  id: string;
  hostname: string;
  role: 'manager' | 'worker';
  availability: 'active' | 'pause' | 'drain';
  status: 'unknown' | 'down' | 'ready' | 'disconnected';
  /** The engine's words about the status ("heartbeat failure"). */
  statusMessage?: string;
  /** The node's address as the swarm sees it. */
  addr: string;
  engineVersion: string;
  os: string;
  arch: string;
  /** CPUs (fractional, from NanoCPUs) and memory in bytes. */
  cpus: number;
  memory: number;
  labels: Record<string, string>;
  /** Managers only. */
  manager?: { leader: boolean; reachability: 'unknown' | 'unreachable' | 'reachable'; addr: string };
  /** The node Berth's engine is. */
  self: boolean;
  /** Tasks the swarm wants running there now. */
  tasks: number;
}

export type ServiceMode = 'replicated' | 'global' | 'replicated-job' | 'global-job';

export interface ServicePort {
  target: number;
  published?: number;
  protocol: 'tcp' | 'udp' | 'sctp';
  mode: 'ingress' | 'host';
}

export interface ServiceUpdateStatus {
  state: 'updating' | 'paused' | 'completed' | 'rollback_started' | 'rollback_paused' | 'rollback_completed';
  message: string;
  startedAt?: string;
  completedAt?: string;
}

export interface SwarmService {
  id: string;
  name: string;
  /** The image as given (a digest the engine pinned is left off). */
  image: string;
  mode: ServiceMode;
  /** Tasks running now, and how many the swarm wants (for global services: one per eligible node). */
  running: number;
  desired: number;
  /** Jobs: tasks that finished successfully, and how many should (replicated jobs). */
  completed?: number;
  completions?: number;
  ports: ServicePort[];
  updateStatus?: ServiceUpdateStatus;
  /** Whether the swarm keeps the settings before the last update (Rollback goes back to them). */
  canRollback: boolean;
  /** The stack it belongs to (com.docker.stack.namespace). */
  stack?: string;
  createdAt: string;
  updatedAt: string;
  /** Names of the secrets and configs it uses. */
  secrets: string[];
  configs: string[];
}

export interface SwarmTask {
  id: string;
  serviceId: string;
  service: string;
  /** "web.2" for a replicated service, "web.<hostname>" for a global one. */
  name: string;
  slot?: number;
  nodeId?: string;
  /** The node's hostname, when the node is known. */
  node?: string;
  desiredState: string;
  state: string;
  /** The engine's word on the state ("started", "preparing"). */
  message: string;
  error?: string;
  containerId?: string;
  exitCode?: number;
  /** ISO 8601: when the task reached its current state. */
  since: string;
  image: string;
  /** Whether it runs the service's current settings (false while a rolling update has not reached it). */
  current: boolean;
  /** Whether its container is on the engine Berth talks to (so Berth can open it). */
  local: boolean;
}

export interface SwarmStack {
  name: string;
  services: number;
  running: number;
  desired: number;
  networks: string[];
  secrets: string[];
  configs: string[];
}

/** A secret or a config: never its value (a secret's is not even readable from the engine). */
export interface SwarmData {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  labels: Record<string, string>;
  /** Services that use it. */
  services: string[];
  stack?: string;
}

/** Which services and nodes use a swarm-scoped network. */
export interface SwarmNetworkUse {
  id: string;
  name: string;
  services: string[];
  /** Hostnames of the nodes running tasks attached to it. */
  nodes: string[];
}

/** One line of a service's (or a stack's) logs: `container` names the task, e.g. "web.2". */
export interface ServiceLogLine extends ComposeLogLine {
  node?: string;
}
