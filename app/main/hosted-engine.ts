// Binds the active EngineHost (native, rootless, external or a VM) to what the handlers need. Each
// concern is one piece: the host binding here (which host, its status in the contract's words), the
// client (hosted/client-holder), the shared event stream and the liveness it implies
// (hosted/events-relay, hosted/liveness), and the VM idle saver every request passes (idle-gate).
// Every change lands in changed(), the one place that tells status listeners and the events relay.
import { engineApi, type EngineApi } from '../engine/docker';
import { dialJson, type EngineClient } from '../engine/docker/client';
import type { EngineHostEvent, EngineHost } from '../engine/host/types';
import { isVmHost, type VmHost } from '../engine/host/vm/vm-controls';
import type { EngineEvent, EngineStatus } from '../shared/contract';
import { DisposableStore, Emitter, MutableDisposable, type Subscription } from '../shared/emitter';
import type { EngineAccess } from './api/context';
import { ClientHolder } from './hosted/client-holder';
import { EventsRelay } from './hosted/events-relay';
import { noHostError, noHostStatus, sleepingStatus, toStatusDto } from './hosted/status';
import { IdleGate } from './idle-gate';

export { addressText, toStatusDto } from './hosted/status';

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

export class HostedEngine implements EngineAccess {
  private host: EngineHost | undefined;
  private restartedAt: number | undefined;
  private readonly clients = new ClientHolder();
  private readonly relay = new EventsRelay({ host: () => this.host, client: () => this.client() });
  private readonly statuses = new Emitter<EngineStatus>({ name: 'the engine status' });
  private readonly hostEvents = new MutableDisposable();
  private readonly lifetime = new DisposableStore();
  /** The idle saver of Berth's VM hosts; every engine request passes it. */
  readonly idle: IdleGate;

  constructor(
    private readonly source: HostSource,
    opts: { minuteMs?: number } = {},
  ) {
    this.idle = new IdleGate(
      async () => {
        const info = await dialJson<{ ContainersRunning?: number }>(await this.clients.get(), { path: '/info' });
        return info.ContainersRunning ?? 1;
      },
      opts.minuteMs,
      () => this.changed(),
    );
    this.bind(source.current());
    this.lifetime.add(source.onChange((h) => this.bind(h)));
    this.lifetime.add(this.hostEvents);
    this.lifetime.add(this.relay);
    this.lifetime.add(this.statuses);
  }

  status(): EngineStatus {
    if (!this.host) return noHostStatus(this.source.none());
    const dto = toStatusDto(this.host, this.host.status(), this.restartedAt);
    return this.idle.sleeping && dto.state === 'stopped' ? sleepingStatus(dto) : dto;
  }

  vmHost(): VmHost | undefined {
    return isVmHost(this.host) ? this.host : undefined;
  }

  onStatus(listener: (s: EngineStatus) => void): Subscription {
    return this.statuses.on(listener);
  }

  onEvent(listener: (e: EngineEvent) => void): Subscription {
    return this.relay.on(listener);
  }

  async api(): Promise<EngineApi> {
    return engineApi(await this.client());
  }

  async client(): Promise<EngineClient> {
    if (!this.host) throw noHostError;
    await this.idle.pass();
    return this.clients.get();
  }

  async start(): Promise<EngineStatus> {
    if (!this.host) throw noHostError;
    this.idle.reset();
    this.restartedAt = undefined;
    await this.host.start().catch(() => undefined); // the failure is in the status
    return this.status();
  }

  async stop(): Promise<EngineStatus> {
    if (!this.host) throw noHostError;
    this.idle.reset();
    await this.host.stop();
    return this.status();
  }

  async restart(): Promise<EngineStatus> {
    if (!this.host) throw noHostError;
    await this.host.stop();
    return this.start();
  }

  async close(): Promise<void> {
    this.idle.close();
    this.clients.drop();
    this.lifetime.dispose();
  }

  private bind(host: EngineHost | undefined): void {
    if (host === this.host && host) return;
    this.host = host;
    this.clients.bind(host);
    this.idle.bind(host);
    this.hostEvents.set(host?.subscribe((e) => this.onHostEvent(e)));
    this.changed();
  }

  private onHostEvent(e: EngineHostEvent): void {
    if (e.type === 'restarted') this.restartedAt = e.at;
    if (e.type === 'state' && e.to !== 'running') this.clients.drop();
    this.changed();
  }

  /** Status listeners hear the new status; the events relay opens or closes its stream to match. */
  private changed(): void {
    this.statuses.emit(this.status());
    this.relay.reconcile();
  }
}
