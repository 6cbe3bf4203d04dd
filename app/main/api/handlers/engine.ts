// engine.* and tasks.* requests.
import { attempt } from '../../../engine/docker/errors';
import { rawImages } from '../../../engine/docker/images';
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
  'engine.info': async (_a, { engine }) => {
    const client = await engine.client();
    const { docker, apiVersion } = client;
    const [info, version, listed] = (await attempt('read the engine information', () =>
      Promise.all([docker.info(), docker.version(), rawImages(client)]),
    )) as unknown as [Record<string, unknown>, Record<string, unknown>, unknown[]];
    const n = (k: string) => Number(info[k] ?? 0);
    return {
      version: String(version.Version ?? ''),
      apiVersion,
      os: String(info.OperatingSystem ?? ''),
      kernel: String(info.KernelVersion ?? ''),
      architecture: String(info.Architecture ?? ''),
      cpus: n('NCPU'),
      memory: n('MemTotal'),
      dataRoot: String(info.DockerRootDir ?? ''),
      storageDriver: String(info.Driver ?? ''),
      cgroupVersion: String(info.CgroupVersion ?? '1'),
      containers: {
        total: n('Containers'),
        running: n('ContainersRunning'),
        paused: n('ContainersPaused'),
        stopped: n('ContainersStopped'),
      },
      // the engine counts intermediate images of classic builds too; the Images page lists the others
      images: listed.length,
      intermediateImages: Math.max(0, n('Images') - listed.length),
    };
  },
  'engine.start': async (_a, { engine }) => engine.start(),
  'engine.stop': async (_a, { engine }) => engine.stop(),
  'engine.restart': async (_a, { engine }) => engine.restart(),
  'tasks.list': async (_a, { tasks }) => tasks.list(),
  'tasks.cancel': async ({ id }, { tasks }) => tasks.cancel(id),
  'tasks.clear': async (_a, { tasks }) => ({ cleared: tasks.clearFinished() }),
};
