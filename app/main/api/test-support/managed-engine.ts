// For handler integration tests on Berth's own dockerd: an EngineSelection running the native engine
// in a throw-away BERTH_HOME, bound to a HostedEngine and a full handler context; dispose() stops and
// wipes everything made, even when the test failed.
import { runDocker } from '../../../../harness/engine';
import { EngineSelection } from '../../../engine/host/selection';
import { createTempHome, type TempHome } from '../../../engine/host/test-support/temp-home';
import { BerthLog } from '../../berth-log';
import { fixedHost, HostedEngine } from '../../hosted-engine';
import { SettingsStore } from '../../settings/store';
import { TaskManager } from '../tasks';
import type { HandlerContext } from '../types';

export function managedEngines() {
  const made: { selection: EngineSelection; engine: HostedEngine; home: TempHome }[] = [];
  return {
    async create(label: string) {
      const home = createTempHome(label);
      const selection = new EngineSelection({
        paths: home.paths,
        supervisor: false,
        native: { mode: 'root', network: home.network, cgroupParent: home.cgroupParent, stopTimeoutMs: 10000 },
      });
      await selection.activate({ kind: 'native' });
      const host = selection.active!;
      const engine = new HostedEngine(fixedHost(host));
      made.push({ selection, engine, home });
      const tasks = new TaskManager();
      const settings = new SettingsStore(home.paths.config);
      const berthLog = new BerthLog(() => {});
      const ctx: HandlerContext = {
        engine,
        tasks,
        settings,
        selection,
        berthLog,
        signal: new AbortController().signal,
      };
      const docker = (args: string[], input?: string | Buffer) =>
        runDocker(`unix://${host.address.kind === 'unix' ? host.address.socketPath : ''}`, args, input);
      return { home, host, ctx, docker, tasks, settings, berthLog, selection };
    },
    async dispose(): Promise<void> {
      for (const m of made.splice(0)) {
        await m.engine.close();
        await m.selection.deactivate().catch(() => undefined);
        await m.home.cleanup();
      }
    },
  };
}
