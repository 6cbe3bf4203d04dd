// kvmProblem() against stand-in /dev/kvm and /sys/module paths (the machine's own are one case only).
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { kvmProblem, kvmUsable } from './kvm';

let tmp = '';
afterEach(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  tmp = '';
});

function machine(opts: { device?: boolean; pvm?: boolean }) {
  tmp = mkdtempSync(join(tmpdir(), 'berth-kvm-test-'));
  const device = join(tmp, 'kvm');
  const modules = join(tmp, 'module');
  mkdirSync(join(modules, 'kvm'), { recursive: true });
  if (opts.device) writeFileSync(device, '');
  if (opts.pvm) mkdirSync(join(modules, 'kvm_pvm'));
  return { device, modules };
}

describe("whether KVM can run Berth's VM", () => {
  it('can with a /dev/kvm Berth may open on a hardware-virtualization host', () => {
    const m = machine({ device: true });
    expect(kvmProblem(m)).toBeUndefined();
    expect(kvmUsable(m)).toBe(true);
  });

  it('cannot without /dev/kvm, and says why', () => {
    const m = machine({});
    expect(kvmProblem(m)).toBe(
      `there is no ${m.device} (virtualization is off in the firmware, or this machine is a VM without nested virtualization)`,
    );
  });

  it('cannot when /dev/kvm is served by PVM, whose guests need a PVM kernel', () => {
    const m = machine({ device: true, pvm: true });
    expect(kvmProblem(m)).toMatch(/is served by PVM .* the Debian kernel in Berth's VM image is not$/);
    expect(kvmUsable(m)).toBe(false);
  });

  it.skipIf(process.getuid?.() === 0)('cannot when /dev/kvm is not open to this user', () => {
    const m = machine({ device: true });
    chmodSync(m.device, 0);
    expect(kvmProblem(m)).toMatch(/exists but Berth may not use it \(add your user to the kvm group\)$/);
  });
});
