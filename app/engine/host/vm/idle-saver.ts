// Resource saver for the VM hosts: stops the VM after N idle minutes while no container runs, and
// starts it again on the next request, reporting how long the wake took. The caller (the request
// path in app/main) calls touch() on every engine request and wake() before one while asleep.
import type { EngineHost } from '../types';

export interface IdleSaverOptions {
  /** Idle time before the VM stops; Docker Desktop uses 5 minutes. */
  idleMs: number;
  /** How often to look; default a tenth of idleMs, at most 30 s. */
  checkEveryMs?: number;
  /** How many containers run now (an engine that cannot say counts as busy). */
  runningContainers: () => Promise<number>;
  /** Sentences for the UI (stopped for idleness, woke in N s). */
  onNotice?: (message: string) => void;
  now?: () => number;
}

export class IdleSaver {
  private last: number;
  private timer: NodeJS.Timeout | undefined;
  private asleep = false;
  private waking: Promise<number> | undefined;
  private checking = false;
  private readonly now: () => number;

  constructor(
    private readonly host: EngineHost,
    private readonly opts: IdleSaverOptions,
  ) {
    this.now = opts.now ?? Date.now;
    this.last = this.now();
  }

  get sleeping(): boolean {
    return this.asleep;
  }

  begin(): this {
    const every = this.opts.checkEveryMs ?? Math.min(30000, Math.max(10, this.opts.idleMs / 10));
    this.timer ??= setInterval(() => void this.check(), every);
    this.timer.unref?.();
    return this;
  }

  end(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Any engine request counts as activity. */
  touch(): void {
    this.last = this.now();
  }

  /** One look: stops the VM when it has been idle long enough with nothing running. */
  async check(): Promise<boolean> {
    if (this.checking || this.asleep || this.waking || this.host.status().state !== 'running') return false;
    if (this.now() - this.last < this.opts.idleMs) return false;
    this.checking = true;
    try {
      const running = await this.opts.runningContainers().catch(() => 1);
      if (running > 0) {
        this.touch();
        return false;
      }
      this.asleep = true;
      await this.host.stop();
      this.opts.onNotice?.(
        `${this.host.label} stopped after ${Math.round(this.opts.idleMs / 60000)} idle minute(s) with no running containers, to save CPU, memory and battery; it starts again on the next request.`,
      );
      return true;
    } finally {
      this.checking = false;
    }
  }

  /** Starts the VM again if the saver stopped it; resolves with the wake time in ms (0 when awake). */
  wake(): Promise<number> {
    this.touch();
    if (!this.asleep) return this.waking ?? Promise.resolve(0);
    this.waking ??= (async () => {
      const began = this.now();
      try {
        await this.host.start();
        const ms = this.now() - began;
        this.opts.onNotice?.(`${this.host.label} woke up in ${(ms / 1000).toFixed(1)} s.`);
        return ms;
      } finally {
        this.asleep = false;
        this.waking = undefined;
        this.touch();
      }
    })();
    return this.waking;
  }
}
