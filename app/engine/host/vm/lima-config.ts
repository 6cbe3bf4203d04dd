// The Lima instance config Berth writes: the bundled template with the VM type, mount type, CPUs,
// memory, data disk name and forwarded socket set from settings and the machine (the `yaml` package's
// Document API edits those values and keeps everything else, comments included).
import { release } from 'node:os';
import { yaml } from '../../util/yaml';
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

/** Where each value Berth sets lives in the template (each marked "# set by Berth" there for the reader). */
const PLACES = {
  vmType: ['vmType'],
  mountType: ['mountType'],
  cpus: ['cpus'],
  memory: ['memory'],
  dataDisk: ['additionalDisks', 0, 'name'],
  hostSocket: ['portForwards', 0, 'hostSocket'],
} as const;

const damaged = (what: string) =>
  new EngineStepError(
    'internal',
    `Berth's Lima template ${what}.`,
    'Reinstall Berth; its bundled resources are damaged.',
  );

/**
 * The instance config: `template` (resources/vm/lima/berth.yaml) with Berth's values filled in. The
 * template is edited as a YAML document, value by value, so its comments, quoting and layout stay.
 */
export function renderLimaConfig(template: string, v: LimaConfigValues): string {
  checkResources(v);
  const { isScalar, parseDocument } = yaml();
  const doc = parseDocument(template);
  if (doc.errors.length) throw damaged(`is not valid YAML (${doc.errors[0]!.message.split('\n')[0]})`);
  const values: Record<keyof typeof PLACES, string | number> = {
    vmType: v.vmType,
    mountType: mountTypeFor(v.vmType),
    cpus: v.cpus,
    memory: `${v.memoryGiB}GiB`,
    dataDisk: v.dataDisk,
    hostSocket: v.hostSocket,
  };
  for (const [key, path] of Object.entries(PLACES) as [keyof typeof PLACES, readonly (string | number)[]][]) {
    const node = doc.getIn(path, true);
    if (!isScalar(node)) throw damaged(`has no "${path.join('.')}" value for Berth to set`);
    node.value = values[key]; // the node keeps its comment and its quoting
  }
  return doc.toString({ lineWidth: 0 });
}
