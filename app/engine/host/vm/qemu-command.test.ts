// The VM's QEMU command line read back from /proc: the same VM of the same data dir is recognised
// (its port, CPUs, memory, accelerator and image), any other command line is not.
import { describe, expect, it } from 'vitest';
import { parseQemuArgs, qemuArgs, qemuRuntimeFiles, type QemuCommand } from './qemu-command';

const files = qemuRuntimeFiles('/home/u/.local/share/berth/linux-vm');
const dataDisk = '/home/u/.local/share/berth/linux-vm/data.img';
const command: QemuCommand = {
  accel: 'tcg',
  resources: { cpus: 2, memoryGiB: 3, diskGiB: 20 },
  image: {
    dir: '/opt/a,b',
    kernel: '/opt/a,b/vmlinuz',
    initramfs: '/opt/a,b/initramfs.cpio',
    root: '/opt/a,b/root.img',
  },
  dataDisk,
  port: 41234,
  tlsDir: '/home/u/.local/share/berth/linux-vm/tls',
  files,
  orphanGraceS: 300,
};

describe("the isolated VM's QEMU command line", () => {
  it('reads back what it wrote', () => {
    const argv = ['/usr/bin/qemu-system-x86_64', ...qemuArgs(command)];
    expect(parseQemuArgs(argv, files, dataDisk)).toEqual({
      port: 41234,
      cpus: 2,
      memoryGiB: 3,
      accel: 'tcg',
      kernel: '/opt/a,b/vmlinuz',
      initramfs: '/opt/a,b/initramfs.cpio',
      root: '/opt/a,b/root.img',
    });
    const kvm = ['qemu-system-x86_64', ...qemuArgs({ ...command, accel: 'kvm' })];
    expect(parseQemuArgs(kvm, files, dataDisk)?.accel).toBe('kvm');
  });

  it('does not take another program, or a VM of another data dir, for this one', () => {
    const argv = ['/usr/bin/qemu-system-x86_64', ...qemuArgs(command)];
    expect(parseQemuArgs(['/usr/bin/node', ...argv.slice(1)], files, dataDisk)).toBeUndefined();
    const other = qemuRuntimeFiles('/tmp/other/linux-vm');
    expect(parseQemuArgs(argv, other, dataDisk)).toBeUndefined();
    expect(parseQemuArgs(argv, files, '/tmp/other/linux-vm/data.img')).toBeUndefined();
    expect(parseQemuArgs(['/usr/bin/qemu-system-x86_64', '-pidfile', files.pidFile], files, dataDisk)).toBeUndefined();
  });
});
