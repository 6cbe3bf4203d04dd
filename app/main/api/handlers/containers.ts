// containers.* requests: one line each onto the engine facade.
import { containerRunCommand } from '../../../engine/docker/run-command';
import { runContainer } from '../../../engine/docker/container-run';
import { runKeepingOutput } from './run-task';
import {
  inspectContainer,
  listUserContainers,
  topContainer,
  userContainerSummary,
} from '../../../engine/docker/containers';
import {
  killContainer,
  pauseContainer,
  removeContainer,
  renameContainer,
  restartContainer,
  startContainer,
  stopContainer,
  unpauseContainer,
} from '../../../engine/docker/containers-lifecycle';
import type { RequestHandlers } from '../types';

type ContainerHandlers = Pick<
  RequestHandlers,
  | 'containers.list'
  | 'containers.inspect'
  | 'containers.summary'
  | 'containers.start'
  | 'containers.stop'
  | 'containers.restart'
  | 'containers.kill'
  | 'containers.pause'
  | 'containers.unpause'
  | 'containers.remove'
  | 'containers.rename'
  | 'containers.run'
  | 'containers.runCommand'
  | 'containers.top'
>;

export const containerHandlers: ContainerHandlers = {
  'containers.list': async ({ all }, { engine }) => listUserContainers(await engine.client(), { all }),
  'containers.inspect': async ({ id }, { engine }) => inspectContainer(await engine.client(), id),
  'containers.summary': async ({ id }, { engine }) => userContainerSummary(await engine.client(), id),
  'containers.start': async ({ id }, { engine }) => startContainer(await engine.client(), id),
  'containers.stop': async ({ id, timeout }, { engine }) =>
    stopContainer(await engine.client(), id, timeout === undefined ? {} : { timeout }),
  'containers.restart': async ({ id, timeout }, { engine }) =>
    restartContainer(await engine.client(), id, timeout === undefined ? {} : { timeout }),
  'containers.kill': async ({ id, signal }, { engine }) => killContainer(await engine.client(), id, { signal }),
  'containers.pause': async ({ id }, { engine }) => pauseContainer(await engine.client(), id),
  'containers.unpause': async ({ id }, { engine }) => unpauseContainer(await engine.client(), id),
  'containers.remove': async ({ id, force, volumes }, { engine }) =>
    removeContainer(await engine.client(), id, { force, volumes }),
  'containers.rename': async ({ id, name }, { engine }) => renameContainer(await engine.client(), id, name),
  // A bare KEY in env is passed on from Berth's own environment, as `docker run -e KEY` does from the CLI's.
  'containers.run': async (spec, { engine, tasks }) =>
    spec.autoRemove
      ? runKeepingOutput(await engine.client(), spec, tasks, process.env)
      : runContainer(await engine.client(), spec, { hostEnv: process.env }),
  'containers.runCommand': async ({ id }, { engine }) => containerRunCommand(await engine.client(), id),
  'containers.top': async ({ id }, { engine }) => topContainer(await engine.client(), id),
};
