// The stats row of the VM scenario: what sampling every container's stats once a second costs Berth's
// VM (the QEMU process, all threads: the guest kernel, dockerd, containerd, the shims and Berth's
// guest stats service), with N busybox containers running in it. Berth's sampler as the list runs it
// on this VM (one request per round on the control port, stats-dump.ts) and the same sampler through
// the engine (one one-shot stats call per container: what Berth did before), against `docker stats`
// on the same VM. The three alternate once each over the same length of time.
import { spawn } from 'node:child_process';
import { connectEngine } from '../../../app/engine/docker/client';
import { mapLimit } from '../../../app/engine/docker/map-limit';
import type { StatsSamplerOptions } from '../../../app/engine/docker/stats-sampler';
import type { QemuHost } from '../../../app/engine/host/vm/qemu-host';
import { runDocker, type TestEngine } from '../../../harness/engine';
import { buildBusybox } from '../../../harness/fixtures';
import { cpuSeconds, row } from '../../measure';
import type { BenchContext, BenchResult } from '../../types';
import { sampleFor } from './sample-for';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
export const VM_STATS_CONTAINERS = 50;
const SECONDS = 30;
/** Starting containers under emulation is slow: past this, the row uses the ones that run. */
const START_BUDGET_MS = 6 * 60_000;

export const vmStatsTitle = (how: string, n = VM_STATS_CONTAINERS) =>
  `isolated Linux VM: VM CPU while sampling stats of ${n} containers at 1 Hz, ${SECONDS} s (${how})`;

export async function vmStatsRows(ctx: BenchContext, host: QemuHost, dir: string, how: string): Promise<BenchResult[]> {
  const a = host.address;
  const url = a.kind === 'tcp' ? `tcp://127.0.0.1:${a.port}` : '';
  const tls = { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: host.paths.tls };
  const docker = (args: string[], input?: Buffer) => runDocker(url, args, input, tls);
  const image = await buildBusybox({ dir, docker } as unknown as TestEngine);
  const t0 = Date.now();
  const started = await mapLimit(
    Array.from({ length: VM_STATS_CONTAINERS }, (_, i) => i),
    4,
    async () => (Date.now() - t0 < START_BUDGET_MS ? (await docker(['run', '-d', image, 'sleep', '3600'])).code : 1),
  );
  const n = started.filter((code) => code === 0).length;
  ctx.log(`${n} containers started in the VM in ${((Date.now() - t0) / 1000).toFixed(0)} s (${how})`);
  const ids = (await docker(['ps', '-q', '--no-trunc'])).stdout.split('\n').filter(Boolean);
  const pid = host.vmProcess!;
  const vmCpu = async (label: string, during: () => Promise<void>) => {
    const c0 = cpuSeconds(pid);
    await during();
    const c = cpuSeconds(pid) - c0;
    ctx.log(`${label}: QEMU ${c.toFixed(2)} cpu-s over ${SECONDS} s`);
    return c;
  };
  const client = await connectEngine(host.address);
  const sampling = (opts: StatsSamplerOptions) => sampleFor(ctx, client, ids, SECONDS, opts);
  await sleep(10_000); // the starts settle
  const idle = await vmCpu('idle with the containers', () => sleep(SECONDS * 1000));
  const bulk = await vmCpu(
    "Berth's sampler, the VM's stats service",
    sampling({ source: 'engine', bulk: () => host.containerStats() }),
  );
  const cli = await vmCpu('docker stats', async () => {
    const child = spawn('docker', ['stats'], { stdio: 'ignore', env: { ...process.env, DOCKER_HOST: url, ...tls } });
    await sleep(SECONDS * 1000);
    child.kill('SIGTERM');
    await new Promise<void>((r) => child.once('exit', () => r()));
  });
  const engine = await vmCpu("Berth's sampler, one-shot engine stats", sampling({ source: 'engine' }));
  const label = (what: string) =>
    `docker stats in the same VM, ${n} containers, ${SECONDS} s (${what}; idle VM ${idle.toFixed(2)} cpu-s)`;
  return [
    row({
      title: vmStatsTitle(how, n),
      berth: [bulk],
      reference: [cli],
      unit: 'cpu-s',
      referenceLabel: label("Berth: the VM's stats service, one request per round"),
      goal: '≤ 0.25× docker stats',
      goalRatio: 0.25,
    }),
    row({
      title: `${vmStatsTitle(how, n)}, through the engine (before the stats service)`,
      berth: [engine],
      reference: [cli],
      unit: 'cpu-s',
      referenceLabel: label('Berth: one one-shot engine stats call per container'),
      goal: '(informational)',
    }),
  ];
}
