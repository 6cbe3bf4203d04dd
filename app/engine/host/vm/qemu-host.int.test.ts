// The isolated Linux VM for real: QEMU boots the image build-image.sh builds from Debian packages
// (built once into a cache dir under /tmp: harness/vm-image.ts), dockerd runs inside, a busybox
// container runs through the forwarded port, the engine data survives a stop and a second boot.
// Software emulation (TCG): slow (about 20–50 s per boot on a busy machine), no KVM needed. Its dir is
// registered with the harness reaper, so a killed test run leaves no QEMU.
// Needs: qemu-system-x86; to build the image, root and mmdebstrap.
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDocker, type TestEngine } from '../../../../harness/engine';
import { buildBusybox } from '../../../../harness/fixtures';
import { reapedTempDir } from '../../../../harness/reaped-dir';
import { ensureVmImage, holdVmSlot, vmImageUnavailable } from '../../../../harness/vm-image';
import { vmStages } from '../../../../harness/vm-stages';
import type { EngineHostEvent } from '../types';
import { findBinary } from '../binaries';
import { QemuHost } from './qemu-host';

/** QEMU is not part of every test machine (scripts/setup-debian.sh installs it). */
const missing = !findBinary('qemu-system-x86_64')
  ? 'install QEMU with `sudo apt-get install qemu-system-x86`'
  : vmImageUnavailable();
if (missing) console.warn(`SKIPPED the isolated Linux VM test: ${missing}.`);

let dir = '';
let releaseSlot: (() => void) | undefined;
let host: QemuHost;
const events: EngineHostEvent[] = [];
beforeAll(async () => {
  if (missing) return;
  const image = await ensureVmImage();
  releaseSlot = await holdVmSlot(); // one VM-booting test at a time on this machine
  dir = reapedTempDir('linux-vm');
  host = new QemuHost({
    paths: { data: join(dir, 'data'), config: join(dir, 'config') },
    accel: 'tcg',
    resources: { cpus: 2, memoryGiB: 2, diskGiB: 4 },
    image: { dir: image },
  });
  host.subscribe((e) => events.push(e));
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
const docker = (args: string[], input?: string | Buffer) =>
  runDocker(url(), args, input, { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: host.paths.tls });

describe.skipIf(missing !== undefined)(
  'QemuHost: the isolated Linux VM (real QEMU, software emulation)',
  { timeout: 1500000 },
  () => {
    it('boots, serves a busybox container, stops, and boots again with its data', async () => {
      // Each stage has its own deadline, so a hang names itself with the VM's console (CI shows only that).
      const stage = vmStages({ consoleFile: () => host.paths.logFile, qmpSocket: () => host.paths.qmp });
      const MIN = 60000;
      const began = Date.now();
      expect(await stage('first boot', 6 * MIN, () => host.start())).toBe('running');
      const bootMs = Date.now() - began;
      const progress = events.flatMap((e) => (e.type === 'progress' ? [e.progress] : []));
      expect(progress).toContain("Booting Berth's VM (software emulation: slow, no KVM)");
      expect(progress).toContain('Starting dockerd inside the VM');
      const info = await stage('docker info', 2 * MIN, () =>
        docker(['info', '--format', '{{.Name}} {{.DockerRootDir}}']),
      );
      expect(info.stdout.trim()).toBe('berth-vm /var/lib/berth/docker');
      // The forwarded port is not open to every local process: without Berth's client certificate
      // (plain HTTP, or TLS without the key) the engine does not answer.
      expect((await stage('docker version, plain HTTP', 2 * MIN, () => runDocker(url(), ['version']))).code).not.toBe(
        0,
      );
      const noKey = await stage('docker version, TLS without the key', 2 * MIN, () =>
        runDocker(url(), ['--tls', '--tlscacert', join(host.paths.tls, 'ca.pem'), 'version']),
      );
      expect(noKey.code).not.toBe(0);
      expect(statSync(join(host.paths.tls, 'key.pem')).mode & 0o777).toBe(0o600);

      const image = await stage('busybox image', 3 * MIN, () => buildBusybox({ dir, docker } as unknown as TestEngine));
      const run = await stage('docker run', 2 * MIN, () =>
        docker(['run', '--rm', image, 'sh', '-c', 'echo hello from $(uname -n) in the VM']),
      );
      expect(run.stderr).toBe('');
      expect(run.stdout).toMatch(/^hello from [0-9a-f]{12} in the VM\n$/);

      await stage('stop', 2 * MIN, () => host.stop());
      expect(host.status().state).toBe('stopped');
      expect(host.logTail(50).join('\n')).toContain('BERTH-VM-STOPPED');
      const disk = (await host.diskUsage())!;
      expect(disk.sizeBytes).toBe(4 * 1024 ** 3);
      expect(disk.usedBytes).toBeGreaterThan(0);
      expect(disk.usedBytes).toBeLessThan(disk.sizeBytes); // sparse, trimmed on stop
      expect(disk.hostFreeBytes).toBeGreaterThan(0);

      // A bigger disk in settings: a stopped VM needs no restart for it, and boots with it grown.
      expect(await host.setResources({ cpus: 2, memoryGiB: 2, diskGiB: 5 })).toEqual({ reasons: [], warnings: [] });
      expect(await stage('second boot, disk grown', 6 * MIN, () => host.start())).toBe('running');
      const images = await stage('docker image ls', 2 * MIN, () =>
        docker(['image', 'ls', '--format', '{{.Repository}}']),
      );
      expect(images.stdout).toContain('berth-fixture/busybox');
      expect((await host.diskUsage())!.sizeBytes).toBe(5 * 1024 ** 3);
      // The engine's file system grew with the image (a container's overlay root reports its size).
      const df = await stage('docker run df', 2 * MIN, () => docker(['run', '--rm', image, 'df', '-k', '/']));
      const kib = Number(df.stdout.trim().split('\n').at(-1)!.trim().split(/\s+/)[1]);
      expect(kib).toBeGreaterThan(4.5 * 1024 ** 2);
      // Running: more CPUs need a restart, said as a sentence; a smaller disk is refused with why.
      const plan = await host.setResources({ cpus: 1, memoryGiB: 2, diskGiB: 4 });
      expect(plan.message).toBe('Restart needed because the number of CPUs changes from 2 to 1.');
      expect(plan.warnings.join(' ')).toMatch(/cannot shrink from 5 GiB to 4 GiB/);
      await host.setResources({ cpus: 2, memoryGiB: 2, diskGiB: 5 });
      await stage('last stop', 2 * MIN, () => host.stop());
      console.log(`isolated Linux VM: cold start to /_ping ${Math.round(bootMs / 1000)} s (software emulation)`);
    });
  },
);
