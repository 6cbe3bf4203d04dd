// Berth's isolated Linux VM (QemuHost, the Debian image build-image.sh makes): cold start from nothing
// (a new data disk) to a successful /_ping over its mutual-TLS port, then the VM's CPU while idle with
// no containers for 60 s (the QEMU process, all its threads), then the VM's CPU while sampling stats
// of 50 containers at 1 Hz through Berth's guest stats service vs `docker stats` (support/vm-stats.ts).
// Once under software emulation (TCG), and once with KVM where QEMU can use it; where it cannot, the KVM rows say why. The image is built
// first when needed (harness/vm-image.ts, as root; not timed). Boots take tens of seconds under
// emulation, so --quick skips it.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { findBinary } from '../../app/engine/host/binaries';
import { kvmProblem } from '../../app/engine/host/vm/kvm';
import { QemuHost } from '../../app/engine/host/vm/qemu-host';
import { reapedTempDir } from '../../harness/reaped-dir';
import { ensureVmImage, holdVmSlot, vmImageUnavailable } from '../../harness/vm-image';
import { cpuSeconds, row } from '../measure';
import type { BenchContext, BenchResult, BenchScenario } from '../types';
import { vmStatsRows, vmStatsTitle } from './support/vm-stats';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const IDLE_S = 60;
/** After the engine answers, dockerd and containerd finish starting up before the idle window. */
const SETTLE_S = 15;
const IDLE_GOAL = '≤ 2 % of a core (with KVM)';

function missing(): string | undefined {
  if (!findBinary('qemu-system-x86_64')) return 'QEMU is not installed (apt-get install qemu-system-x86)';
  return vmImageUnavailable();
}

/** Boots one VM with `accel` and measures it; the rows say which accelerator ran. */
async function measure(ctx: BenchContext, image: string, accel: 'kvm' | 'tcg'): Promise<BenchResult[]> {
  const how = accel === 'kvm' ? 'KVM' : 'software emulation';
  const dir = reapedTempDir('bench-vm'); // a killed bench run leaves no VM
  const host = new QemuHost({
    paths: { data: join(dir, 'data'), config: join(dir, 'config') },
    resources: { cpus: 2, memoryGiB: 2, diskGiB: 4 },
    accel,
    image: { dir: image },
  });
  try {
    const t0 = performance.now();
    await host.start();
    const bootMs = performance.now() - t0;
    ctx.log(`booted with ${how} in ${(bootMs / 1000).toFixed(1)} s`);
    await sleep(SETTLE_S * 1000);
    const pid = host.vmProcess!;
    const c0 = cpuSeconds(pid);
    const w0 = performance.now();
    await sleep(IDLE_S * 1000);
    const pct = ((cpuSeconds(pid) - c0) / ((performance.now() - w0) / 1000)) * 100;
    ctx.log(`idle with no containers: QEMU ${pct.toFixed(2)} % of a core over ${IDLE_S} s (${how})`);
    const stats = await vmStatsRows(ctx, host, dir, how);
    return [
      row({
        title: `isolated Linux VM: cold start to /_ping (${how})`,
        berth: [bootMs],
        reference: [],
        unit: 'ms',
        referenceLabel: `${how}, 2 vCPUs, new 4 GiB data disk`,
        goal: 'stated',
      }),
      row({
        title: `isolated Linux VM: idle CPU, no containers, ${IDLE_S} s (${how})`,
        berth: [pct],
        reference: [],
        unit: '% core',
        referenceLabel: `the QEMU process, all threads, from ${SETTLE_S} s after /_ping`,
        goal: IDLE_GOAL,
        limit: 2,
      }),
      ...stats,
    ];
  } finally {
    await host.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The KVM rows when KVM cannot run the VM here: not measured, and why. */
function kvmNotMeasured(why: string): BenchResult[] {
  const label = `not measured: ${why}`;
  return [
    row({
      title: 'isolated Linux VM: cold start to /_ping (KVM)',
      berth: [],
      reference: [],
      unit: 'ms',
      referenceLabel: label,
      goal: 'stated',
    }),
    row({
      title: `isolated Linux VM: idle CPU, no containers, ${IDLE_S} s (KVM)`,
      berth: [],
      reference: [],
      unit: '% core',
      referenceLabel: label,
      goal: IDLE_GOAL,
    }),
    row({
      title: vmStatsTitle('KVM'),
      berth: [],
      reference: [],
      unit: 'cpu-s',
      referenceLabel: label,
      goal: '≤ 0.25× docker stats',
    }),
  ];
}

export const scenario: BenchScenario = {
  id: 'linux-vm',
  title: 'isolated Linux VM: cold start, idle CPU, stats CPU',
  goal: 'see rows',
  skip: () =>
    missing() ??
    (process.argv.includes('--quick')
      ? 'quick mode: two VM boots (20–50 s each under emulation) and their idle minutes are too long for a smoke run'
      : undefined),
  async run(ctx) {
    const image = await ensureVmImage(ctx.log);
    const release = await holdVmSlot(ctx.log); // no VM test booting beside the measurement
    try {
      const rows = await measure(ctx, image, 'tcg');
      const kvm = kvmProblem();
      return [...rows, ...(kvm ? kvmNotMeasured(kvm) : await measure(ctx, image, 'kvm'))];
    } finally {
      release();
    }
  },
};
