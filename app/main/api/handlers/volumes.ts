// volumes.* requests: one call each onto the engine facade; files are read through a helper container.
// A clone runs as a task (it copies every byte); export, import and upload are streams (streams/transfers.ts).
import type { AreaHandlers } from '../types';

export const volumeHandlers: AreaHandlers<'volumes'> = {
  'volumes.list': async (_a, { engine }) => (await engine.api()).listVolumes(),
  'volumes.create': async ({ name, driver }, { engine }) => (await engine.api()).createVolume({ name, driver }),
  'volumes.inspect': async ({ name }, { engine }) => (await engine.api()).inspectVolume(name),
  'volumes.remove': async ({ name }, { engine }) => (await engine.api()).removeVolume(name),
  'volumes.sizes': async (_a, { engine }) => (await engine.api()).volumeSizes(),
  'volumes.prunePreview': async ({ all }, { engine }) => (await engine.api()).previewVolumePrune(all),
  'volumes.prune': async ({ all }, { engine }) => (await engine.api()).pruneVolumes(all),
  'volumes.files': async ({ name, path }, { engine }) => (await engine.api()).volumeFiles(name, path),
  'volumes.empty': async ({ name, confirm }, { engine, signal }) =>
    (await engine.api()).emptyVolume(name, confirm, signal),
  'volumes.clone': async ({ name, target }, { engine, tasks }) =>
    tasks.run(await (await engine.api()).cloneVolume(name, target)),
};
