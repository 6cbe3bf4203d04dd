// Listing images with in-use flags and users (one /images/json and one /containers/json call)
// against `docker images` on the same engine, with many distinct images and some containers.
import { connectEngine } from '../../app/engine/docker/client';
import { tarOneFile } from '../../app/engine/docker/container-files-tar';
import { listImages } from '../../app/engine/docker/images';
import type { BenchContext, BenchResult, BenchScenario } from '../types';

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

/** Distinct one-file images, imported from tiny tars (no registry needed). */
async function makeImages(ctx: BenchContext, count: number, prefix: string): Promise<string[]> {
  const refs: string[] = [];
  for (let i = 0; i < count; i++) {
    const ref = `${prefix}:${i}`;
    const res = await ctx.engine.docker(
      ['import', '-', ref],
      await tarOneFile(`file-${i}`, Buffer.from(`image ${i}\n`)),
    );
    if (res.code !== 0) throw new Error(`could not import a bench image: ${res.stderr}`);
    refs.push(ref);
  }
  return refs;
}

export const imagesListScenario: BenchScenario = {
  id: 'images-list',
  title: 'List images with in-use flags',
  goal: '≤ 1× docker images',
  goalRatio: 1,
  async run(ctx: BenchContext): Promise<BenchResult> {
    const count = ctx.quick ? 5 : 200;
    const rounds = ctx.quick ? 3 : 20;
    const prefix = `berth-bench/images-${Date.now().toString(36)}`;
    const refs = await makeImages(ctx, count, prefix);
    const containers: string[] = [];
    for (let i = 0; i < Math.min(20, count); i++) {
      const name = `berth-bench-img-${Date.now().toString(36)}-${i}`;
      await ctx.engine.docker(['create', '--name', name, ctx.busybox, 'true']);
      containers.push(name);
    }
    try {
      const client = await connectEngine({ kind: 'unix', socketPath: ctx.engine.socket });
      await listImages(client);
      await ctx.engine.docker(['images']);
      const berth: number[] = [];
      const reference: number[] = [];
      for (let r = 0; r < rounds; r++) {
        berth.push(await time(() => listImages(client)));
        reference.push(await time(() => ctx.engine.docker(['images'])));
      }
      ctx.log(`${count} images, ${containers.length} containers`);
      return { berth, reference, unit: 'ms', referenceLabel: 'docker images' };
    } finally {
      if (containers.length) await ctx.engine.docker(['rm', '-f', ...containers]);
      await ctx.engine.docker(['rmi', '-f', ...refs]);
    }
  },
};

export default imagesListScenario;
