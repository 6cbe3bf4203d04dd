// images.* requests: one call each onto the engine facade. Pull, push, build, save and load are tasks
// the facade hands out (checked before they start) and the task centre runs.
import { credentialsFor, registryConfigForBuild } from '../../registry';
import type { RequestHandlers } from '../types';

type ImageHandlers = Pick<
  RequestHandlers,
  | 'images.list'
  | 'images.inspect'
  | 'images.layers'
  | 'images.layerFiles'
  | 'images.usage'
  | 'images.pull'
  | 'images.push'
  | 'images.tag'
  | 'images.remove'
  | 'images.build'
  | 'images.prunePreview'
  | 'images.prune'
  | 'images.save'
  | 'images.load'
>;

// The sign-in for the image's registry, wherever the user made it (Registries page, docker login).
const signIn = (ref: string) => credentialsFor(ref).catch(() => undefined);

export const imageHandlers: ImageHandlers = {
  'images.list': async (_a, { engine }) => (await engine.api()).listImages(),
  'images.inspect': async ({ ref }, { engine }) => (await engine.api()).describeImage(ref),
  'images.layers': async ({ ref }, { engine }) => (await engine.api()).imageLayers(ref),
  'images.layerFiles': async ({ ref }, { engine }) => (await engine.api()).imageLayerFiles(ref),
  'images.usage': async (_a, { engine }) => (await engine.api()).imagesUsage(),
  'images.pull': async ({ ref }, { engine, tasks }) =>
    tasks.run(await (await engine.api()).pullImage(ref, await signIn(ref))),
  'images.push': async ({ ref }, { engine, tasks }) =>
    tasks.run(await (await engine.api()).pushImage(ref, await signIn(ref))),
  'images.tag': async ({ source, target }, { engine }) => (await engine.api()).tagImage(source, target),
  'images.remove': async ({ ref, force }, { engine }) => (await engine.api()).removeImage(ref, { force }),
  'images.build': async (spec, { engine, tasks }) =>
    tasks.run(await (await engine.api()).buildImage({ ...spec, registryConfig: await registryConfigForBuild() })),
  'images.prunePreview': async ({ all }, { engine }) => (await engine.api()).previewImagePrune(all),
  'images.prune': async ({ all }, { engine }) => (await engine.api()).pruneImages(all),
  'images.save': async ({ refs, path, overwrite }, { engine, tasks }) =>
    tasks.run(await (await engine.api()).saveImages(refs, path, overwrite)),
  'images.load': async ({ path }, { engine, tasks }) => tasks.run(await (await engine.api()).loadImages(path)),
};
