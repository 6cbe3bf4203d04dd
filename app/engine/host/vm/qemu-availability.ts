// What Berth's isolated VM needs from this machine: QEMU, openssl for its engine certificates, and —
// to be fast — a KVM that can run its kernel (kvm.ts).
import { findBinary } from '../binaries';
import { EngineStepError } from '../step-error';
import { kvmProblem } from './kvm';

/** QEMU, the one thing the VM needs from this machine; a step error saying how to install it when missing. */
export function findQemu(env: Record<string, string | undefined>): string {
  const qemu = findBinary('qemu-system-x86_64', env);
  if (!qemu)
    throw new EngineStepError(
      'unavailable',
      "Berth's isolated VM needs QEMU, which is not installed.",
      'Install it with `sudo apt-get install qemu-system-x86`.',
    );
  return qemu;
}

/**
 * Whether Berth's isolated VM can run here, and how (KVM or software emulation) or what to install.
 * The VM image is part of Berth, not of the machine: a missing image fails the start with the command
 * that builds it.
 */
export function linuxVmAvailability(env: Record<string, string | undefined> = process.env): {
  available: boolean;
  reason: string;
} {
  try {
    findQemu(env);
    if (!findBinary('openssl', env))
      throw new EngineStepError(
        'unavailable',
        "Berth's isolated VM secures its engine with TLS certificates made with openssl, which is not installed.",
        'Install it with `sudo apt-get install openssl`.',
      );
    const kvm = kvmProblem();
    return {
      available: true,
      reason: kvm
        ? `QEMU is installed; software emulation (slow), because ${kvm}`
        : 'QEMU is installed and /dev/kvm is usable: KVM is tried first, software emulation if QEMU cannot use it',
    };
  } catch (err) {
    const e = err as EngineStepError;
    return { available: false, reason: e.message };
  }
}
