// An engine that already runs elsewhere (a socket, DOCKER_HOST, a docker context, podman…):
// Berth only connects to it and watches it; it never starts or stops it. One that is not there yet
// (or goes away) is waited for, and connected to as soon as it answers.
import type { EngineAddress } from '../docker/client';
import { listCandidates, type CandidateInputs, type CandidateSource } from './engine-candidates';
import { waitForEngine, type EngineWaiter } from './engine-waiter';
import { probeEngine, type ProbeResult } from './probe';
import { EngineStateMachine } from './state-machine';
import type { EngineHost, EngineListener, EngineState, EngineStatus } from './types';

export interface EngineCandidate {
  source: CandidateSource;
  label: string;
  url: string;
  reachable: boolean;
  /** Why it is (not) reachable, naming the socket, host or setting that failed. */
  reason: string;
  apiVersion?: string;
  address?: EngineAddress;
}

/** Every candidate in detection order, each probed (in parallel) with a short /_ping timeout. */
export async function detectExternalEngines(
  inputs: CandidateInputs & { timeoutMs?: number } = {},
): Promise<EngineCandidate[]> {
  const specs = listCandidates(inputs);
  return Promise.all(
    specs.map(async (spec) => ({ ...spec, ...(await probeEngine(spec.url, inputs.timeoutMs ?? 1500)) })),
  );
}

export class ExternalHost implements EngineHost {
  readonly kind = 'external' as const;
  readonly id: string;
  readonly address: EngineAddress;
  private readonly machine = new EngineStateMachine();
  private watcher: NodeJS.Timeout | undefined;
  private waiter: EngineWaiter | undefined;
  private probeWanted = true;
  private probing = false;

  /**
   * `watchIntervalMs`: how often a connected engine is pinged (0: never). When it stops answering the
   * host goes to `error` with the reason, and back to `running` by itself once it answers again.
   */
  constructor(
    readonly url: string,
    address: EngineAddress,
    readonly label: string = `Engine at ${url}`,
    private readonly timeoutMs = 1500,
    private readonly watchIntervalMs = 5000,
  ) {
    this.id = `external:${url}`;
    this.address = address;
  }

  /** An ExternalHost for a detected candidate (its address must have parsed). */
  static fromCandidate(c: EngineCandidate, timeoutMs?: number, watchIntervalMs?: number): ExternalHost | undefined {
    return c.address ? new ExternalHost(c.url, c.address, c.label, timeoutMs, watchIntervalMs) : undefined;
  }

  status(): EngineStatus {
    const s = this.machine.status();
    return this.waiter && s.state === 'starting' ? { ...s, waiting: true } : s;
  }

  subscribe(listener: EngineListener): () => void {
    return this.machine.subscribe(listener);
  }

  logTail(): string[] {
    return [];
  }

  /**
   * Connects: probes /_ping. An engine that is not there yet (no socket, nothing listening) leaves the
   * host `starting`, waiting for it, and resolves `starting`; any other failure ends in `error`.
   */
  async start(): Promise<EngineState> {
    if (this.machine.state === 'running') return 'running';
    if (this.waiter && this.machine.state === 'starting') return 'starting';
    this.waiter?.cancel();
    this.waiter = undefined;
    this.machine.transition('starting', `Connecting to ${this.label}`);
    const r = await probeEngine(this.url, this.timeoutMs);
    if ((this.machine.state as EngineState) !== 'starting') return this.machine.state; // stopped meanwhile
    if (r.reachable) {
      this.connected(`Connected to ${this.label}`, r);
      return 'running';
    }
    if (r.absent) {
      this.machine.progress(this.waitingText(r));
      this.waitForIt();
      return 'starting';
    }
    throw this.machine.fail({
      step: `Connecting to ${this.label}`,
      message: `Could not connect to the engine at ${this.url}: ${r.reason}.`,
      fix: 'Berth does not start external engines: start it yourself, fix the address, or choose another engine.',
      logTail: [],
    });
  }

  private waitingText(r: ProbeResult): string {
    return `Waiting for the engine at ${this.url} (${r.reason}); Berth connects as soon as it answers.`;
  }

  private connected(progress: string, r: ProbeResult): void {
    this.machine.transition('running', `${progress}${r.apiVersion ? ` (API ${r.apiVersion})` : ''}`);
    this.watch();
  }

  /** Probes until the engine answers (a short capped backoff, and the socket's folder watched), then connects. */
  private waitForIt(): void {
    this.waiter?.cancel();
    this.waiter = waitForEngine({
      address: this.address,
      probe: () => probeEngine(this.url, this.timeoutMs),
      onMiss: (r) => {
        if (this.machine.state === 'starting') this.machine.progress(this.waitingText(r));
      },
      onReady: (r) => {
        this.waiter = undefined;
        const state = this.machine.state;
        if (state === 'starting') this.connected(`Connected to ${this.label}`, r);
        else if (state === 'error') {
          this.machine.transition('starting', `Reconnecting to ${this.label}`);
          this.machine.transition('running', `Reconnected to ${this.label}`);
          this.watch();
        }
      },
    });
  }

  setLivenessProbe(on: boolean): void {
    this.probeWanted = on;
    if (!on) {
      if (this.watcher) clearInterval(this.watcher);
      this.watcher = undefined;
    } else if (this.machine.state === 'running') {
      this.watch();
      void this.recheck(); // the event stream dropped: look now, not an interval from now
    }
  }

  private watch(): void {
    if (this.watcher || this.watchIntervalMs <= 0 || !this.probeWanted) return;
    this.watcher = setInterval(() => void this.recheck(), this.watchIntervalMs);
    this.watcher.unref();
  }

  private async recheck(): Promise<void> {
    if (this.probing) return;
    this.probing = true;
    try {
      const r = await probeEngine(this.url, this.timeoutMs);
      if (this.machine.state === 'running' && !r.reachable) {
        if (this.watcher) clearInterval(this.watcher);
        this.watcher = undefined;
        this.machine.fail({
          step: `Watching ${this.label}`,
          message: `The engine at ${this.url} stopped answering: ${r.reason}.`,
          fix: 'Berth does not manage this engine: start it again yourself; Berth reconnects as soon as it answers.',
          logTail: [],
        });
        this.waitForIt();
      }
    } finally {
      this.probing = false;
    }
  }

  /** Disconnects; the engine itself keeps running. */
  async stop(): Promise<void> {
    if (this.watcher) clearInterval(this.watcher);
    this.watcher = undefined;
    this.waiter?.cancel();
    this.waiter = undefined;
    const s = this.machine.state;
    if (s === 'stopped') return;
    if (s === 'error') return this.machine.transition('stopped', 'Disconnected');
    this.machine.transition('stopping', `Disconnecting from ${this.label}`);
    this.machine.transition('stopped', 'Disconnected (the engine keeps running)');
  }
}
