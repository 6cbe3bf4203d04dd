// What the handlers need from the rest of main: the active engine, the event stream, the task centre
// and the settings.
import type { EngineApi, EngineClient } from '../../engine/docker';
import type { EngineSelection, VmHost } from '../../engine/host';
import type { IdleGate } from '../idle-gate';
import type { SettingsStore } from '../settings/store';
import type { EngineEvent, EngineStatus } from '../../shared/contract';
import type { PickOptions } from '../../shared/contract/areas/host';
import type { TaskManager } from './tasks';

export interface EngineAccess {
  /** The connected client; throws a BerthError of kind 'unavailable' with a sentence when there is none. */
  client(): Promise<EngineClient>;
  /** The engine facade bound to that client: every function answers in the contract's types. */
  api(): Promise<EngineApi>;
  status(): EngineStatus;
  onStatus(listener: (s: EngineStatus) => void): () => void;
  /** Engine events, one shared stream fanned out to every listener. */
  onEvent(listener: (e: EngineEvent) => void): () => void;
  start(): Promise<EngineStatus>;
  stop(): Promise<EngineStatus>;
  restart(): Promise<EngineStatus>;
  close(): Promise<void>;
  /** The active host when it is one of Berth's VMs. */
  vmHost(): VmHost | undefined;
  /** The VM idle saver that engine requests pass. */
  readonly idle: IdleGate;
}

/** Native dialogs of the desktop shell (absent in `berth serve`). */
export interface HostDialogs {
  pick(opts: PickOptions): Promise<string | undefined>;
}

export interface ApiContext {
  engine: EngineAccess;
  tasks: TaskManager;
  /** Berth's settings, one store in the process; the desktop shell hears its changes. */
  settings: SettingsStore;
  /** Berth's engine selection (detect, switch, persist); absent when a fixed engine was given (`--engine-socket`). */
  selection?: EngineSelection;
  dialogs?: HostDialogs;
  /** Berth's own log lines of this session (for the diagnostics bundle); absent in tests that need none. */
  berthLog?: { lines(): string[] };
}

/** Per call: the abort signal fires when the caller unsubscribes or disconnects. */
export interface CallContext {
  signal: AbortSignal;
}
