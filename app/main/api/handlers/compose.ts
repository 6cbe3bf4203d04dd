// compose.* requests: one call each onto the engine facade; up, down and pull are tasks (the compose
// CLI's output streams into the task), start/stop/restart work by label.
import { composeCliInfo } from '../../../engine/docker';
import type { AreaHandlers } from '../types';
import type { ComposeFileHandlers } from './compose-files';

/** Every compose.* request but the file work of compose-files.ts. */
type ComposeHandlers = Omit<AreaHandlers<'compose'>, keyof ComposeFileHandlers>;

export const composeHandlers: ComposeHandlers = {
  'compose.list': async (_a, { engine }) => (await engine.api()).composeProjects(),
  'compose.cli': async () => composeCliInfo(),
  'compose.up': async ({ files, project }, { engine, tasks }) =>
    tasks.run(await (await engine.api()).composeUp(files, project)),
  'compose.down': async ({ project, volumes }, { engine, tasks }) =>
    tasks.run(await (await engine.api()).composeDown(project, volumes)),
  'compose.pull': async ({ project }, { engine, tasks }) => tasks.run(await (await engine.api()).composePull(project)),
  'compose.start': async ({ project }, { engine }) => (await engine.api()).composeControl(project, 'start'),
  'compose.stop': async ({ project }, { engine }) => (await engine.api()).composeControl(project, 'stop'),
  'compose.restart': async ({ project }, { engine }) => (await engine.api()).composeControl(project, 'restart'),
};
