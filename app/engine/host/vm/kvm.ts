// Whether Berth's isolated VM can use KVM here, and if not, why in one sentence.
import { accessSync, constants, existsSync } from 'node:fs';

export interface KvmCheck {
  /** /dev/kvm node (a test points it elsewhere). */
  device?: string;
  /** /sys/module (a test points it elsewhere). */
  modules?: string;
}

/**
 * Why KVM cannot run Berth's VM here, or undefined when it can. Two cases are known: no /dev/kvm the
 * user may open, and a /dev/kvm served by PVM (kvm_pvm: KVM on shadow page tables for machines that
 * are themselves VMs without nested virtualization), which runs only guest kernels built for PVM —
 * Debian's kernel in Berth's image is not (QEMU's `-cpu host` aborts setting MSR 0x10a; with that
 * masked, the kernel hangs before its first line).
 */
export function kvmProblem(check: KvmCheck = {}): string | undefined {
  const device = check.device ?? '/dev/kvm';
  try {
    accessSync(device, constants.R_OK | constants.W_OK);
  } catch {
    return existsSync(device)
      ? `${device} exists but Berth may not use it (add your user to the kvm group)`
      : `there is no ${device} (virtualization is off in the firmware, or this machine is a VM without nested virtualization)`;
  }
  if (existsSync(`${check.modules ?? '/sys/module'}/kvm_pvm`))
    return `${device} is served by PVM (nested virtualization on shadow page tables), which boots only kernels built for PVM, and the Debian kernel in Berth's VM image is not`;
  return undefined;
}

export function kvmUsable(check?: KvmCheck): boolean {
  return kvmProblem(check) === undefined;
}
