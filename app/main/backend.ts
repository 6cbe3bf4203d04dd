// Everything behind the contract, for either shell (Electron or `berth serve`): the active engine
// (Berth's engine selection, or a fixed external engine), the handlers and the task centre (with its
// journal). At start it sweeps what a Berth that died left behind; closing it ends every stream and
// stops the engine Berth started.
import { existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEngineAddress } from '../engine/docker/client';
import { recordSideFilesIn } from '../engine/docker/side-file';
import { berthPaths } from '../engine/host/paths';
import { ExternalHost } from '../engine/host/external-host';
import { EngineSelection } from '../engine/host/selection';
import type { EngineHost } from '../engine/host/types';
import { Emitter } from '../shared/emitter';
import type { ApiContext, HostDialogs } from './api/context';
import { handlers } from './api/handlers';
import { streams } from './api/streams';
import { TaskJournal } from './api/task-journal';
import { TaskManager } from './api/tasks';
import type { RequestHandlers, SubscriptionHandlers } from './api/types';
import { closeKubeForwards } from './api/kube-forwards';
import { fixedHost, HostedEngine, type HostSource } from './hosted-engine';
import { sideFileList, sweepHelperContainers, sweepSideFiles } from './leftovers';
import { SettingsStore } from './settings/store';
import { BerthLog } from './berth-log';

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
  /** The settings store, when the shell already holds it (it reads it before the backend starts). */
  settings?: SettingsStore;
  /** Berth's resources folder (VM templates and init scripts); default the checkout's ./resources. */
  resourcesDir?: string;
  /** How long the idle saver's "minute" is (tests shorten it); default 60 s. */
  idleMinuteMs?: number;
  /** Berth's data dir (task journal, leftovers); default the one berthPaths() gives (BERTH_HOME, XDG). */
  dataDir?: string;
  /** Where Berth's own log lines go (leftovers removed at start …); default stderr. */
  log?: (line: string) => void;
  /** A volume helper container left by a dead Berth is removed once this old; default 60 s (tests: 0). */
  helperMinAgeSeconds?: number;
}

const stderrLog = (line: string) => void process.stderr.write(`[berth] ${line}\n`);

/**
 * The task centre with its journal, and the sweep of leftovers: side files now (recording this
 * process's own from here on), helper containers on each engine the first time it runs.
 */
function startBookkeeping(dataDir: string, log: (line: string) => void, helperMinAgeSeconds: number) {
  sweepSideFiles(dataDir, log);
  const sideFiles = sideFileList(dataDir);
  recordSideFilesIn(sideFiles);
  const tasks = new TaskManager(new TaskJournal(join(dataDir, 'tasks')));
  const swept = new Set<string>();
  const sweepOn = (engine: HostedEngine) => {
    const check = (s: { state: string; address?: string }) => {
      if (s.state !== 'running' || !s.address || swept.has(s.address)) return;
      swept.add(s.address);
      void engine.client().then(
        (client) => sweepHelperContainers(client, log, helperMinAgeSeconds),
        () => swept.delete(s.address!),
      );
    };
    check(engine.status());
    return engine.onStatus(check);
  };
  return {
    tasks,
    sweepOn,
    close() {
      tasks.close();
      recordSideFilesIn(undefined);
      rmSync(sideFiles, { force: true });
    },
  };
}

/** resources/ beside the bundle (out/main/*.js → ./resources) or the sources (app/main → ./resources). */
function defaultResourcesDir(): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  return [join(here, '..', '..', 'resources'), join(here, '..', '..', '..', 'resources')].find((d) =>
    existsSync(join(d, 'vm', 'linux', 'init')),
  );
}

function selectionSource(selection: EngineSelection): { source: HostSource; activate(): Promise<void> } {
  let none: { message: string; fix: string } | undefined;
  const changes = new Emitter<EngineHost | undefined>({ name: 'the active engine' });
  selection.onChange((h) => changes.emit(h));
  return {
    source: {
      current: () => selection.active,
      onChange: (l) => changes.on(l),
      none: () => none,
    },
    async activate() {
      const result = await selection.activate();
      if ('kind' in result && result.kind === 'none') {
        none = { message: result.message, fix: result.fix };
        changes.emit(undefined);
      }
    },
  };
}

export async function createBackend(opts: BackendOptions = {}): Promise<Backend> {
  const paths = berthPaths();
  const berthLog = new BerthLog(opts.log ?? stderrLog);
  const books = startBookkeeping(opts.dataDir ?? paths.data, berthLog.write, opts.helperMinAgeSeconds ?? 60);
  const tasks = books.tasks;
  const settingsStore = opts.settings ?? new SettingsStore(paths.config);
  if (opts.engineSocket) {
    const host = new ExternalHost(
      opts.engineSocket,
      parseEngineAddress(opts.engineSocket),
      `Engine at ${opts.engineSocket}`,
    );
    const engine = new HostedEngine(fixedHost(host));
    const stopSweeping = books.sweepOn(engine);
    void host.start().catch(() => undefined); // a failure shows in the status
    return {
      api: { engine, tasks, settings: settingsStore, berthLog, ...(opts.dialogs ? { dialogs: opts.dialogs } : {}) },
      handlers,
      streams,
      async close() {
        stopSweeping();
        books.close();
        await closeKubeForwards();
        await engine.close();
        await host.stop();
      },
    };
  }
  const settings = () => settingsStore.get().settings;
  const resourcesDir = opts.resourcesDir ?? defaultResourcesDir();
  const selection = new EngineSelection({
    paths,
    vmResources: () => {
      const { idleMinutes: _, ...resources } = settings().vm;
      return resources;
    },
    ...(resourcesDir
      ? {
          lima: { resourcesDir },
          wsl: { resourcesDir },
          linuxVm: { scriptsDir: join(resourcesDir, 'vm', 'linux') },
        }
      : {}),
  });
  const { source, activate } = selectionSource(selection);
  const engine = new HostedEngine(source, opts.idleMinuteMs ? { minuteMs: opts.idleMinuteMs } : {});
  const stopSweeping = books.sweepOn(engine);
  engine.idle.setMinutes(settings().vm.idleMinutes);
  // Start (or connect) in the background: the UI shows the progress and any failure.
  void activate().catch(() => undefined);
  return {
    api: {
      engine,
      tasks,
      selection,
      settings: settingsStore,
      berthLog,
      ...(opts.dialogs ? { dialogs: opts.dialogs } : {}),
    },
    handlers,
    streams,
    selection,
    async close({ stopEngine = true } = {}) {
      stopSweeping();
      books.close();
      await closeKubeForwards();
      await engine.close();
      if (stopEngine) await selection.deactivate();
    },
  };
}
