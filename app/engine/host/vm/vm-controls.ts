// What every VM host offers beyond the EngineHost state machine: its resources from settings, the
// restart a change needs (as sentences), its data disk, and how it is virtualized.
import type { EngineHost } from '../types';
import type { VmResources } from './lima-config';
import type { RestartPlan } from './restart-reasons';

export interface VmDiskUsage {
  /** The disk's size as the VM sees it. */
  sizeBytes: number;
  /** What the disk image really takes on the host (sparse / thin-provisioned). */
  usedBytes: number;
  /** Free space on the host's file system that holds the image. */
  hostFreeBytes: number;
}

export type VmRestartPlan = RestartPlan & { message?: string };

export interface VmControls {
  /** "KVM", "software emulation (slow: no KVM)", "Apple Virtualization (VZ)", "WSL 2" … */
  accelDescription(): string;
  /** Takes new resources from settings; they apply at the next start. Returns what a restart would change. */
  setResources(resources: VmResources): Promise<VmRestartPlan>;
  /** What a restart would change now (nothing when the VM runs with the settings it has). */
  restartPlan(): Promise<VmRestartPlan>;
  /** The engine data disk, or undefined when it does not exist yet. */
  diskUsage(): Promise<VmDiskUsage | undefined>;
  /** The docker CLI's environment for this engine (DOCKER_HOST, and TLS when it needs it). */
  terminalEnv(): Record<string, string>;
}

export type VmHost = EngineHost & VmControls & { readonly kind: 'lima' | 'wsl' | 'linux-vm' };

export function isVmHost(host: EngineHost | undefined): host is VmHost {
  return !!host && (host.kind === 'lima' || host.kind === 'wsl' || host.kind === 'linux-vm') && 'restartPlan' in host;
}
