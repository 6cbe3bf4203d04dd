// Keeps Berth's engine up: restarts it with backoff when dockerd exits on its own or stops answering
// /_ping, gives up after a limit (ending in `error`), and tells the UI what happened.
import { pingUnix } from '../docker/client';
import type { NativeHost } from './native-host';

export interface SupervisorOptions {
  /** Most restarts within `windowMs` before giving up; default 5. */
  maxRestarts?: number;
  windowMs?: number;
  /** Delay before restart number `attempt` (1-based); default 1 s, 2 s, 4 s … capped at 30 s. */
  backoffMs?: (attempt: number) => number;
  /** How often to ping the running engine; default 5 s. */
  pingIntervalMs?: number;
  pingTimeoutMs?: number;
  /** /_ping failing for this long means the engine hangs; default 20 s. */
  hungAfterMs?: number;
}

export const defaultBackoff = (attempt: number): number => Math.min(1000 * 2 ** (attempt - 1), 30000);

export class EngineSupervisor {
  private restartTimes: number[] = [];
  private timer: NodeJS.Timeout | undefined;
  private failingSince: number | undefined;
  private checking = false;
  private readonly o: Required<SupervisorOptions>;

  constructor(
    private readonly host: NativeHost,
    opts: SupervisorOptions = {},
  ) {
    this.o = {
      maxRestarts: opts.maxRestarts ?? 5,
      windowMs: opts.windowMs ?? 10 * 60 * 1000,
      backoffMs: opts.backoffMs ?? defaultBackoff,
      pingIntervalMs: opts.pingIntervalMs ?? 5000,
      pingTimeoutMs: opts.pingTimeoutMs ?? 2000,
      hungAfterMs: opts.hungAfterMs ?? 20000,
    };
  }

  /** Starts watching: crash handling at once, health pings on an interval. */
  attach(): this {
    this.host.crashHandler = (exit) => this.recover('crash', `dockerd stopped unexpectedly (${exit.description})`);
    this.timer ??= setInterval(() => void this.checkHealth(), this.o.pingIntervalMs);
    this.timer.unref();
    return this;
  }

  detach(): void {
    this.host.crashHandler = undefined;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private async checkHealth(): Promise<void> {
    if (this.host.status().state !== 'running') {
      this.failingSince = undefined;
      return;
    }
    if (this.checking) return;
    this.checking = true;
    try {
      const answer = await pingUnix(this.host.paths.socket, this.o.pingTimeoutMs);
      if (this.host.status().state !== 'running') return;
      if (answer.ok) {
        this.failingSince = undefined;
        return;
      }
      this.failingSince ??= Date.now();
      const silentMs = Date.now() - this.failingSince;
      if (silentMs >= this.o.hungAfterMs) {
        this.failingSince = undefined;
        this.recover(
          'hang',
          `the engine did not answer /_ping for ${Math.round(silentMs / 1000)} s (${answer.error ?? 'no answer'})`,
        );
      } else {
        this.host.events.progress(`The engine is not answering (${answer.error ?? 'no answer'}); watching it`);
      }
    } finally {
      this.checking = false;
    }
  }

  private recover(reason: 'crash' | 'hang', why: string): void {
    const state = this.host.status().state;
    // Detached, or the user stopped the engine meanwhile: not ours to bring back.
    if (!this.host.crashHandler || (state !== 'running' && state !== 'error')) return;
    const now = Date.now();
    this.restartTimes = this.restartTimes.filter((t) => now - t < this.o.windowMs);
    if (this.restartTimes.length >= this.o.maxRestarts) {
      const minutes = Math.round(this.o.windowMs / 60000);
      this.host.events.fail({
        step: 'Supervising the engine',
        message: `Berth's engine failed again: ${why}. It was restarted ${this.restartTimes.length} times in ${minutes} min, so Berth stopped restarting it.`,
        fix: `Read the engine log at ${this.host.paths.logFile} for the cause, fix it, then start the engine again.`,
        logTail: this.host.logTail(20),
      });
      return;
    }
    this.restartTimes.push(now);
    const attempt = this.restartTimes.length;
    const delay = this.o.backoffMs(attempt);
    const line = `${why[0]!.toUpperCase()}${why.slice(1)}; restarting in ${(delay / 1000).toFixed(delay < 1000 ? 1 : 0)} s (attempt ${attempt} of ${this.o.maxRestarts})`;
    this.host.restart(line, delay).then(
      (state) => {
        if (state !== 'running') return;
        const message =
          reason === 'crash' ? 'Engine restarted after a crash' : 'Engine restarted after it stopped responding';
        this.host.events.emit({ type: 'restarted', reason, attempt, message, at: Date.now() });
      },
      (err: Error) => this.recover(reason, `the restart failed: ${err.message}`),
    );
  }
}
