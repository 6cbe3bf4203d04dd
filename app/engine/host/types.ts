// The one interface every engine host implements (native, rootless, external), and the events it emits.
import type { EngineAddress } from '../docker/client';
import type { BulkStatsSource } from '../docker/stats-dump';

export type EngineState = 'stopped' | 'starting' | 'running' | 'stopping' | 'error';

export type EngineHostKind = 'native' | 'rootless' | 'external' | 'lima' | 'wsl' | 'linux-vm';

/** What went wrong, for the UI: the step that failed, the engine's last log lines and what to do. */
export interface EngineFailure {
  /** The step that failed, e.g. "Starting dockerd" or "Waiting for the engine API". */
  step: string;
  /** A plain sentence: what failed and why. */
  message: string;
  /** What the user can do about it. */
  fix: string;
  /** The last ~20 lines of the engine's log (empty for external engines). */
  logTail: string[];
}

export interface EngineStatus {
  state: EngineState;
  /** The latest human progress line ("Starting dockerd", "Waiting for the engine API", …). */
  progress: string;
  /** Set only in the `error` state. */
  failure?: EngineFailure;
  /** Process id of the engine Berth supervises (native hosts only, while it runs). */
  pid?: number;
  /** How many times the supervisor restarted the engine since the last manual start. */
  restarts: number;
  /** Set while `starting` when an external engine is not there yet and the host waits for it. */
  waiting?: boolean;
}

/**
 * What a host reports about the engine it runs (state transitions, progress lines, supervisor
 * restarts, notices). Not the engine's own object events: those are the contract's EngineEvent.
 */
export type EngineHostEvent =
  | { type: 'state'; from: EngineState; to: EngineState; progress: string; at: number; failure?: EngineFailure }
  | { type: 'progress'; state: EngineState; progress: string; at: number }
  | { type: 'restarted'; reason: 'crash' | 'hang'; attempt: number; message: string; at: number }
  | { type: 'notice'; message: string; at: number };

export type EngineListener = (event: EngineHostEvent) => void;

export interface EngineHost {
  /** Stable id, e.g. "native", "rootless", "external:unix:///var/run/docker.sock". */
  readonly id: string;
  readonly kind: EngineHostKind;
  /** A short name for the UI, e.g. "Berth engine (dockerd)" or "Docker context \"remote\"". */
  readonly label: string;
  /** Where to connect with connectEngine(); meaningful when the state is `running`. */
  readonly address: EngineAddress;
  /** The engine's data folder on this machine, for hosts whose engine Berth runs here (diagnostics check its disk). */
  readonly dataRoot?: string;
  status(): EngineStatus;
  /**
   * Starts (native) or connects to (external) the engine. Resolves with `running`, with `stopped`
   * when a stop() aborted the start, or with `starting` when an external engine is not there yet and
   * the host waits for it; rejects with a BerthError when the host ends in `error`.
   */
  start(): Promise<EngineState>;
  /** Stops the engine Berth runs (native) or just disconnects (external). Never rejects for an already stopped host. */
  stop(): Promise<void>;
  /** Subscribes to state, progress and restart events; returns the unsubscribe function. */
  subscribe(listener: EngineListener): () => void;
  /** The file the engine's log is written to, for hosts that keep one (the diagnostics bundle takes its end). */
  readonly logFile?: string;
  /** The last lines of the engine's log (native hosts), for the UI's log view. */
  logTail(lines?: number): string[];
  /** Each new line of the engine's log as it is written (hosts that keep one); returns the unsubscribe function. */
  onLogLine?(listener: (line: string) => void): () => void;
  /**
   * Whether the host should check the engine's liveness itself (pinging it). Whoever holds a live
   * event stream turns this off while the stream flows (a dropped stream says as much, sooner)
   * and on again when it drops. Hosts that do not ping ignore it.
   */
  setLivenessProbe?(on: boolean): void;
  /**
   * Hosts whose containers' cgroup files Berth cannot read itself (its VMs) but can have read in one
   * request for all containers: the source, while the host runs and can answer; else undefined.
   */
  containerStats?(): BulkStatsSource | undefined;
}
