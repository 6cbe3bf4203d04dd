// Small fakes for the shell's tests: containers, an engine, a backend whose handlers record calls.
// (Electron's binary is absent here; Electron objects are faked in the tests that need them.)
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ContainerSummary, EngineEvent, EngineStatus, TaskInfo } from '../../../shared/contract';
import { Emitter } from '../../../shared/emitter';
import type { ApiContext } from '../../api/context';
import type { RequestHandlers, SubscriptionHandlers } from '../../api/types';
import { IdleGate } from '../../idle-gate';
import { SettingsStore } from '../../settings/store';

export function container(over: Partial<ContainerSummary> & { id: string }): ContainerSummary {
  return {
    name: over.id,
    image: 'busybox:latest',
    imageId: 'sha256:0',
    command: 'sh',
    created: 1_700_000_000,
    state: 'running',
    status: 'Up 1 minute',
    ports: [],
    labels: {},
    networks: [],
    mounts: [],
    ...over,
  };
}

export function engineStatus(over: Partial<EngineStatus> = {}): EngineStatus {
  return { state: 'running', progress: '', kind: 'native', managed: true, ...over };
}

export interface FakeBackend {
  api: ApiContext;
  handlers: RequestHandlers;
  streams: SubscriptionHandlers;
  calls: { method: string; args: unknown }[];
  containers: ContainerSummary[];
  setStatus(s: EngineStatus): void;
  emitEvent(e: Partial<EngineEvent> & { action: string; id: string }): void;
  emitTask(t: TaskInfo): void;
  /** Makes the next calls of `method` fail with this error. */
  failWith(method: string, error: Error): void;
  closed: boolean;
  /** What the last close() was asked. */
  closedWith?: { stopEngine?: boolean };
  close(opts?: { stopEngine?: boolean }): Promise<void>;
}

export function fakeBackend(initial: EngineStatus = engineStatus()): FakeBackend {
  let status = initial;
  const statuses = new Emitter<EngineStatus>();
  const events = new Emitter<EngineEvent>();
  const taskChanges = new Emitter<TaskInfo>();
  const failures = new Map<string, Error>();
  const fb = {
    calls: [] as { method: string; args: unknown }[],
    containers: [] as ContainerSummary[],
    closed: false,
  } as FakeBackend;
  const record = (method: string) => async (args: unknown) => {
    fb.calls.push({ method, args });
    const failure = failures.get(method);
    if (failure) throw failure;
    if (method === 'containers.list') return structuredClone(fb.containers);
    if (method.startsWith('engine.')) return status;
    return undefined;
  };
  fb.handlers = new Proxy({} as RequestHandlers, { get: (_t, method: string) => record(method) });
  fb.streams = {} as SubscriptionHandlers;
  fb.api = {
    engine: {
      client: () => Promise.reject(new Error('no engine in unit tests')),
      api: () => Promise.reject(new Error('no engine in unit tests')),
      status: () => status,
      onStatus: (l) => statuses.on(l),
      onEvent: (l) => events.on(l),
      start: async () => status,
      stop: async () => status,
      restart: async () => status,
      close: async () => undefined,
      vmHost: () => undefined,
      idle: new IdleGate(async () => 0),
    },
    tasks: {
      onChange: (l: (t: TaskInfo) => void) => taskChanges.on(l),
      cancelAll: () => undefined,
      list: () => [],
    } as unknown as ApiContext['tasks'],
    // Nothing is written unless a test updates it; reads give the defaults.
    settings: new SettingsStore(
      join(tmpdir(), `berth-fake-settings-${process.pid}-${Math.random().toString(36).slice(2)}`),
    ),
  };
  fb.setStatus = (s) => {
    status = s;
    statuses.emit(s);
  };
  fb.emitEvent = (e) => events.emit({ type: 'container', attributes: {}, time: Date.now(), ...e });
  fb.emitTask = (t) => taskChanges.emit(t);
  fb.failWith = (method, error) => failures.set(method, error);
  fb.close = async (opts) => {
    fb.closed = true;
    fb.closedWith = opts ?? {};
  };
  return fb;
}
