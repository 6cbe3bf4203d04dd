// Plain-JSON shapes that cross the contract. Handlers map engine results onto these.
import type { ErrorInfo } from '../errors';

export type ContainerState = 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead';

export interface PortMapping {
  containerPort: number;
  hostPort?: number;
  hostIp?: string;
  protocol: 'tcp' | 'udp' | 'sctp';
}

export interface ComposeLabels {
  project: string;
  service: string;
  number?: number;
  oneoff?: boolean;
  workingDir?: string;
  configFiles?: string[];
}

export interface ContainerSummary {
  id: string;
  name: string;
  image: string;
  imageId: string;
  command: string;
  /** Unix seconds. */
  created: number;
  state: ContainerState;
  /** The engine's status line, e.g. "Up 3 minutes" or "Exited (1) 2 hours ago". */
  status: string;
  ports: PortMapping[];
  labels: Record<string, string>;
  compose?: ComposeLabels;
  networks: string[];
  mounts: { type: string; source?: string; destination: string; name?: string; readOnly?: boolean }[];
  /** From the image's HEALTHCHECK, when it has one. */
  health?: 'starting' | 'healthy' | 'unhealthy';
  /**
   * When it last started, ms since the epoch: exact when read by inspect, estimated from the engine's
   * status line (to that line's precision: 1 s for the first minute) when read by a list.
   */
  startedAt?: number;
  /** When it last exited, ms since the epoch (exact or estimated, as startedAt). */
  finishedAt?: number;
  /** Its last exit code (exited or restarting). */
  exitCode?: number;
  /** How often the engine restarted it by its restart policy (known once it was inspected). */
  restartCount?: number;
  /** The kernel killed it for want of memory (known once it was inspected). */
  oomKilled?: boolean;
  /** Why the engine could not start or run it, in the engine's words. */
  error?: string;
}

export interface StatsSample {
  id: string;
  /** Milliseconds since the epoch. */
  ts: number;
  cpuPercent: number;
  memUsage: number;
  memLimit: number;
  netRx: number;
  netTx: number;
  blkRead: number;
  blkWrite: number;
  pids: number;
}

export interface LogLine {
  stream: 'stdout' | 'stderr';
  text: string;
  /** RFC 3339 timestamp from the engine, when asked for. */
  ts?: string;
}

export interface EngineEvent {
  type: string;
  action: string;
  id: string;
  name?: string;
  attributes: Record<string, string>;
  /** Unix nanoseconds as a number of milliseconds (precision beyond ms dropped). */
  time: number;
}

export type EngineHostState = 'none' | 'stopped' | 'starting' | 'running' | 'stopping' | 'error';

export interface EngineStatus {
  state: EngineHostState;
  /** What is happening now, for the status line ("Waiting for the engine API"). */
  progress: string;
  /** How the engine is hosted. */
  kind: 'native' | 'rootless' | 'external' | 'lima' | 'wsl' | 'linux-vm' | 'none';
  /** The engine's address, e.g. unix:///home/me/.local/share/berth/docker.sock. */
  address?: string;
  /** Whether Berth may start and stop it. */
  managed: boolean;
  error?: { step: string; message: string; logTail: string[]; fix: string };
  /** Set after the supervisor restarted a crashed engine. */
  restartedAfterCrash?: number;
  /** Berth's VM stopped itself while idle (no running containers); the next request starts it again. */
  sleeping?: boolean;
}

export interface EngineInfo {
  /** Engine version, e.g. "20.10.24". */
  version: string;
  /** API version Berth speaks to it. */
  apiVersion: string;
  os: string;
  kernel: string;
  architecture: string;
  cpus: number;
  /** Bytes. */
  memory: number;
  dataRoot: string;
  storageDriver: string;
  cgroupVersion: string;
  containers: { total: number; running: number; paused: number; stopped: number };
  /** Images as the Images page and `docker images` list them. */
  images: number;
  /** Intermediate images of classic builds, which `docker info` adds to its count and `docker images` hides. */
  intermediateImages: number;
  /** The registry mirrors the engine uses (daemon.json "registry-mirrors"), as /info reports them. */
  registryMirrors?: string[];
  /** The default log driver of new containers. */
  loggingDriver?: string;
  /** Whether running containers keep running while the engine restarts. */
  liveRestore?: boolean;
}

export interface ImageSummary {
  id: string;
  /** repo:tag references; empty for a dangling image. */
  tags: string[];
  digests: string[];
  size: number;
  created: number;
  inUse: boolean;
  dangling: boolean;
  /** Names of the containers using it. */
  containers: string[];
}

export interface VolumeSummary {
  name: string;
  driver: string;
  mountpoint: string;
  created?: string;
  labels: Record<string, string>;
  inUse: boolean;
  containers: string[];
}

export interface NetworkSummary {
  id: string;
  name: string;
  driver: string;
  scope: string;
  subnets: string[];
  internal: boolean;
  /** Overlay networks standalone containers may join. */
  attachable?: boolean;
  builtIn: boolean;
  containers: string[];
}

export interface ProcessList {
  titles: string[];
  processes: string[][];
}

export interface FileEntry {
  name: string;
  type: 'file' | 'dir' | 'symlink' | 'other';
  size: number;
  /** Permission bits (e.g. 0o755). */
  mode: number;
  /** Unix seconds. */
  mtime: number;
  linkTarget?: string;
}

/** `interrupted`: Berth stopped or quit while the task ran (shown after the next start, from the task journal). */
export type TaskState = 'running' | 'done' | 'failed' | 'cancelled' | 'interrupted';

export interface TaskProgress {
  text?: string;
  current?: number;
  total?: number;
  /** Per-layer progress for pulls and pushes. */
  layers?: { id: string; status: string; current?: number; total?: number }[];
  /** Last lines of output (builds, a run's output). */
  log?: string[];
}

export interface TaskInfo {
  id: string;
  /** 'run': a container run whose output is kept ("remove when it exits"); its result is `RunTaskResult`. */
  kind: 'pull' | 'push' | 'build' | 'prune' | 'compose' | 'stack' | 'load' | 'save' | 'run' | 'volume';
  title: string;
  state: TaskState;
  progress: TaskProgress;
  error?: ErrorInfo;
  result?: unknown;
  started: number;
  ended?: number;
}

/** The result of a 'run' task: how the container's process ended. */
export interface RunTaskResult {
  id: string;
  exitCode: number;
  /** True when the container was removed after it exited ("remove when it exits"). */
  removed: boolean;
}

export interface ExecOutput {
  /** Base64 of raw terminal bytes. */
  data: string;
}

export interface ExecEnd {
  exitCode: number | null;
}
