// One connected client per run of the active host: made on first use, dropped when the engine stops
// running or another host takes over, so the next use connects again.
import { connectEngine, type EngineClient } from '../../engine/docker/client';
import type { EngineHost } from '../../engine/host/types';
import { noHostError, notRunningError } from './status';

export class ClientHolder {
  private host: EngineHost | undefined;
  private connecting: Promise<EngineClient> | undefined;

  /** Follows the active host; the client of the one before is dropped. */
  bind(host: EngineHost | undefined): void {
    this.host = host;
    this.drop();
  }

  /** The client while the host runs; otherwise a BerthError of kind 'unavailable' that says why. */
  get(): Promise<EngineClient> {
    const host = this.host;
    if (!host) return Promise.reject(noHostError);
    const s = host.status();
    if (s.state !== 'running') return Promise.reject(notRunningError(s));
    this.connecting ??= connectEngine(host.address).catch((err: unknown) => {
      this.connecting = undefined;
      throw err;
    });
    return this.connecting;
  }

  drop(): void {
    this.connecting = undefined;
  }
}
