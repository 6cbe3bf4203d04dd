// The isolated Linux VM for real: QEMU boots this machine's Debian kernel with Berth's initramfs,
// dockerd runs inside, a busybox container runs through the forwarded port, the engine data survives
// a stop and a second boot. Software emulation (TCG): slow (about a minute per boot), no KVM needed.
// Needs: qemu-system-x86, linux-image-amd64, busybox-static, docker.io.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDocker, type TestEngine } from '../../../../harness/engine';
import { buildBusybox } from '../../../../harness/fixtures';
import type { EngineEvent } from '../types';
import { findBinary } from '../binaries';
import { findGuestKernel } from './initramfs';
import { QemuHost } from './qemu-host';

/** QEMU and a kernel package are not part of every test machine yet (scripts/setup-debian.sh). */
function missingPrerequisite(): string | undefined {
  if (!findBinary('qemu-system-x86_64')) return 'qemu-system-x86';
  try {
    findGuestKernel();
    return undefined;
  } catch {
    return 'linux-image-amd64';
  }
}
const missing = missingPrerequisite();
if (missing) console.warn(`SKIPPED the isolated Linux VM test: install it with \`sudo apt-get install ${missing}\`.`);

let dir = '';
let host: QemuHost;
const events: EngineEvent[] = [];
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'berth-linux-vm-'));
  host = new QemuHost({ paths: { data: join(dir, 'data'), config: join(dir, 'config') }, accel: 'tcg', diskGiB: 4 });
  host.subscribe((e) => events.push(e));
});
afterAll(async () => {
  await host?.stop().catch(() => undefined);
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 120000);

const docker = (args: string[], input?: string | Buffer) => {
  const a = host.address;
  return runDocker(a.kind === 'tcp' ? `tcp://127.0.0.1:${a.port}` : '', args, input);
};

describe.skipIf(missing !== undefined)(
  'QemuHost: the isolated Linux VM (real QEMU, software emulation)',
  { timeout: 600000 },
  () => {
    it('boots, serves a busybox container, stops, and boots again with its data', async () => {
      const began = Date.now();
      expect(await host.start()).toBe('running');
      const bootMs = Date.now() - began;
      const progress = events.flatMap((e) => (e.type === 'progress' ? [e.progress] : []));
      expect(progress).toContain("Booting Berth's VM (software emulation: slow, no KVM)");
      expect(progress).toContain('Starting dockerd inside the VM');
      const info = await docker(['info', '--format', '{{.Name}} {{.DockerRootDir}}']);
      expect(info.stdout.trim()).toBe('berth-vm /var/lib/berth/docker');

      const image = await buildBusybox({ dir, docker } as unknown as TestEngine);
      const run = await docker(['run', '--rm', image, 'sh', '-c', 'echo hello from $(uname -n) in the VM']);
      expect(run.stderr).toBe('');
      expect(run.stdout).toMatch(/^hello from [0-9a-f]{12} in the VM\n$/);

      await host.stop();
      expect(host.status().state).toBe('stopped');
      expect(host.logTail(50).join('\n')).toContain('BERTH-VM-STOPPED');
      const disk = host.diskUsage();
      expect(disk.sizeBytes).toBe(4 * 1024 ** 3);
      expect(disk.usedBytes).toBeGreaterThan(0);
      expect(disk.usedBytes).toBeLessThan(disk.sizeBytes); // sparse, trimmed on stop
      expect(disk.hostFreeBytes).toBeGreaterThan(0);

      expect(await host.start()).toBe('running');
      const images = await docker(['image', 'ls', '--format', '{{.Repository}}']);
      expect(images.stdout).toContain('berth-fixture/busybox');
      await host.stop();
      console.log(`isolated Linux VM: cold start to /_ping ${Math.round(bootMs / 1000)} s (software emulation)`);
    });

    it('with accel "auto" uses KVM when QEMU can, else falls back to software emulation and says so', async () => {
      const auto = new QemuHost({
        paths: { data: join(dir, 'auto'), config: join(dir, 'config') },
        accel: 'auto',
        diskGiB: 2,
      });
      const seen: EngineEvent[] = [];
      auto.subscribe((e) => seen.push(e));
      try {
        expect(await auto.start()).toBe('running');
        const progress = seen.flatMap((e) => (e.type === 'progress' ? [e.progress] : []));
        const notices = seen.flatMap((e) => (e.type === 'notice' ? [e.message] : []));
        if (
          progress.includes("Booting Berth's VM (software emulation: slow, no KVM)") &&
          progress.includes("Booting Berth's VM (KVM)")
        )
          expect(notices.join(' ')).toMatch(/KVM did not work here .*software emulation instead/);
        else expect(progress.some((p) => p.startsWith("Booting Berth's VM ("))).toBe(true);
        console.log(`isolated Linux VM (auto): ${progress.filter((p) => p.startsWith('Booting')).join(' → ')}`);
      } finally {
        await auto.stop();
      }
      expect(auto.status().state).toBe('stopped');
    });
  },
);
