// Reading 200 000 log lines through the facade (demultiplexed and split into lines) vs `docker logs > /dev/null`.
import { connectEngine } from '../../app/engine/docker/client';
import { waitContainer, removeContainer } from '../../app/engine/docker/containers-lifecycle';
import { runContainer } from '../../app/engine/docker/container-run';
import { readLogs } from '../../app/engine/docker/logs';
import { alternateRuns, timeCommand } from '../measure';
import type { BenchScenario } from '../types';

export const scenario: BenchScenario = {
  id: 'read-logs',
  title: 'readLogs (facade, non-follow) vs docker logs > /dev/null',
  goal: '≤ 1.2× docker logs',
  goalRatio: 1.2,
  async run(ctx) {
    const lines = ctx.quick ? 20_000 : 200_000;
    const client = await connectEngine({ kind: 'unix', socketPath: ctx.engine.socket });
    const { id } = await runContainer(client, { image: ctx.busybox, command: ['seq', '1', String(lines)] });
    try {
      await waitContainer(client, id);
      const runs = ctx.quick ? 2 : 11;
      const cpu: number[] = [];
      const readAll = async () => {
        const c0 = process.cpuUsage();
        let n = 0;
        for await (const batch of readLogs(client, id)) n += batch.length;
        if (n !== lines) throw new Error(`read ${n} of ${lines} lines`);
        const c = process.cpuUsage(c0);
        cpu.push((c.user + c.system) / 1000);
      };
      const env = { ...process.env, DOCKER_HOST: ctx.engine.host };
      const { berth, reference } = await alternateRuns(runs, readAll, () => timeCommand('docker', ['logs', id], env));
      ctx.log(`Berth's own CPU per read: ${cpu.map((c) => c.toFixed(0)).join(', ')} ms`);
      return { berth, reference, unit: 'ms', referenceLabel: `docker logs > /dev/null, ${lines} lines` };
    } finally {
      await removeContainer(client, id, { force: true });
    }
  },
};
