// For handler integration tests: a handler context on a connected client, and the end of a task.
import { engineApi } from '../../../engine/docker';
import type { EngineClient } from '../../../engine/docker/client';
import type { TaskInfo } from '../../../shared/contract';
import type { SettingsStore } from '../../settings/store';
import type { EngineAccess } from '../context';
import type { TaskManager } from '../tasks';
import type { HandlerContext } from '../types';

/** A context whose engine is `client`; the settings are a real store where the test needs them. */
export function handlerContext(client: EngineClient, tasks: TaskManager, settings?: SettingsStore): HandlerContext {
  return {
    engine: { client: async () => client, api: async () => engineApi(client) } as unknown as EngineAccess,
    tasks,
    settings: settings ?? ({} as SettingsStore),
    signal: new AbortController().signal,
  };
}

/** Resolves with the task once it is no longer running. */
export function finishedTask(tasks: TaskManager, id: string): Promise<TaskInfo> {
  return new Promise((resolve) => {
    const done = (t: TaskInfo) => t.id === id && t.state !== 'running';
    const now = tasks.list().find(done);
    if (now) return resolve(now);
    const off = tasks.onChange((t) => {
      if (done(t)) {
        off();
        resolve(t);
      }
    });
  });
}
