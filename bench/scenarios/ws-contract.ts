// The contract over `berth serve`'s WebSocket: containers.list round trip vs `docker ps -a`, and a
// log subscription's throughput vs `docker logs > /dev/null`. The log arrives as bytes; the client
// splits it into lines with the page's own splitter, so the row counts what the page pays too.
import { startTestServer } from '../../app/main/serve/test-server';
import { connectTestClient } from '../../app/main/serve/ws-test-client';
import type { BytesItem } from '../../app/shared/contract';
import { LogLineSplitter } from '../../app/shared/log-lines';
import type { BenchContext, BenchResult, BenchScenario } from '../types';
import { timeCommand, timeRuns } from '../measure';

const dockerEnv = (ctx: BenchContext) => ({ ...process.env, DOCKER_HOST: ctx.engine.host });

export const scenarios: BenchScenario[] = [
  {
    id: 'ws-list-100',
    title: 'containers.list over WebSocket, 100 containers',
    goal: 'faster than docker ps -a',
    goalRatio: 1,
    async run(ctx): Promise<BenchResult> {
      const n = ctx.quick ? 10 : 100;
      const existing = (await ctx.engine.docker(['ps', '-aq'])).stdout.trim().split('\n').filter(Boolean).length;
      for (let i = existing; i < n; i++)
        await ctx.engine.docker(['create', '--label', 'berth.bench=list', ctx.busybox, 'true']);
      const t = await startTestServer(ctx.engine.host);
      const c = await connectTestClient(t.base, t.server.token);
      try {
        const runs = ctx.quick ? 3 : 20;
        const berth = await timeRuns(runs, () => c.request('containers.list', { all: true }), 2);
        const reference: number[] = [];
        for (let i = 0; i < runs; i++) reference.push(await timeCommand('docker', ['ps', '-a'], dockerEnv(ctx)));
        return { berth, reference, unit: 'ms', referenceLabel: 'docker ps -a' };
      } finally {
        await c.close();
        await t.close();
      }
    },
  },
  {
    id: 'ws-logs-200k',
    title: 'log subscription over WebSocket, 200 000 lines',
    goal: '≤ 1.3× docker logs',
    goalRatio: 1.3,
    async run(ctx): Promise<BenchResult> {
      const lines = ctx.quick ? 20_000 : 200_000;
      const name = `bench-logs-${Date.now()}`;
      await ctx.engine.docker(['run', '--name', name, ctx.busybox, 'seq', '1', String(lines)]);
      const t = await startTestServer(ctx.engine.host);
      const c = await connectTestClient(t.base, t.server.token);
      try {
        const runs = ctx.quick ? 2 : 5;
        const berth = await timeRuns(runs, async () => {
          const splitter = new LogLineSplitter(false);
          let got = 0;
          const count = () => void got++;
          const s = c.subscribe(
            'containers.logs',
            { id: name, follow: false, tail: 'all', timestamps: false },
            { onItems: (items) => (items as BytesItem[]).forEach((i) => splitter.push(i.data, !!i.stderr, count)) },
          );
          await s.ended;
          splitter.end(count);
          if (got !== lines) throw new Error(`got ${got} of ${lines} lines`);
        });
        const reference: number[] = [];
        for (let i = 0; i < runs; i++) reference.push(await timeCommand('docker', ['logs', name], dockerEnv(ctx)));
        return { berth, reference, unit: 'ms', referenceLabel: 'docker logs > /dev/null' };
      } finally {
        await c.close();
        await t.close();
        await ctx.engine.docker(['rm', '-f', name]);
      }
    },
  },
];
