// Listing containers through the facade vs `docker ps -a`, with 100 and 1 000 containers.
import { connectEngine } from '../../app/engine/docker/client';
import { createContainer } from '../../app/engine/docker/container-run';
import { listContainers, pruneContainers } from '../../app/engine/docker/containers';
import { mapLimit } from '../../app/engine/docker/stats-sampler';
import { timeCommand, timeRuns } from '../measure';
import type { BenchContext, BenchResult, BenchScenario } from '../types';

const LABEL = 'berth.bench=list-containers';

async function measure(ctx: BenchContext, total: number): Promise<BenchResult> {
  const client = await connectEngine({ kind: 'unix', socketPath: ctx.engine.socket });
  const existing = (await listContainers(client)).length;
  const missing = Math.max(0, total - existing);
  ctx.log(`creating ${missing} containers (${existing} exist)`);
  await mapLimit(
    Array.from({ length: missing }, (_, i) => i),
    8,
    () =>
      createContainer(client, { image: ctx.busybox, command: ['true'], labels: { 'berth.bench': 'list-containers' } }),
  );
  const count = (await listContainers(client)).length;
  if (count < total) throw new Error(`only ${count} of ${total} containers exist`);
  const runs = ctx.quick ? 3 : total >= 1000 ? 10 : 20;
  const env = { ...process.env, DOCKER_HOST: ctx.engine.host };
  // Warm both up, then alternate them, so a noisy shared machine weighs on both alike.
  await timeRuns(2, () => listContainers(client, { all: true }), 0);
  await timeCommand('docker', ['ps', '-a'], env);
  const berth: number[] = [];
  const reference: number[] = [];
  for (let i = 0; i < runs; i++) {
    berth.push(...(await timeRuns(1, () => listContainers(client, { all: true }), 0)));
    reference.push(await timeCommand('docker', ['ps', '-a'], env));
  }
  return { berth, reference, unit: 'ms', referenceLabel: `docker ps -a, ${count} containers` };
}

export const scenario: BenchScenario = {
  id: 'list-containers',
  title: 'listContainers (facade, in process) vs docker ps -a',
  goal: 'faster than docker ps -a',
  goalRatio: 1,
  async run(ctx) {
    try {
      return [await measure(ctx, ctx.quick ? 10 : 100), await measure(ctx, ctx.quick ? 20 : 1000)];
    } finally {
      // Leave the engine as we found it for the scenarios after this one.
      const client = await connectEngine({ kind: 'unix', socketPath: ctx.engine.socket });
      await pruneContainers(client, { label: [LABEL] });
    }
  },
};
