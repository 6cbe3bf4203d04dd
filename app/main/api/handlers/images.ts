// images.* requests; a pull runs as a task with per-layer progress.
import { pullImage } from '../../../engine/docker/image-pull';
import { listImages, removeImage } from '../../../engine/docker/images';
import type { TaskProgress } from '../../../shared/contract';
import type { RequestHandlers } from '../types';

type Layer = NonNullable<TaskProgress['layers']>[number];

export const imageHandlers: Pick<RequestHandlers, 'images.list' | 'images.pull' | 'images.remove'> = {
  'images.list': async (_a, { engine }) => listImages(await engine.client()),
  'images.pull': async ({ ref }, { engine, tasks }) => {
    const client = await engine.client();
    return tasks.start('pull', `Pull ${ref}`, async (report, signal) => {
      const layers = new Map<string, Layer>();
      let text = `Pulling ${ref}`;
      for await (const p of pullImage(client, ref, { signal })) {
        if (p.kind === 'layer') layers.set(p.id, { id: p.id, status: p.status, ...(p.current !== undefined ? { current: p.current } : {}), ...(p.total !== undefined ? { total: p.total } : {}) });
        else if (p.kind === 'status') text = p.text;
        else return { ref: p.ref, imageId: p.imageId, upToDate: p.upToDate };
        const all = [...layers.values()];
        const total = all.reduce((n, l) => n + (l.total ?? 0), 0);
        const current = all.reduce((n, l) => n + (l.current ?? (/complete|already exists/i.test(l.status) ? (l.total ?? 0) : 0)), 0);
        report({ text, layers: all, ...(total ? { current, total } : {}) });
      }
      return { ref };
    });
  },
  'images.remove': async ({ ref, force }, { engine }) => {
    await removeImage(await engine.client(), ref, { force });
  },
};
