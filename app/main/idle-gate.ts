// The idle saver between the contract and a VM host: every engine request passes the gate, which
// counts it as activity, or first wakes a VM the saver stopped and remembers how long that took.
import { isVmHost } from '../engine/host/vm/vm-controls';
import { IdleSaver } from '../engine/host/vm/idle-saver';
import type { EngineHost } from '../engine/host/types';

export interface IdleState {
  minutes: number;
  sleeping: boolean;
  lastWakeMs?: number;
}

export class IdleGate {
  private saver: IdleSaver | undefined;
  private host: EngineHost | undefined;
  private minutes = 0;
  private lastWakeMs: number | undefined;

  constructor(
    /** How many containers run now, without counting as activity. */
    private readonly runningContainers: () => Promise<number>,
    /** One "minute" (shorter in tests). */
    private readonly minuteMs = 60_000,
    private readonly onChange: () => void = () => {},
  ) {}

  /** Follows the active host: only Berth's VM hosts have an idle saver. */
  bind(host: EngineHost | undefined): void {
    if (host === this.host) return;
    this.host = host;
    this.lastWakeMs = undefined;
    this.rebuild();
  }

  setMinutes(minutes: number): void {
    if (minutes === this.minutes) return;
    this.minutes = minutes;
    this.rebuild();
  }

  get sleeping(): boolean {
    return this.saver?.sleeping ?? false;
  }

  state(): IdleState {
    return {
      minutes: isVmHost(this.host) ? this.minutes : 0,
      sleeping: this.sleeping,
      ...(this.lastWakeMs !== undefined ? { lastWakeMs: this.lastWakeMs } : {}),
    };
  }

  /** Before an engine request: wakes a sleeping VM (resolves once it runs or failed), else notes the activity. */
  async pass(): Promise<void> {
    const saver = this.saver;
    if (!saver) return;
    if (!saver.sleeping) return saver.touch();
    try {
      this.lastWakeMs = await saver.wake();
    } catch {
      /* the host's status says why it did not start */
    }
    this.onChange();
  }

  /** An explicit start or stop by the user ends any idle sleep: a stopped engine stays stopped. */
  reset(): void {
    this.rebuild();
  }

  close(): void {
    this.saver?.end();
    this.saver = undefined;
  }

  private rebuild(): void {
    this.close();
    const host = this.host;
    if (!isVmHost(host) || this.minutes <= 0) return;
    this.saver = new IdleSaver(host, {
      idleMs: this.minutes * this.minuteMs,
      runningContainers: this.runningContainers,
      onNotice: () => this.onChange(),
    }).begin();
  }
}
