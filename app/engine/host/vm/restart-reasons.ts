// "Restart needed because …": which settings changes need Berth's VM to restart, computed from what
// the VM has now and what settings ask for, so the UI can preview them before restarting.
import type { LimaVmType, VmResources } from './lima-config';

export interface VmShape {
  cpus?: number;
  /** Bytes. */
  memory?: number;
  vmType?: string;
  /** Bytes (data disk). */
  dataDisk?: number;
}

export interface RestartPlan {
  /** Sentences, each one change that needs a restart. */
  reasons: string[];
  /** Changes that cannot be applied, with why. */
  warnings: string[];
}

const GiB = 1024 ** 3;
const gib = (bytes: number) => `${Math.round((bytes / GiB) * 10) / 10} GiB`;
const vmName = (t: string) => (t === 'vz' ? 'Apple Virtualization (VZ)' : t === 'qemu' ? 'QEMU' : t);

export function restartPlan(current: VmShape, desired: VmResources & { vmType: LimaVmType }): RestartPlan {
  const reasons: string[] = [];
  const warnings: string[] = [];
  if (current.cpus !== undefined && current.cpus !== desired.cpus)
    reasons.push(`the number of CPUs changes from ${current.cpus} to ${desired.cpus}`);
  if (current.memory !== undefined && Math.abs(current.memory - desired.memoryGiB * GiB) >= GiB / 16)
    reasons.push(`memory changes from ${gib(current.memory)} to ${desired.memoryGiB} GiB`);
  if (current.vmType !== undefined && current.vmType !== desired.vmType)
    reasons.push(`the VM type changes from ${vmName(current.vmType)} to ${vmName(desired.vmType)}`);
  if (current.dataDisk !== undefined) {
    const want = desired.diskGiB * GiB;
    if (want > current.dataDisk + GiB / 16)
      reasons.push(`the data disk grows from ${gib(current.dataDisk)} to ${desired.diskGiB} GiB`);
    else if (want < current.dataDisk - GiB / 16)
      warnings.push(
        `The data disk cannot shrink from ${gib(current.dataDisk)} to ${desired.diskGiB} GiB without losing data; it stays ${gib(current.dataDisk)}. Reset Berth's VM data to start over with a smaller disk.`,
      );
  }
  return { reasons, warnings };
}

/** "Restart needed because the number of CPUs changes from 2 to 4 and memory changes …." */
export function describeRestart(plan: RestartPlan): string | undefined {
  const r = plan.reasons;
  if (!r.length) return undefined;
  const list = r.length === 1 ? r[0]! : `${r.slice(0, -1).join(', ')} and ${r.at(-1)!}`;
  return `Restart needed because ${list}.`;
}
