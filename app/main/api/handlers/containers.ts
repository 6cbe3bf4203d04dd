// containers.* requests: one line each onto the engine facade.
import { containerRunCommand } from '../../../engine/docker/run-command';
import { runContainer } from '../../../engine/docker/container-run';
import {
  containerSummary,
  enrichContainers,
  inspectContainer,
  listContainers,
  topContainer,
  type ContainerSummary,
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
import { HELPER_LABEL } from '../../../engine/docker/volume-files';
import { BerthError } from '../../../shared/errors';
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

/** An engine refusal on run concerns a field of the form: say which, so the UI shows it there. */
function withRunField(err: unknown): never {
  if (err instanceof BerthError && !err.field) {
    const text = `${err.message} ${err.detail ?? ''}`;
    const field = /port/i.test(text)
      ? 'ports'
      : /name .*in use|container name/i.test(text)
        ? 'name'
        : /mount|volume|bind/i.test(text)
          ? 'volumes'
          : /network/i.test(text)
            ? 'network'
            : /image|reference|repository/i.test(text)
              ? 'image'
              : undefined;
    if (field) throw new BerthError({ ...err.toJSON(), field });
  }
  throw err;
}

/** Berth's own short-lived helpers (volume browsing) are not the user's containers. */
const isUsers = (c: ContainerSummary) => !(HELPER_LABEL in c.labels);
const toRow = ({ names: _names, ...c }: ContainerSummary) => c;

export const containerHandlers: ContainerHandlers = {
  'containers.list': async ({ all }, { engine }) => {
    const client = await engine.client();
    return (await enrichContainers(client, (await listContainers(client, { all })).filter(isUsers))).map(toRow);
  },
  'containers.inspect': async ({ id }, { engine }) => inspectContainer(await engine.client(), id),
  'containers.summary': async ({ id }, { engine }) => {
    const c = await containerSummary(await engine.client(), id);
    return c && isUsers(c) ? toRow(c) : null;
  },
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
  'containers.run': async (spec, { engine }) => runContainer(await engine.client(), spec).catch(withRunField),
  'containers.runCommand': async ({ id }, { engine }) => containerRunCommand(await engine.client(), id),
  'containers.top': async ({ id }, { engine }) => topContainer(await engine.client(), id),
};
