// Berth's engine in a VM (Lima on macOS, WSL 2 on Windows, the isolated QEMU VM on Linux): its
// resources as settings, what a restart would change, its disk, and the idle saver.
import { z } from 'zod';
import { request } from '../define';

export const vmSettings = z.strictObject({
  cpus: z.number().int('Give a whole number of CPUs.').min(1, 'At least 1 CPU.').max(64, 'At most 64 CPUs.').default(2),
  memoryGiB: z
    .number()
    .int('Give memory in whole GiB.')
    .min(1, 'At least 1 GiB of memory.')
    .max(256, 'At most 256 GiB of memory.')
    .default(4),
  diskGiB: z
    .number()
    .int('Give the disk size in whole GiB.')
    .min(8, 'The data disk needs at least 8 GiB.')
    .max(4096, 'At most 4096 GiB.')
    .default(60),
  /** Stop the VM after this many idle minutes with no running container; 0 = never. */
  idleMinutes: z
    .number()
    .int('Give whole minutes.')
    .min(0, '0 turns the idle saver off.')
    .max(1440, 'At most 1440 minutes (a day).')
    .default(5),
});
export type VmSettings = z.output<typeof vmSettings>;

export const vmSettingsPatch = z.strictObject({
  cpus: vmSettings.shape.cpus.unwrap().optional(),
  memoryGiB: vmSettings.shape.memoryGiB.unwrap().optional(),
  diskGiB: vmSettings.shape.diskGiB.unwrap().optional(),
  idleMinutes: vmSettings.shape.idleMinutes.unwrap().optional(),
});

export type VmKind = 'lima' | 'wsl' | 'linux-vm';

export interface VmState {
  kind: VmKind;
  /** The host's own name: "Berth's isolated VM (QEMU)", "Berth's VM (Lima)", "Berth's WSL 2 engine". */
  label: string;
  /** How the VM is run: "KVM", "software emulation (slow: no KVM)", "Apple Virtualization (VZ)", "WSL 2". */
  accel: string;
  /** The resources asked for in settings. */
  settings: VmSettings;
  /** "Restart needed because …" when the running VM differs from the settings. */
  restartNeeded?: string;
  /** Settings that cannot be applied, with why (a disk cannot shrink, WSL's limits live in .wslconfig). */
  warnings: string[];
  /** The docker CLI's environment for this engine, e.g. { DOCKER_HOST: 'tcp://127.0.0.1:40123', DOCKER_TLS_VERIFY: '1', … }. */
  terminalEnv: Record<string, string>;
  /** The engine data disk; absent when the VM cannot tell (not created yet). */
  disk?: { sizeBytes: number; usedBytes: number; hostFreeBytes: number };
  idle: {
    /** 0 when the idle saver is off. */
    minutes: number;
    /** Stopped by the idle saver; the next request starts it again. */
    sleeping: boolean;
    /** How long the last wake took, in ms. */
    lastWakeMs?: number;
  };
}

export const vmRequests = {
  /** The active engine's VM, or null when the engine does not run in a VM of Berth's. */
  'engine.vm': request<VmState | null>()(z.strictObject({})),
};
