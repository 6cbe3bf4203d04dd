// The Lima instance config Berth writes: the bundled template with the VM type, mount type, CPUs,
// memory, data disk name and forwarded socket set from settings and the machine.
import { release } from 'node:os';
import { EngineStepError } from '../step-error';

/** CPUs, memory and disk of Berth's VM, from settings. */
export interface VmResources {
  cpus: number;
  memoryGiB: number;
  /** Size of the engine's data disk (images, containers, volumes). */
  diskGiB: number;
}

export const DEFAULT_VM_RESOURCES: VmResources = { cpus: 2, memoryGiB: 4, diskGiB: 60 };

export type LimaVmType = 'vz' | 'qemu';

export interface LimaConfigValues extends VmResources {
  vmType: LimaVmType;
  /** Absolute path of the host end of the forwarded docker socket. */
  hostSocket: string;
  /** Name of the Lima disk holding the engine data. */
  dataDisk: string;
}

/**
 * VZ (Apple's Virtualization.framework) with virtiofs needs macOS 13 (Darwin 22); older macOS and
 * other hosts get QEMU with 9p.
 */
export function chooseVmType(platform: NodeJS.Platform = process.platform, osRelease = release()): LimaVmType {
  if (platform !== 'darwin') return 'qemu';
  return Number(osRelease.split('.')[0]) >= 22 ? 'vz' : 'qemu';
}

export const mountTypeFor = (vmType: LimaVmType): 'virtiofs' | '9p' => (vmType === 'vz' ? 'virtiofs' : '9p');

function checkResources(r: VmResources): void {
  const bad =
    !Number.isInteger(r.cpus) || r.cpus < 1
      ? `${r.cpus} CPUs`
      : !(r.memoryGiB >= 1)
        ? `${r.memoryGiB} GiB of memory`
        : !(r.diskGiB >= 10)
          ? `a ${r.diskGiB} GiB disk`
          : '';
  if (bad)
    throw new EngineStepError(
      'invalid',
      `Berth's VM cannot have ${bad}.`,
      'Give it at least 1 CPU, 1 GiB of memory and a 10 GiB disk in Settings → Resources.',
    );
}

/** Replaces the value of a top-level (or list-item) `key:` line marked "# set by Berth". */
function setValue(lines: string[], key: string, value: string): void {
  const re = new RegExp(`^(\\s*(?:- )?${key}:)\\s*[^#]*#\\s*set by Berth\\s*$`);
  const i = lines.findIndex((l) => re.test(l));
  if (i < 0)
    throw new EngineStepError(
      'internal',
      `Berth's Lima template has no "${key}" line marked "set by Berth".`,
      'Reinstall Berth; its bundled resources are damaged.',
    );
  lines[i] = lines[i]!.replace(re, `$1 ${value} # set by Berth`);
}

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** The instance config: `template` (resources/vm/lima/berth.yaml) with Berth's values filled in. */
export function renderLimaConfig(template: string, v: LimaConfigValues): string {
  checkResources(v);
  const lines = template.split('\n');
  setValue(lines, 'vmType', v.vmType);
  setValue(lines, 'mountType', mountTypeFor(v.vmType));
  setValue(lines, 'cpus', String(v.cpus));
  setValue(lines, 'memory', `${v.memoryGiB}GiB`);
  setValue(lines, 'name', v.dataDisk);
  setValue(lines, 'hostSocket', quote(v.hostSocket));
  return lines.join('\n');
}
