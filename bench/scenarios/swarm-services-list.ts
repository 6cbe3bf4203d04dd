// The swarm's services list with 200 services (Berth's services.list: one engine call with the
// running/desired counts) in process and over `berth serve`'s WebSocket, against `docker service ls`
// on the same engine in the same run. The swarm lives on an engine of its own in a network namespace
// (the harness's swarm lab), so the other scenarios' engine never joins a swarm. The services have 0
// replicas: listing them costs the same, and 200 tasks would swamp a 2-core machine.
import { connectEngine, parseEngineAddress } from '../../app/engine/docker/client';
import { mapLimit } from '../../app/engine/docker/map-limit';
import { swarmApi } from '../../app/engine/docker/swarm';
import { startTestServer } from '../../app/main/serve/test-server';
import { connectTestClient } from '../../app/main/serve/ws-test-client';
import { startSwarmLab } from '../../harness/swarm-lab';
import { timeCommand, timeRuns } from '../measure';
import type { BenchResult, BenchScenario } from '../types';
import { missingUnlessRuns } from './support/requires';

export const scenario: BenchScenario = {
  id: 'swarm-services-list',
  title: 'services.list, 200 swarm services',
  goal: 'faster than docker service ls',
  goalRatio: 1,
  skip: () => missingUnlessRuns('ip', ['netns', 'list'], 'needs `ip netns` (iproute2) and root for the swarm lab'),
  async run(ctx): Promise<BenchResult[]> {
    const total = ctx.quick ? 10 : 200;
    const lab = await startSwarmLab(1);
    try {
      const node = lab.nodes[0]!;
      await node.engine.docker(['swarm', 'init', '--advertise-addr', node.addr]);
      ctx.log(`creating ${total} services`);
      await mapLimit(
        Array.from({ length: total }, (_, i) => i),
        4,
        async (i) => {
          const r = await node.engine.docker([
            'service',
            'create',
            '--detach',
            '--no-resolve-image',
            '--replicas',
            '0',
            '--name',
            `bench-${i}`,
            ctx.busybox,
            'sleep',
            '86400',
          ]);
          if (r.code !== 0) throw new Error(`docker service create failed: ${r.stderr}`);
        },
      );
      const api = swarmApi(await connectEngine(parseEngineAddress(node.engine.host)));
      const count = (await api.services()).length;
      if (count !== total) throw new Error(`services.list returned ${count} of ${total} services`);
      const env = { ...process.env, DOCKER_HOST: node.engine.host };
      const runs = ctx.quick ? 3 : 15;
      const reference = `docker service ls, ${total} services`;

      const inProcess: BenchResult = { berth: [], reference: [], unit: 'ms', referenceLabel: reference };
      await timeRuns(2, () => api.services(), 0);
      await timeCommand('docker', ['service', 'ls'], env);
      for (let i = 0; i < runs; i++) {
        inProcess.berth.push(...(await timeRuns(1, () => api.services(), 0)));
        inProcess.reference.push(await timeCommand('docker', ['service', 'ls'], env));
      }

      const t = await startTestServer(node.engine.host);
      const c = await connectTestClient(t.base, t.server.token);
      const overWs: BenchResult = {
        title: `services.list over WebSocket, ${total} swarm services`,
        berth: [],
        reference: [],
        unit: 'ms',
        referenceLabel: reference,
      };
      try {
        const list = () => c.request<unknown[]>('services.list', {});
        if ((await list()).length !== total) throw new Error('services.list over WebSocket missed services');
        await timeRuns(2, list, 0);
        for (let i = 0; i < runs; i++) {
          overWs.berth.push(...(await timeRuns(1, list, 0)));
          overWs.reference.push(await timeCommand('docker', ['service', 'ls'], env));
        }
      } finally {
        await c.close();
        await t.close();
      }
      return [{ ...inProcess, title: `services.list (facade, in process), ${total} swarm services` }, overWs];
    } finally {
      await lab.stop();
    }
  },
};

export default scenario;
