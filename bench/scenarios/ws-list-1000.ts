// containers.list over `berth serve`'s WebSocket with 1 000 containers against `docker ps -a` on
// the same engine (ws-list-100 in ws-contract.ts covers 100). Runs alternate after a warm-up.
import { connectEngine } from '../../app/engine/docker/client';
import { createContainer } from '../../app/engine/docker/container-run';
import { listContainers, pruneContainers } from '../../app/engine/docker/containers';
import { mapLimit } from '../../app/engine/docker/stats-sampler';
import { startTestServer } from '../../app/main/serve/test-server';
import { connectTestClient } from '../../app/main/serve/ws-test-client';
import { timeCommand, timeRuns } from '../measure';
import type { BenchResult, BenchScenario } from '../types';

const LABEL = 'berth.bench=ws-list-1000';

export const scenario: BenchScenario = {
  id: 'ws-list-1000',
  title: 'containers.list over WebSocket, 1 000 containers',
  goal: 'faster than docker ps -a',
  goalRatio: 1,
  async run(ctx): Promise<BenchResult> {
    const total = ctx.quick ? 30 : 1000;
    const client = await connectEngine({ kind: 'unix', socketPath: ctx.engine.socket });
    const existing = (await listContainers(client, { all: true })).length;
    ctx.log(`creating ${Math.max(0, total - existing)} containers (${existing} exist)`);
    await mapLimit(
      Array.from({ length: Math.max(0, total - existing) }, (_, i) => i),
      8,
      () =>
        createContainer(client, { image: ctx.busybox, command: ['true'], labels: { 'berth.bench': 'ws-list-1000' } }),
    );
    const t = await startTestServer(ctx.engine.host);
    const c = await connectTestClient(t.base, t.server.token);
    try {
      const list = () => c.request<unknown[]>('containers.list', { all: true });
      const count = (await list()).length;
      if (count < total) throw new Error(`containers.list returned ${count} of ${total} containers`);
      const env = { ...process.env, DOCKER_HOST: ctx.engine.host };
      await timeRuns(2, list, 0);
      await timeCommand('docker', ['ps', '-a'], env);
      const runs = ctx.quick ? 3 : 15;
      const berth: number[] = [];
      const reference: number[] = [];
      for (let i = 0; i < runs; i++) {
        berth.push(...(await timeRuns(1, list, 0)));
        reference.push(await timeCommand('docker', ['ps', '-a'], env));
      }
      return { berth, reference, unit: 'ms', referenceLabel: `docker ps -a, ${count} containers` };
    } finally {
      await c.close();
      await t.close();
      await pruneContainers(client, { label: [LABEL] });
    }
  },
};

export default scenario;
