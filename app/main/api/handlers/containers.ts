// containers.* requests: one line each onto the engine facade.
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
  'containers.list': async ({ all }, { engine }) => (await engine.api()).listContainers(all),
  'containers.inspect': async ({ id }, { engine }) => (await engine.api()).inspectContainer(id),
  'containers.summary': async ({ id }, { engine }) => (await engine.api()).containerSummary(id),
  'containers.start': async ({ id }, { engine }) => (await engine.api()).startContainer(id),
  'containers.stop': async ({ id, timeout }, { engine }) =>
    (await engine.api()).stopContainer(id, timeout === undefined ? {} : { timeout }),
  'containers.restart': async ({ id, timeout }, { engine }) =>
    (await engine.api()).restartContainer(id, timeout === undefined ? {} : { timeout }),
  'containers.kill': async ({ id, signal }, { engine }) => (await engine.api()).killContainer(id, { signal }),
  'containers.pause': async ({ id }, { engine }) => (await engine.api()).pauseContainer(id),
  'containers.unpause': async ({ id }, { engine }) => (await engine.api()).unpauseContainer(id),
  'containers.remove': async ({ id, force, volumes }, { engine }) =>
    (await engine.api()).removeContainer(id, { force, volumes }),
  'containers.rename': async ({ id, name }, { engine }) => (await engine.api()).renameContainer(id, name),
  // A bare KEY in env is passed on from Berth's own environment, as `docker run -e KEY` does from the CLI's.
  // With "remove when it exits" the run is a task whose log keeps its output.
  'containers.run': async (spec, { engine, tasks }) => {
    const api = await engine.api();
    if (!spec.autoRemove) return api.runContainer(spec, process.env);
    const { task, ...run } = await api.runKeepingOutput(spec, process.env);
    return { ...run, task: tasks.run(task) };
  },
  'containers.runCommand': async ({ id }, { engine }) => (await engine.api()).containerRunCommand(id),
  'containers.top': async ({ id }, { engine }) => (await engine.api()).topContainer(id),
};
