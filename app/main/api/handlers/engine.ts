// engine.* and tasks.* requests.
import type { RequestHandlers } from '../types';

export const engineHandlers: Pick<
  RequestHandlers,
  | 'engine.status'
  | 'engine.info'
  | 'engine.start'
  | 'engine.stop'
  | 'engine.restart'
  | 'tasks.list'
  | 'tasks.cancel'
  | 'tasks.clear'
> = {
  'engine.status': async (_a, { engine }) => engine.status(),
  'engine.info': async (_a, { engine }) => (await engine.api()).engineInfo(),
  'engine.start': async (_a, { engine }) => engine.start(),
  'engine.stop': async (_a, { engine }) => engine.stop(),
  'engine.restart': async (_a, { engine }) => engine.restart(),
  'tasks.list': async (_a, { tasks }) => tasks.list(),
  'tasks.cancel': async ({ id }, { tasks }) => tasks.cancel(id),
  'tasks.clear': async (_a, { tasks }) => ({ cleared: tasks.clearFinished() }),
};
