// QEMU's command line for Berth's isolated VM, and reading it back from /proc: a VM left running by an
// earlier Berth is recognised by its command line naming this data dir's pidfile, QMP socket and
// data disk, and its port, CPUs, memory and accelerator are read from it.
import { join } from 'node:path';
import type { VmImage } from './image';
import type { VmResources } from './lima-config';

/** The files a running VM is known by, all in Berth's data dir (<data>/linux-vm). */
export interface QemuRuntimeFiles {
  /** QEMU writes its pid here (-pidfile). */
  pidFile: string;
  /** QEMU's machine protocol: status, power button, quit. */
  qmp: string;
  /** The guest's serial console (ttyS0): the kernel's and dockerd's output, read into Berth's log. */
  console: string;
  /** The guest's control port (virtio-serial org.berth.control): "stop", and Berth's presence. */
  control: string;
  /** Which Berth process holds the VM now. */
  owner: string;
  /** QEMU's own messages (stderr), e.g. why KVM failed. */
  stderr: string;
}

export function qemuRuntimeFiles(dir: string): QemuRuntimeFiles {
  return {
    pidFile: join(dir, 'qemu.pid'),
    qmp: join(dir, 'qmp.sock'),
    console: join(dir, 'console.sock'),
    control: join(dir, 'control.sock'),
    owner: join(dir, 'owner.json'),
    stderr: join(dir, 'qemu-stderr.log'),
  };
}

/** A value inside one of QEMU's comma-separated option lists (a comma is written twice). */
export function qemuValue(s: string): string {
  return s.replace(/,/g, ',,');
}

/** The guest's engine port inside the VM (dockerd with mutual TLS). */
export const GUEST_ENGINE_PORT = 2376;

export interface QemuCommand {
  accel: 'kvm' | 'tcg';
  resources: VmResources;
  image: VmImage;
  dataDisk: string;
  /** The host loopback port forwarded to the guest's engine. */
  port: number;
  /** The dir holding ca.pem, server-cert.pem and server-key.pem for the guest. */
  tlsDir: string;
  files: QemuRuntimeFiles;
  /** Seconds the guest waits for a Berth on its control port before it shuts itself down. */
  orphanGraceS: number;
}

export function qemuArgs(c: QemuCommand): string[] {
  const sock = (id: string, path: string) => ['-chardev', `socket,id=${id},path=${qemuValue(path)},server=on,wait=off`];
  return [
    '-name',
    'berth-vm,process=berth-vm',
    ...(c.accel === 'kvm' ? ['-enable-kvm', '-cpu', 'host'] : ['-accel', 'tcg']),
    ...['-m', `${c.resources.memoryGiB * 1024}`, '-smp', String(c.resources.cpus)],
    ...['-nographic', '-nodefaults', '-no-reboot'],
    ...['-pidfile', c.files.pidFile],
    ...['-qmp', `unix:${qemuValue(c.files.qmp)},server=on,wait=off`],
    ...['-kernel', c.image.kernel, '-initrd', c.image.initramfs],
    ...['-append', `console=ttyS0 quiet panic=-1 berth.orphan_grace=${c.orphanGraceS}`],
    // The guest finds its disks by serial. The root image is shared by every VM and never written.
    ...['-drive', `if=none,id=root,file=${qemuValue(c.image.root)},format=raw,readonly=on`],
    ...['-device', 'virtio-blk-pci,drive=root,serial=berth-root'],
    ...['-drive', `if=none,id=data,file=${qemuValue(c.dataDisk)},format=raw,discard=unmap`],
    ...['-device', 'virtio-blk-pci,drive=data,serial=berth-data'],
    ...['-netdev', `user,id=n0,hostfwd=tcp:127.0.0.1:${c.port}-:${GUEST_ENGINE_PORT}`],
    ...['-device', 'virtio-net-pci,netdev=n0'],
    // The engine's server certificate, key and CA, read by the guest from /sys/firmware/qemu_fw_cfg.
    ...(['ca', 'server-cert', 'server-key'] as const).flatMap((f) => [
      '-fw_cfg',
      `name=opt/berth/${f},file=${qemuValue(join(c.tlsDir, `${f}.pem`))}`,
    ]),
    // Sockets, not QEMU's stdio, so the VM outlives a crashed Berth and the next one reconnects.
    ...sock('console', c.files.console),
    ...['-serial', 'chardev:console'],
    ...sock('control', c.files.control),
    ...['-device', 'virtio-serial-pci,id=vser'],
    ...['-device', 'virtserialport,bus=vser.0,chardev=control,name=org.berth.control'],
  ];
}

/** What a running QEMU's command line says about the VM (undefined: not Berth's VM for these files). */
export interface RunningQemu {
  port: number;
  cpus: number;
  memoryGiB: number;
  accel: 'kvm' | 'tcg';
  kernel: string;
  initramfs: string;
  root: string;
}

/** Reads back what qemuArgs() wrote, for the files of one data dir; undefined when `argv` is not that VM. */
export function parseQemuArgs(argv: string[], files: QemuRuntimeFiles, dataDisk: string): RunningQemu | undefined {
  if (!/(^|\/)qemu-system-[\w-]+$/.test(argv[0] ?? '')) return undefined;
  const after = (flag: string) => argv.flatMap((a, i) => (a === flag && i + 1 < argv.length ? [argv[i + 1]!] : []));
  if (after('-pidfile')[0] !== files.pidFile) return undefined;
  if (!after('-qmp').includes(`unix:${qemuValue(files.qmp)},server=on,wait=off`)) return undefined;
  if (!after('-drive').some((d) => d.includes(`file=${qemuValue(dataDisk)},`))) return undefined;
  const port = new RegExp(`hostfwd=tcp:127\\.0\\.0\\.1:(\\d+)-:${GUEST_ENGINE_PORT}`).exec(after('-netdev')[0] ?? '');
  const root = /(?:^|,)file=((?:[^,]|,,)*),format=raw,readonly=on/.exec(after('-drive')[0] ?? '');
  const cpus = Number(after('-smp')[0]);
  const memoryMiB = Number(after('-m')[0]);
  const [kernel, initramfs] = [after('-kernel')[0], after('-initrd')[0]];
  if (!port || !root || !kernel || !initramfs || !(cpus > 0) || !(memoryMiB > 0)) return undefined;
  return {
    port: Number(port[1]),
    cpus,
    memoryGiB: memoryMiB / 1024,
    accel: argv.includes('-enable-kvm') ? 'kvm' : 'tcg',
    kernel,
    initramfs,
    root: root[1]!.replace(/,,/g, ','),
  };
}
