// Keeps the tray's state current: the engine status from its status listener, the containers
// through the contract's `containers.list` handler, refreshed after container events (debounced),
// never by polling. Renders through a callback, so it runs without Electron in tests.
import type { ContainerSummary, EngineEvent, EngineStatus } from '../../shared/contract';
import type { ApiContext } from '../api/context';
import type { RequestHandlers } from '../api/types';
import { toErrorInfo } from '../api/session';
import type { BerthSettings } from '../../shared/contract/areas/settings';
import { callContract } from './tray-actions';
import { buildTrayMenu, trayTooltip, type TrayMenuItem, type TrayState } from './tray-menu-model';

/** Container events that change what the tray lists. */
const LIST_CHANGING_ACTIONS = new Set([
  'create',
  'start',
  'restart',
  'stop',
  'die',
  'kill',
  'pause',
  'unpause',
  'destroy',
  'rename',
  'update',
]);

export function changesContainerList(e: EngineEvent): boolean {
  return e.type === 'container' && LIST_CHANGING_ACTIONS.has(e.action);
}

export interface TrayView {
  state: TrayState;
  menu: TrayMenuItem[];
  tooltip: string;
}

export interface TrayControllerOptions {
  api: ApiContext;
  handlers: RequestHandlers;
  settings: BerthSettings;
  render(view: TrayView): void;
  /** Quiet time after the last event before the list is fetched again. */
  debounceMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (t: unknown) => void;
}

export class TrayController {
  private engine: EngineStatus;
  private containers: ContainerSummary[] | undefined;
  private containersError: string | undefined;
  private settings: BerthSettings;
  private timer: unknown;
  private fetching = false;
  private fetchAgain = false;
  private closed = false;
  private readonly unsubscribe: (() => void)[];
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (t: unknown) => void;

  constructor(private readonly opts: TrayControllerOptions) {
    this.settings = opts.settings;
    this.setTimer = opts.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = opts.clearTimer ?? ((t) => clearTimeout(t as ReturnType<typeof setTimeout>));
    this.engine = opts.api.engine.status();
    this.unsubscribe = [
      opts.api.engine.onStatus((s) => this.onStatus(s)),
      opts.api.engine.onEvent((e) => {
        if (changesContainerList(e)) this.scheduleRefresh();
      }),
    ];
    this.render();
    if (this.engine.state === 'running') void this.refresh();
  }

  get view(): TrayView {
    const state: TrayState = {
      engine: this.engine,
      ...(this.containers ? { containers: this.containers } : {}),
      ...(this.containersError ? { containersError: this.containersError } : {}),
      settings: { tray: this.settings.tray },
    };
    return { state, menu: buildTrayMenu(state), tooltip: trayTooltip(state) };
  }

  setSettings(settings: BerthSettings): void {
    this.settings = settings;
    this.render();
  }

  close(): void {
    this.closed = true;
    if (this.timer !== undefined) this.clearTimer(this.timer);
    for (const u of this.unsubscribe) u();
  }

  private onStatus(s: EngineStatus): void {
    const wasRunning = this.engine.state === 'running';
    this.engine = s;
    if (s.state !== 'running') {
      this.containers = undefined;
      this.containersError = undefined;
    }
    this.render();
    if (s.state === 'running' && !wasRunning) void this.refresh();
  }

  private scheduleRefresh(): void {
    if (this.closed) return;
    if (this.timer !== undefined) this.clearTimer(this.timer);
    this.timer = this.setTimer(() => {
      this.timer = undefined;
      void this.refresh();
    }, this.opts.debounceMs ?? 400);
  }

  /** Fetches the list once; a change that arrives meanwhile triggers exactly one more fetch. */
  async refresh(): Promise<void> {
    if (this.closed || this.engine.state !== 'running') return;
    if (this.fetching) {
      this.fetchAgain = true;
      return;
    }
    this.fetching = true;
    try {
      this.containers = (await callContract(this.opts, {
        request: 'containers.list',
        args: { all: true },
      })) as ContainerSummary[];
      this.containersError = undefined;
    } catch (err) {
      this.containersError = `Containers could not be listed: ${toErrorInfo(err, 'containers.list').message}`;
    } finally {
      this.fetching = false;
    }
    this.render();
    if (this.fetchAgain) {
      this.fetchAgain = false;
      await this.refresh();
    }
  }

  private render(): void {
    if (!this.closed) this.opts.render(this.view);
  }
}
