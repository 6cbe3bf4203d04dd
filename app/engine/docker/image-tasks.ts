// Pull, push, build, save and load as tasks (engine-task.ts): each folds its engine progress into the
// task centre's progress (per-layer bars, build steps, bytes written or read) and ends with its result.
import type { EngineClient } from './client';
import { abortWith, primed, type EngineTask } from './engine-task';
import { loadImages, saveImages } from './image-archive';
import { buildImage } from './image-build';
import { pullImage, type PullDone, type RegistryAuth } from './image-pull';
import { pushImage, type PushDone } from './image-push';
import { LayerBoard } from './layer-board';
import type { LayerProgress, StatusProgress } from './progress';

const LOG_LINES = 400;

/**
 * A pull or a push: its layers' progress folded into per-layer bars; `done` names the end's text and
 * result.
 */
function layerTask<D extends { kind: 'done' }, R>(
  kind: 'pull' | 'push',
  ref: string,
  doing: string,
  progress: (signal: AbortSignal) => AsyncIterable<LayerProgress | StatusProgress | D>,
  done: (d: D) => { text: string; result: R },
): EngineTask<R | { ref: string }> {
  return {
    kind,
    title: `${kind === 'pull' ? 'Pull' : 'Push'} ${ref}`,
    run: async (report, signal) => {
      const board = new LayerBoard(`${doing} ${ref}`);
      for await (const p of progress(signal)) {
        if (p.kind === 'layer') board.layer(p.id, p.status, p.current, p.total);
        else if (p.kind === 'status') board.text = p.text;
        else {
          const end = done(p);
          report({ ...board.progress(), text: end.text });
          return end.result;
        }
        report(board.progress());
      }
      return { ref };
    },
  };
}

export const pullTask = (client: EngineClient, ref: string, auth?: RegistryAuth) =>
  layerTask<PullDone, { ref: string; imageId?: string; upToDate: boolean }>(
    'pull',
    ref,
    'Pulling',
    (signal) => pullImage(client, ref, { signal, ...(auth ? { auth } : {}) }),
    (p) => ({
      text: p.upToDate ? `${ref} is up to date` : `Pulled ${ref}`,
      result: { ref: p.ref, imageId: p.imageId, upToDate: p.upToDate },
    }),
  );

export const pushTask = (client: EngineClient, ref: string, auth?: RegistryAuth) =>
  layerTask<PushDone, { ref: string; digest?: string }>(
    'push',
    ref,
    'Pushing',
    (signal) => pushImage(client, ref, { signal, ...(auth ? { auth } : {}) }),
    (p) => ({ text: `Pushed ${ref}`, result: { ref: p.ref, digest: p.digest } }),
  );

export interface BuildRequest {
  context: string;
  dockerfile?: string;
  tag?: string;
  /** KEY=VALUE, as the form and `docker build --build-arg` take them. */
  buildArgs: string[];
  noCache?: boolean;
  registryConfig?: Record<string, RegistryAuth>;
}

/** Checks the paths before the task exists, so a bad form is refused at once, next to its field. */
export async function buildTask(
  client: EngineClient,
  req: BuildRequest,
): Promise<EngineTask<{ imageId?: string; tags?: string[] }>> {
  const { context, dockerfile, tag, noCache, registryConfig } = req;
  const args = Object.fromEntries(req.buildArgs.map((a) => [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]));
  const ctl = new AbortController();
  const progress = await primed(
    buildImage(client, {
      context,
      dockerfile,
      ...(tag ? { tags: [tag] } : {}),
      buildArgs: args,
      noCache,
      ...(registryConfig ? { registryConfig } : {}),
      signal: ctl.signal,
    }),
  );
  return {
    kind: 'build',
    title: `Build ${tag ?? context}`,
    run: async (report, signal) => {
      const log: string[] = [];
      let text = 'Sending the build context';
      const release = abortWith(signal, ctl);
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
        release();
      }
    },
  };
}

export async function saveTask(
  client: EngineClient,
  refs: string[],
  path: string,
  overwrite?: boolean,
): Promise<EngineTask<{ path: string; size?: number }>> {
  const ctl = new AbortController();
  const progress = await primed(saveImages(client, refs, path, { signal: ctl.signal, overwrite }));
  return {
    kind: 'save',
    title: `Save ${refs.join(', ')} to ${path}`,
    run: async (report, signal) => {
      const release = abortWith(signal, ctl);
      try {
        for await (const p of progress) {
          if (p.kind === 'bytes')
            report({ text: `Writing ${path}`, current: p.current, ...(p.total ? { total: p.total } : {}) });
          else return { path: p.path, size: p.size };
        }
        return { path };
      } finally {
        release();
      }
    },
  };
}

export async function loadTask(client: EngineClient, path: string): Promise<EngineTask<{ images?: string[] }>> {
  const ctl = new AbortController();
  const progress = await primed(loadImages(client, path, { signal: ctl.signal }));
  return {
    kind: 'load',
    title: `Load images from ${path}`,
    run: async (report, signal) => {
      const release = abortWith(signal, ctl);
      const log: string[] = [];
      try {
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
      } finally {
        release();
      }
    },
  };
}
