// The isolated Linux VM host (QemuHost): cold start from nothing (a new data disk) to a successful
// /_ping, with KVM or software emulation stated. It boots the image build-image.sh builds from Debian
// packages (harness/vm-image.ts: built once per version of the VM scripts, as root; not timed).
// Boots take tens of seconds under emulation, so --quick skips it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findBinary } from '../../app/engine/host/binaries';
import { QemuHost } from '../../app/engine/host/vm/qemu-host';
import { ensureVmImage, vmImageUnavailable } from '../../harness/vm-image';
import { row } from '../measure';
import type { BenchScenario } from '../types';

function missing(): string | undefined {
  if (!findBinary('qemu-system-x86_64')) return 'QEMU is not installed (apt-get install qemu-system-x86)';
  return vmImageUnavailable();
}

export const scenario: BenchScenario = {
  id: 'vm-cold-start',
  title: 'isolated Linux VM: cold start to /_ping',
  goal: 'stated (KVM or emulation)',
  skip: () =>
    missing() ??
    (process.argv.includes('--quick')
      ? 'quick mode: a VM boot (about 20 s under emulation) plus building its image is too long for a smoke run'
      : undefined),
  async run(ctx) {
    const image = await ensureVmImage(ctx.log);
    const dir = mkdtempSync(join(tmpdir(), 'berth-bench-vm-'));
    const host = new QemuHost({
      paths: { data: join(dir, 'data'), config: join(dir, 'config') },
      resources: { cpus: 2, memoryGiB: 2, diskGiB: 4 },
      image: { dir: image },
    });
    try {
      // What actually booted: auto mode falls back from an unusable KVM to emulation, and says so.
      let emulated = false;
      host.subscribe((e) => {
        if (e.type === 'progress' && /software emulation/.test(e.progress)) emulated = true;
      });
      const t0 = performance.now();
      await host.start();
      const ms = performance.now() - t0;
      const kvm = !emulated;
      ctx.log(`booted with ${kvm ? 'KVM' : 'software emulation (TCG)'} in ${(ms / 1000).toFixed(1)} s`);
      return row({
        title: `isolated Linux VM: cold start to /_ping (${kvm ? 'KVM' : 'software emulation'})`,
        berth: [ms],
        reference: [],
        unit: 'ms',
        referenceLabel: kvm ? 'KVM' : 'software emulation (TCG): no usable KVM here',
      });
    } finally {
      await host.stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
