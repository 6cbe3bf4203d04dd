// Container stats through Berth's isolated VM for real: QEMU boots the image (software emulation),
// busybox containers run inside, and their counters come from the guest's control service
// (berth-guest-control + berth-cgroup-dump reading the VM kernel's cgroup files) in one request for
// all of them — compared with what dockerd itself says, and fed to the list's StatsSampler, which then
// asks the guest once per round instead of the engine once per container.
// Needs: qemu-system-x86; to build the image, root and mmdebstrap.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDocker, type TestEngine } from '../../../../harness/engine';
import { buildBusybox } from '../../../../harness/fixtures';
import { reapedTempDir } from '../../../../harness/reaped-dir';
import { ensureVmImage, holdVmSlot, vmImageUnavailable } from '../../../../harness/vm-image';
import { connectEngine } from '../../docker/client';
import { engineCounters, type StatsSample } from '../../docker/stats';
import { StatsSampler } from '../../docker/stats-sampler';
import { findBinary } from '../binaries';
import { QemuHost } from './qemu-host';

const missing = !findBinary('qemu-system-x86_64')
  ? 'install QEMU with `sudo apt-get install qemu-system-x86`'
  : vmImageUnavailable();
if (missing) console.warn(`SKIPPED the VM stats test: ${missing}.`);

let dir = '';
let releaseSlot: (() => void) | undefined;
let host: QemuHost;
beforeAll(async () => {
  if (missing) return;
  const image = await ensureVmImage();
  releaseSlot = await holdVmSlot(); // one VM-booting test at a time on this machine
  dir = reapedTempDir('linux-vm-stats');
  host = new QemuHost({
    paths: { data: join(dir, 'data'), config: join(dir, 'config') },
    accel: 'tcg',
    resources: { cpus: 2, memoryGiB: 2, diskGiB: 4 },
    image: { dir: image },
  });
}, 1800000);
afterAll(async () => {
  await host?.stop().catch(() => undefined);
  if (dir) rmSync(dir, { recursive: true, force: true });
  releaseSlot?.();
}, 120000);

const url = () => {
  const a = host.address;
  return a.kind === 'tcp' ? `tcp://127.0.0.1:${a.port}` : '';
};
/** The docker CLI with Berth's client certificate (the engine verifies it). */
const rawDocker = (args: string[], input?: Buffer) =>
  runDocker(url(), args, input, { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: host.paths.tls });
const docker = async (args: string[]) => {
  const r = await rawDocker(args);
  if (r.code !== 0) throw new Error(`docker ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
};

describe.skipIf(missing !== undefined)(
  "QemuHost: containers' stats from the VM's control port (real QEMU, software emulation)",
  { timeout: 900000 },
  () => {
    it('answers one request with every running container’s counters, as dockerd counts them', async () => {
      expect(host.containerStats()).toBeUndefined(); // not running
      expect(await host.start()).toBe('running');
      const image = await buildBusybox({ dir, docker: rawDocker } as unknown as TestEngine);
      const a = await docker([
        'run',
        '-d',
        '--memory',
        '64m',
        image,
        'sh',
        '-c',
        'head -c 4000000 /dev/zero > /tmp/x; sleep 3600',
      ]);
      const b = await docker(['run', '-d', image, 'sleep', '3600']);
      const stopped = await docker(['create', image, 'true']);
      const source = host.containerStats();
      expect(source?.label).toBe("Berth's VM (control port)");

      const got = await source!.read([a, b, stopped]);
      expect([...got.keys()].sort()).toEqual([a, b].sort());
      const client = await connectEngine(host.address);
      const engine = await engineCounters(client, a);
      const mine = got.get(a)!;
      expect(mine.onlineCpus).toBe(2);
      expect(mine.memLimit).toBe(64 * 1024 * 1024); // the container's limit, from memory.max
      expect(mine.pids).toBe(engine.pids);
      // Memory moves a little between two reads; the same within 1 MiB.
      expect(Math.abs(mine.memUsage - engine.memUsage)).toBeLessThan(1024 * 1024);
      expect(mine.cpuNs).toBeGreaterThan(0);
      expect(mine.cpuNs).toBeLessThanOrEqual(engine.cpuNs);
      // No limit: the VM's memory (2 GiB less what its kernel keeps).
      expect(got.get(b)!.memLimit).toBeGreaterThan(1.5 * 1024 ** 3);
      expect(got.get(b)!.memLimit).toBeLessThanOrEqual(2 * 1024 ** 3);

      // The list's sampler, set to ask the engine, takes each round from the guest in one request.
      let reads = 0;
      const counted = () => {
        const s = host.containerStats();
        return s && { label: s.label, read: (ids: readonly string[]) => (reads++, s.read(ids)) };
      };
      const sampler = new StatsSampler(client, { intervalMs: 1000, source: 'engine', bulk: counted });
      const batches: StatsSample[][] = [];
      const off = sampler.subscribe([a, b, stopped], (batch) => batches.push(batch));
      const until = Date.now() + 60000;
      while (batches.length < 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
      off();
      sampler.close();
      // One read for the first sample, one per tick: never one per container.
      expect(reads).toBeGreaterThanOrEqual(batches.length);
      expect(reads).toBeLessThanOrEqual(batches.length + 2);
      expect(batches.length).toBeGreaterThanOrEqual(2);
      expect(
        batches
          .at(-1)!
          .map((s) => s.id)
          .sort(),
      ).toEqual([a, b].sort());

      // Many requests in a row keep their answers apart (a SEQ each).
      const rounds = await Promise.all([source!.read([a]), source!.read([b]), source!.read([a, b])]);
      expect(rounds.map((m) => [...m.keys()].sort())).toEqual([[a], [b], [a, b].sort()]);

      // The same port still stops the VM cleanly.
      await host.stop();
      expect(host.logTail(50).join('\n')).toContain('BERTH-VM-STOPPED');
      expect(host.containerStats()).toBeUndefined();
    });
  },
);
