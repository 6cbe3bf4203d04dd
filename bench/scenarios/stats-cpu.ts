// What sampling stats of 50 containers once a second for 30 s costs the engine (dockerd +
// containerd CPU time from /proc/<pid>/stat), Berth's sampler vs `docker stats`.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { connectEngine } from '../../app/engine/docker/client';
import { pruneContainers } from '../../app/engine/docker/containers';
import { removeContainer } from '../../app/engine/docker/containers-lifecycle';
import { runContainer } from '../../app/engine/docker/container-run';
import { mapLimit, type StatsSamplerOptions } from '../../app/engine/docker/stats-sampler';
import { cpuSeconds, withChildren } from '../measure';
import type { BenchContext, BenchResult, BenchScenario } from '../types';
import { sampleFor } from './support/sample-for';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** The engine's shims (containerd-shim-runc-v2), found by the engine's directory in their command line. */
function shimPids(ctx: BenchContext): number[] {
  const out: number[] = [];
  for (const p of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = readFileSync(`/proc/${p}/cmdline`, 'utf8');
      if (cmd.includes('containerd-shim') && cmd.includes(ctx.engine.dir)) out.push(Number(p));
    } catch {
      /* gone */
    }
  }
  return out;
}

const sum = (pids: number[]) =>
  pids.reduce((s, p) => {
    try {
      return s + cpuSeconds(p);
    } catch {
      return s;
    }
  }, 0);

/** CPU seconds dockerd + containerd (and, logged apart, the shims) use while `during` runs. */
async function engineCpu(ctx: BenchContext, label: string, during: () => Promise<void>): Promise<number> {
  const engine = withChildren(ctx.engine.pid);
  const shims = shimPids(ctx);
  const e0 = sum(engine);
  const s0 = sum(shims);
  await during();
  const e = sum(engine) - e0;
  const s = sum(shims) - s0;
  ctx.log(`${label}: dockerd+containerd ${e.toFixed(2)} cpu-s, shims ${s.toFixed(2)} cpu-s`);
  return e;
}

export const scenario: BenchScenario = {
  id: 'stats-cpu',
  title: 'engine CPU while sampling stats of 50 containers at 1 Hz for 30 s',
  goal: '≤ 0.25× docker stats',
  goalRatio: 0.25,
  async run(ctx): Promise<BenchResult[]> {
    const n = ctx.quick ? 3 : 50;
    const seconds = ctx.quick ? 3 : 30;
    const client = await connectEngine({ kind: 'unix', socketPath: ctx.engine.socket });
    ctx.log(`starting ${n} containers`);
    const ids = await mapLimit(
      Array.from({ length: n }, (_, i) => i),
      4,
      async () =>
        (
          await runContainer(client, {
            image: ctx.busybox,
            command: ['sleep', '3600'],
            labels: { 'berth.bench': 'stats-cpu' },
          })
        ).id,
    );
    try {
      await sleep(2000);
      const idle = await engineCpu(ctx, 'idle', () => sleep(seconds * 1000));
      const withSampler = (opts: StatsSamplerOptions) => sampleFor(ctx, client, ids, seconds, opts);
      const cgroup = await engineCpu(ctx, 'Berth sampler, cgroup files', withSampler({ source: 'auto' }));
      const oneShot = await engineCpu(ctx, 'Berth sampler, one-shot engine stats', withSampler({ source: 'engine' }));
      const dockerStats = await engineCpu(ctx, 'docker stats', async () => {
        const child = spawn('docker', ['stats'], {
          stdio: 'ignore',
          env: { ...process.env, DOCKER_HOST: ctx.engine.host },
        });
        await sleep(seconds * 1000);
        child.kill('SIGTERM');
        await new Promise<void>((r) => child.once('exit', () => r()));
      });
      ctx.log(`idle engine over the same time: ${idle.toFixed(2)} cpu-s`);
      return [
        {
          berth: [cgroup],
          reference: [dockerStats],
          unit: 'cpu-s',
          referenceLabel: `docker stats, ${n} containers, ${seconds} s (cgroup path)`,
        },
        {
          berth: [oneShot],
          reference: [dockerStats],
          unit: 'cpu-s',
          referenceLabel: `docker stats, ${n} containers, ${seconds} s (one-shot engine path)`,
        },
      ];
    } finally {
      await mapLimit(ids, 8, (id) => removeContainer(client, id, { force: true }).catch(() => undefined));
      await pruneContainers(client, { label: ['berth.bench=stats-cpu'] });
    }
  },
};
