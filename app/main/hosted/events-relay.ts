// Engine events for everyone in Berth who listens: one EventHub on the active engine while anyone
// listens and the engine runs, none otherwise. reconcile() is its one entry point, called whenever
// listeners come or go, or the host or its state changes; it opens or closes the hub to match.
import type { EngineClient } from '../../engine/docker/client';
import { EventHub } from '../../engine/docker/events-hub';
import type { EngineHost } from '../../engine/host/types';
import type { EngineEvent } from '../../shared/contract';
import { DisposableStore, Emitter, type Disposable, type Subscription } from '../../shared/emitter';
import { restProbeWhileEventsFlow } from './liveness';

export interface EventsRelayDeps {
  /** The active host. */
  host(): EngineHost | undefined;
  /** A client of the active host (rejects while it does not run). */
  client(): Promise<EngineClient>;
}

export class EventsRelay implements Disposable {
  private readonly events = new Emitter<EngineEvent>({
    name: 'engine events',
    onFirstListener: () => this.reconcile(),
    onLastListener: () => this.reconcile(),
  });
  /** The open hub, its host, and what goes with it (liveness); undefined while no hub is wanted. */
  private open: { host: EngineHost; hub: EventHub; parts: DisposableStore } | undefined;
  private opening: EngineHost | undefined;

  constructor(private readonly deps: EventsRelayDeps) {}

  get listeners(): number {
    return this.events.size;
  }

  /** Whether a hub is open now (tests, diagnostics). */
  get flowing(): boolean {
    return this.open !== undefined;
  }

  on(listener: (e: EngineEvent) => void): Subscription {
    return this.events.on(listener);
  }

  /** Opens the hub when it is wanted and absent; closes it when it is no longer wanted. */
  reconcile(): void {
    const host = this.deps.host();
    if (this.open && !this.wanted(this.open.host)) this.closeHub();
    if (!this.open && host && this.opening !== host && this.wanted(host)) void this.openHub(host);
  }

  /** Drops every listener and the stream. */
  dispose(): void {
    this.events.dispose();
    this.closeHub();
  }

  private wanted(host: EngineHost): boolean {
    return this.events.size > 0 && this.deps.host() === host && host.status().state === 'running';
  }

  private async openHub(host: EngineHost): Promise<void> {
    this.opening = host;
    let client: EngineClient;
    try {
      client = await this.deps.client();
    } catch {
      return; // not running after all: reconcile() runs again when it does
    } finally {
      if (this.opening === host) this.opening = undefined;
    }
    if (this.open || !this.wanted(host)) return;
    const hub = new EventHub(client);
    const parts = new DisposableStore();
    parts.add(restProbeWhileEventsFlow(hub, host));
    parts.add(hub.subscribe((e) => this.events.emit(e)));
    parts.add(() => hub.close());
    this.open = { host, hub, parts };
  }

  private closeHub(): void {
    const open = this.open;
    this.open = undefined;
    open?.parts.dispose();
  }
}
