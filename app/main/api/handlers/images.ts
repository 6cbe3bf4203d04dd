// images.* requests. Pull, push, build, save and load run as tasks in the task centre.
import { buildImage } from '../../../engine/docker/image-build';
import { loadImages, saveImages } from '../../../engine/docker/image-archive';
import { pullImage } from '../../../engine/docker/image-pull';
import { pushImage } from '../../../engine/docker/image-push';
import { credentialsFor, registryConfigForBuild } from '../../registry';
import type { RequestHandlers } from '../types';
import { LayerBoard } from './layer-progress';

type ImageHandlers = Pick<
  RequestHandlers,
  | 'images.list'
  | 'images.inspect'
  | 'images.layers'
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

const LOG_LINES = 400;

/**
 * Runs a progress generator up to its first item before the task starts, so that bad input (a path
 * that does not exist, a context that is no folder) is refused at once, next to its field, rather
 * than as a failed task. The returned iterable yields that first item, then the rest.
 */
async function primed<T>(gen: AsyncGenerator<T>): Promise<AsyncIterable<T>> {
  const first = await gen.next();
  return {
    async *[Symbol.asyncIterator]() {
      if (first.done) return;
      yield first.value;
      yield* { [Symbol.asyncIterator]: () => gen };
    },
  };
}

export const imageHandlers: ImageHandlers = {
  'images.list': async (_a, { engine }) => (await engine.api()).listImages(),
  'images.inspect': async ({ ref }, { engine }) => (await engine.api()).describeImage(ref),
  'images.layers': async ({ ref }, { engine }) => (await engine.api()).imageLayers(ref),
  'images.usage': async (_a, { engine }) => (await engine.api()).imagesUsage(),
  'images.pull': async ({ ref }, { engine, tasks }) => {
    const client = await engine.client();
    // The sign-in for the image's registry, wherever the user made it (Registries page, docker login).
    const auth = await credentialsFor(ref).catch(() => undefined);
    return tasks.start('pull', `Pull ${ref}`, async (report, signal) => {
      const board = new LayerBoard(`Pulling ${ref}`);
      for await (const p of pullImage(client, ref, { signal, ...(auth ? { auth } : {}) })) {
        if (p.kind === 'layer') board.layer(p.id, p.status, p.current, p.total);
        else if (p.kind === 'status') board.text = p.text;
        else {
          report({ ...board.progress(), text: p.upToDate ? `${ref} is up to date` : `Pulled ${ref}` });
          return { ref: p.ref, imageId: p.imageId, upToDate: p.upToDate };
        }
        report(board.progress());
      }
      return { ref };
    });
  },
  'images.push': async ({ ref }, { engine, tasks }) => {
    const client = await engine.client();
    const auth = await credentialsFor(ref).catch(() => undefined);
    return tasks.start('push', `Push ${ref}`, async (report, signal) => {
      const board = new LayerBoard(`Pushing ${ref}`);
      for await (const p of pushImage(client, ref, { signal, ...(auth ? { auth } : {}) })) {
        if (p.kind === 'layer') board.layer(p.id, p.status, p.current, p.total);
        else if (p.kind === 'status') board.text = p.text;
        else {
          report({ ...board.progress(), text: `Pushed ${ref}` });
          return { ref: p.ref, digest: p.digest };
        }
        report(board.progress());
      }
      return { ref };
    });
  },
  'images.tag': async ({ source, target }, { engine }) => (await engine.api()).tagImage(source, target),
  'images.remove': async ({ ref, force }, { engine }) => (await engine.api()).removeImage(ref, { force }),
  'images.build': async ({ context, dockerfile, tag, buildArgs, noCache }, { engine, tasks }) => {
    const client = await engine.client();
    const args = Object.fromEntries(buildArgs.map((a) => [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]));
    const title = `Build ${tag ?? context}`;
    // Check the paths before the task starts, so a bad form is refused at once, next to its field.
    const ctl = new AbortController();
    const progress = await primed(
      buildImage(client, {
        context,
        dockerfile,
        ...(tag ? { tags: [tag] } : {}),
        buildArgs: args,
        noCache,
        registryConfig: await registryConfigForBuild(),
        signal: ctl.signal,
      }),
    );
    return tasks.start('build', title, async (report, signal) => {
      const log: string[] = [];
      let text = 'Sending the build context';
      const onAbort = () => ctl.abort();
      signal.addEventListener('abort', onAbort, { once: true });
      try {
        for await (const p of progress) {
          if (p.kind === 'step') text = `Step ${p.step}/${p.total}: ${p.instruction}`;
          else if (p.kind === 'log') {
            log.push(p.text);
            if (log.length > LOG_LINES) log.splice(0, log.length - LOG_LINES);
          } else {
            report({ text: `Built ${p.tags[0] ?? p.imageId.slice(7, 19)}`, log: [...log] });
            return { imageId: p.imageId, tags: p.tags };
          }
          report({ text, log: [...log] });
        }
        return {};
      } finally {
        signal.removeEventListener('abort', onAbort);
      }
    });
  },
  'images.prunePreview': async ({ all }, { engine }) => (await engine.api()).previewImagePrune(all),
  'images.prune': async ({ all }, { engine }) => (await engine.api()).pruneImages(all),
  'images.save': async ({ refs, path, overwrite }, { engine, tasks }) => {
    const client = await engine.client();
    const ctl = new AbortController();
    const progress = await primed(saveImages(client, refs, path, { signal: ctl.signal, overwrite }));
    return tasks.start('save', `Save ${refs.join(', ')} to ${path}`, async (report, signal) => {
      signal.addEventListener('abort', () => ctl.abort(), { once: true });
      for await (const p of progress) {
        if (p.kind === 'bytes')
          report({ text: `Writing ${path}`, current: p.current, ...(p.total ? { total: p.total } : {}) });
        else return { path: p.path, size: p.size };
      }
      return { path };
    });
  },
  'images.load': async ({ path }, { engine, tasks }) => {
    const client = await engine.client();
    const ctl = new AbortController();
    const progress = await primed(loadImages(client, path, { signal: ctl.signal }));
    return tasks.start('load', `Load images from ${path}`, async (report, signal) => {
      signal.addEventListener('abort', () => ctl.abort(), { once: true });
      const log: string[] = [];
      for await (const p of progress) {
        if (p.kind === 'bytes')
          report({ text: `Reading ${path}`, current: p.current, ...(p.total ? { total: p.total } : {}) });
        else if (p.kind === 'log') {
          log.push(p.text);
          report({ text: p.text, log: log.slice(-50) });
        } else {
          report({ text: `Loaded ${p.images.join(', ') || 'nothing'}`, log: log.slice(-50) });
          return { images: p.images };
        }
      }
      return {};
    });
  },
};
