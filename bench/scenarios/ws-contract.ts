// The contract over `berth serve`'s WebSocket: containers.list round trip vs `docker ps -a`, and a
// log subscription's throughput vs `docker logs > /dev/null`. The log arrives as bytes; the client
// splits it into lines with the page's own splitter, so the row counts what the page pays too.
// ws-logs-200k-floor sets the same subscription against the engine alone: the log read raw from its
// socket with nothing done to the bytes. dockerd decodes each line of its json-file log and writes
// each in its own syscall, so that read is the floor for any client; the row shows what Berth adds.
import { connect } from 'node:net';
import { startTestServer } from '../../app/main/serve/test-server';
import { connectTestClient } from '../../app/main/serve/ws-test-client';
import type { BytesItem } from '../../app/shared/contract';
import { LogLineSplitter } from '../../app/shared/log-lines';
import type { BenchContext, BenchResult, BenchScenario } from '../types';
import { alternateRuns, timeCommand, timeRuns } from '../measure';

const dockerEnv = (ctx: BenchContext) => ({ ...process.env, DOCKER_HOST: ctx.engine.host });

/** Reads a container's whole log from the engine's socket (HTTP/1.0, as Berth does) and discards it; ms. */
function timeRawLogRead(socket: string, name: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const s = connect(socket);
    let bytes = 0;
    s.on('data', (d: Buffer) => (bytes += d.length));
    s.on('error', reject);
    s.on('end', () =>
      bytes > 1000 ? resolve(performance.now() - t0) : reject(new Error(`the raw log read got ${bytes} bytes`)),
    );
    s.write(`GET /containers/${name}/logs?stdout=1&stderr=1 HTTP/1.0\r\nHost: docker\r\n\r\n`);
  });
}

/** The log subscription of a `seq` container (Berth's samples) against `reference` timed on the same log. */
async function logSubscription(
  ctx: BenchContext,
  reference: (name: string) => Promise<number>,
  referenceLabel: string,
): Promise<BenchResult> {
  const lines = ctx.quick ? 20_000 : 200_000;
  const name = `bench-logs-${Date.now()}`;
  await ctx.engine.docker(['run', '--name', name, ctx.busybox, 'seq', '1', String(lines)]);
  const t = await startTestServer(ctx.engine.host);
  const c = await connectTestClient(t.base, t.server.token);
  try {
    const runs = ctx.quick ? 2 : 5;
    const { berth, reference: ref } = await alternateRuns(
      runs,
      async () => {
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
      },
      () => reference(name),
    );
    return { berth, reference: ref, unit: 'ms', referenceLabel };
  } finally {
    await c.close();
    await t.close();
    await ctx.engine.docker(['rm', '-f', name]);
  }
}

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
    run: (ctx) =>
      logSubscription(ctx, (name) => timeCommand('docker', ['logs', name], dockerEnv(ctx)), 'docker logs > /dev/null'),
  },
  {
    id: 'ws-logs-200k-floor',
    title: 'log subscription over WebSocket, 200 000 lines, against the engine alone',
    goal: '≤ 1.2× the raw read (what Berth adds)',
    goalRatio: 1.2,
    run: (ctx) =>
      logSubscription(
        ctx,
        (name) => timeRawLogRead(ctx.engine.socket, name),
        "the log read raw from dockerd's socket, bytes discarded (the floor)",
      ),
  },
];
