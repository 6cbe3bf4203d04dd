// Everything behind the contract, for either shell (Electron or `berth serve`): the active engine
// (Berth's engine selection, or a fixed external engine), the handlers and the task centre.
// Closing it ends every stream and stops the engine Berth started.
import { parseEngineAddress } from '../engine/docker/client';
import { ExternalHost } from '../engine/host/external-host';
import { EngineSelection } from '../engine/host/selection';
import type { EngineHost } from '../engine/host/types';
import type { ApiContext, HostDialogs } from './api/context';
import { handlers } from './api/handlers';
import { streams } from './api/streams';
import { TaskManager } from './api/tasks';
import type { RequestHandlers, SubscriptionHandlers } from './api/types';
import { fixedHost, HostedEngine, type HostSource } from './hosted-engine';

export interface Backend {
  api: ApiContext;
  handlers: RequestHandlers;
  streams: SubscriptionHandlers;
  /** Berth's engine selection; undefined when a fixed engine was given. */
  selection?: EngineSelection;
  close(opts?: { stopEngine?: boolean }): Promise<void>;
}

export interface BackendOptions {
  /** Use this engine (unix:///…, tcp://…, ssh://…) instead of Berth's engine selection. */
  engineSocket?: string;
  /** Native dialogs, when the desktop shell provides them. */
  dialogs?: HostDialogs;
}

function selectionSource(selection: EngineSelection): { source: HostSource; activate(): Promise<void> } {
  let none: { message: string; fix: string } | undefined;
  const listeners = new Set<(h: EngineHost | undefined) => void>();
  selection.onChange((h) => listeners.forEach((l) => l(h)));
  return {
    source: {
      current: () => selection.active,
      onChange: (l) => {
        listeners.add(l);
        return () => listeners.delete(l);
      },
      none: () => none,
    },
    async activate() {
      const result = await selection.activate();
      if ('kind' in result && result.kind === 'none') {
        none = { message: result.message, fix: result.fix };
        listeners.forEach((l) => l(undefined));
      }
    },
  };
}

export async function createBackend(opts: BackendOptions = {}): Promise<Backend> {
  const tasks = new TaskManager();
  if (opts.engineSocket) {
    const host = new ExternalHost(
      opts.engineSocket,
      parseEngineAddress(opts.engineSocket),
      `Engine at ${opts.engineSocket}`,
    );
    const engine = new HostedEngine(fixedHost(host));
    void host.start().catch(() => undefined); // a failure shows in the status
    return {
      api: { engine, tasks, ...(opts.dialogs ? { dialogs: opts.dialogs } : {}) },
      handlers,
      streams,
      async close() {
        tasks.cancelAll();
        await engine.close();
        await host.stop();
      },
    };
  }
  const selection = new EngineSelection();
  const { source, activate } = selectionSource(selection);
  const engine = new HostedEngine(source);
  // Start (or connect) in the background: the UI shows the progress and any failure.
  void activate().catch(() => undefined);
  return {
    api: { engine, tasks, selection, ...(opts.dialogs ? { dialogs: opts.dialogs } : {}) },
    handlers,
    streams,
    selection,
    async close({ stopEngine = true } = {}) {
      tasks.cancelAll();
      await engine.close();
      if (stopEngine) await selection.deactivate();
    },
  };
}
