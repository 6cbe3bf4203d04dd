// The engine's own JSON for swarm objects (Engine API 1.41), as far as Berth reads it.

export interface RawVersion {
  Index: number;
}

export interface RawMount {
  Type?: 'bind' | 'volume' | 'tmpfs' | 'npipe' | 'cluster';
  Source?: string;
  Target: string;
  ReadOnly?: boolean;
}

export interface RawFileRef {
  File?: { Name: string; UID?: string; GID?: string; Mode?: number };
  SecretID?: string;
  SecretName?: string;
  ConfigID?: string;
  ConfigName?: string;
}

export interface RawRollout {
  Parallelism?: number;
  Delay?: number;
  FailureAction?: 'pause' | 'continue' | 'rollback';
  Monitor?: number;
  MaxFailureRatio?: number;
  Order?: 'stop-first' | 'start-first';
}

export interface RawPort {
  Name?: string;
  Protocol?: 'tcp' | 'udp' | 'sctp';
  TargetPort?: number;
  PublishedPort?: number;
  PublishMode?: 'ingress' | 'host';
}

export interface RawTaskSpec {
  ContainerSpec?: {
    Image?: string;
    Labels?: Record<string, string>;
    Command?: string[];
    Args?: string[];
    Env?: string[];
    Mounts?: RawMount[];
    Secrets?: RawFileRef[];
    Configs?: RawFileRef[];
    [k: string]: unknown;
  };
  Resources?: {
    Limits?: { NanoCPUs?: number; MemoryBytes?: number; [k: string]: unknown };
    Reservations?: { NanoCPUs?: number; MemoryBytes?: number; [k: string]: unknown };
  };
  RestartPolicy?: { Condition?: 'none' | 'on-failure' | 'any'; Delay?: number; MaxAttempts?: number; Window?: number };
  Placement?: { Constraints?: string[]; [k: string]: unknown };
  Networks?: { Target: string; Aliases?: string[] }[];
  ForceUpdate?: number;
  [k: string]: unknown;
}

export interface RawServiceSpec {
  Name?: string;
  Labels?: Record<string, string>;
  TaskTemplate?: RawTaskSpec;
  Mode?: {
    Replicated?: { Replicas?: number };
    Global?: Record<string, never>;
    ReplicatedJob?: { MaxConcurrent?: number; TotalCompletions?: number };
    GlobalJob?: Record<string, never>;
  };
  UpdateConfig?: RawRollout;
  RollbackConfig?: RawRollout;
  EndpointSpec?: { Mode?: 'vip' | 'dnsrr'; Ports?: RawPort[] };
  /** Deprecated place of the networks (they belong to TaskTemplate). */
  Networks?: { Target: string; Aliases?: string[] }[];
  [k: string]: unknown;
}

export interface RawService {
  ID: string;
  Version?: RawVersion;
  CreatedAt?: string;
  UpdatedAt?: string;
  Spec: RawServiceSpec;
  PreviousSpec?: RawServiceSpec;
  Endpoint?: { Ports?: RawPort[]; VirtualIPs?: { NetworkID: string; Addr: string }[] };
  UpdateStatus?: { State?: string; StartedAt?: string; CompletedAt?: string; Message?: string };
  ServiceStatus?: { RunningTasks?: number; DesiredTasks?: number; CompletedTasks?: number };
  JobStatus?: unknown;
}

export interface RawTask {
  ID: string;
  Version?: RawVersion;
  CreatedAt?: string;
  UpdatedAt?: string;
  Labels?: Record<string, string>;
  Spec?: RawTaskSpec;
  ServiceID?: string;
  Slot?: number;
  NodeID?: string;
  Status?: {
    Timestamp?: string;
    State?: string;
    Message?: string;
    Err?: string;
    ContainerStatus?: { ContainerID?: string; PID?: number; ExitCode?: number };
  };
  DesiredState?: string;
  NetworksAttachments?: { Network?: { ID?: string; Spec?: { Name?: string } } }[];
}

export interface RawNode {
  ID: string;
  Version?: RawVersion;
  CreatedAt?: string;
  UpdatedAt?: string;
  Spec?: { Name?: string; Labels?: Record<string, string>; Role?: 'worker' | 'manager'; Availability?: string };
  Description?: {
    Hostname?: string;
    Platform?: { Architecture?: string; OS?: string };
    Resources?: { NanoCPUs?: number; MemoryBytes?: number };
    Engine?: { EngineVersion?: string; Labels?: Record<string, string> };
  };
  Status?: { State?: string; Message?: string; Addr?: string };
  ManagerStatus?: { Leader?: boolean; Reachability?: string; Addr?: string };
}

export interface RawSwarmData {
  ID: string;
  Version?: RawVersion;
  CreatedAt?: string;
  UpdatedAt?: string;
  Spec?: { Name?: string; Labels?: Record<string, string>; Data?: string };
}

export interface RawInfoSwarm {
  NodeID?: string;
  NodeAddr?: string;
  LocalNodeState?: string;
  ControlAvailable?: boolean;
  Error?: string;
  RemoteManagers?: { NodeID: string; Addr: string }[] | null;
  Nodes?: number;
  Managers?: number;
  Cluster?: { ID?: string; CreatedAt?: string };
}

export interface RawNetwork {
  Id: string;
  Name: string;
  Scope?: string;
  Driver?: string;
  Labels?: Record<string, string> | null;
}

/** The label `docker stack deploy` puts on everything a stack makes. */
export const STACK_LABEL = 'com.docker.stack.namespace';
