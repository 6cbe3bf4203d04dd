// Binds an EngineHost (native, rootless or external) to what the handlers need: a connected
// client while the engine runs, its status in the contract's words, and one shared event stream.
import { connectEngine, dialJson, type EngineAddress, type EngineClient } from '../engine/docker/client';
import { EventHub } from '../engine/docker/events-hub';
import type { EngineHost, EngineStatus as HostStatus } from '../engine/host/types';
import type { EngineEvent, EngineStatus } from '../shared/contract';
import { BerthError } from '../shared/errors';
import type { EngineAccess } from './api/context';
import { IdleGate } from './idle-gate';
import { isVmHost, type VmHost } from '../engine/host/vm/vm-controls';

export function addressText(a: EngineAddress): string {
  switch (a.kind) {
    case 'unix':
      return `unix://${a.socketPath}`;
    case 'tcp':
      return `tcp://${a.host}:${a.port}`;
    case 'ssh':
      return `ssh://${a.username ? `${a.username}@` : ''}${a.host}${a.port ? `:${a.port}` : ''}`;
  }
}

export function toStatusDto(host: EngineHost, s: HostStatus, restartedAt?: number): EngineStatus {
  return {
    state: s.state,
    progress: s.progress,
    kind: host.kind,
    address: addressText(host.address),
    managed: host.kind !== 'external',
    ...(s.failure
      ? { error: { step: s.failure.step, message: s.failure.message, logTail: s.failure.logTail, fix: s.failure.fix } }
      : {}),
    ...(restartedAt ? { restartedAfterCrash: restartedAt } : {}),
  };
}

/** Where the active host comes from: a fixed one (`--engine-socket`) or Berth's engine selection. */
export interface HostSource {
  current(): EngineHost | undefined;
  onChange(listener: (host: EngineHost | undefined) => void): () => void;
  /** Why there is no host, when there is none. */
  none(): { message: string; fix: string } | undefined;
}

export function fixedHost(host: EngineHost): HostSource {
  return { current: () => host, onChange: () => () => {}, none: () => undefined };
}

const noHost = new BerthError({
  kind: 'unavailable',
  message: 'No container engine is set up. Open the Engine page to choose or install one.',
});

export class HostedEngine implements EngineAccess {
  private connecting: Promise<EngineClient> | undefined;
  private hub: EventHub | undefined;
  private eventListeners = new Set<(e: EngineEvent) => void>();
  private statusListeners = new Set<(s: EngineStatus) => void>();
  private restartedAt: number | undefined;
  private unsubscribeHost: () => void = () => {};
  private unsubscribeSource: () => void;
  private host: EngineHost | undefined;
  /** The idle saver of Berth's VM hosts; every engine request passes it. */
  readonly idle: IdleGate;

  constructor(
    private readonly source: HostSource,
    opts: { minuteMs?: number } = {},
  ) {
    this.idle = new IdleGate(
      async () => {
        if (!this.host) return 0;
        const client = await (this.connecting ?? connectEngine(this.host.address));
        const info = await dialJson<{ ContainersRunning?: number }>(client, { path: '/info' });
        return info.ContainersRunning ?? 1;
      },
      opts.minuteMs,
      () => this.emitStatus(),
    );
    this.bind(source.current());
    this.unsubscribeSource = source.onChange((h) => this.bind(h));
  }

  private bind(host: EngineHost | undefined): void {
    if (host === this.host && host) return;
    this.unsubscribeHost();
    this.dropClient();
    this.host = host;
    this.idle.bind(host);
    this.unsubscribeHost = host
      ? host.subscribe((e) => {
          if (e.type === 'restarted') this.restartedAt = e.at;
          if (e.type === 'state' && e.to !== 'running') this.dropClient();
          this.emitStatus();
          if (e.type === 'state' && e.to === 'running' && this.eventListeners.size) void this.ensureHub();
        })
      : () => {};
    this.emitStatus();
    if (this.eventListeners.size) void this.ensureHub();
  }

  private emitStatus(): void {
    const dto = this.status();
    for (const l of this.statusListeners) l(dto);
  }

  status(): EngineStatus {
    if (!this.host) {
      const why = this.source.none();
      return {
        state: 'none',
        progress: why ? '' : 'Choosing an engine',
        kind: 'none',
        managed: false,
        ...(why ? { error: { step: 'Choosing an engine', message: why.message, fix: why.fix, logTail: [] } } : {}),
      };
    }
    const dto = toStatusDto(this.host, this.host.status(), this.restartedAt);
    return this.idle.sleeping && dto.state === 'stopped'
      ? { ...dto, sleeping: true, progress: 'Resting while idle: it starts again on the next request' }
      : dto;
  }

  vmHost(): VmHost | undefined {
    return isVmHost(this.host) ? this.host : undefined;
  }

  onStatus(listener: (s: EngineStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  async client(): Promise<EngineClient> {
    const host = this.host;
    if (!host) throw noHost;
    await this.idle.pass();
    const s = host.status();
    if (s.state !== 'running') {
      throw new BerthError({
        kind: 'unavailable',
        message: s.waiting
          ? `The engine is not there yet. ${s.progress}`
          : s.state === 'starting'
            ? `The engine is still starting (${s.progress || 'one moment'}). Try again when it runs.`
            : s.state === 'error'
              ? (s.failure?.message ?? 'The engine failed.') + ' See the Engine page.'
              : `The engine is ${s.state}. Start it from the Engine page.`,
      });
    }
    this.connecting ??= connectEngine(host.address).catch((err: unknown) => {
      this.connecting = undefined;
      throw err;
    });
    return this.connecting;
  }

  onEvent(listener: (e: EngineEvent) => void): () => void {
    this.eventListeners.add(listener);
    void this.ensureHub();
    return () => {
      this.eventListeners.delete(listener);
      if (!this.eventListeners.size) {
        this.hub?.close();
        this.hub = undefined;
      }
    };
  }

  async start(): Promise<EngineStatus> {
    if (!this.host) throw noHost;
    this.idle.reset();
    this.restartedAt = undefined;
    await this.host.start().catch(() => undefined); // the failure is in the status
    return this.status();
  }

  async stop(): Promise<EngineStatus> {
    if (!this.host) throw noHost;
    this.idle.reset();
    await this.host.stop();
    return this.status();
  }

  async restart(): Promise<EngineStatus> {
    if (!this.host) throw noHost;
    await this.host.stop();
    return this.start();
  }

  async close(): Promise<void> {
    this.idle.close();
    this.dropClient();
    this.unsubscribeHost();
    this.unsubscribeSource();
  }

  private async ensureHub(): Promise<void> {
    if (this.hub || this.host?.status().state !== 'running') return;
    try {
      const client = await this.client();
      if (this.hub || !this.eventListeners.size) return;
      const hub = new EventHub(client);
      this.hub = hub;
      const host = this.host;
      // While events flow, they tell whether the engine is alive: no liveness polling meanwhile.
      hub.onState((state) => host?.setLivenessProbe?.(state !== 'connected'));
      hub.subscribe((e) => {
        for (const l of this.eventListeners) l(e);
      });
    } catch {
      /* not running: ensureHub runs again when the engine comes up */
    }
  }

  private dropClient(): void {
    if (this.hub) this.host?.setLivenessProbe?.(true);
    this.hub?.close();
    this.hub = undefined;
    this.connecting = undefined;
  }
}
