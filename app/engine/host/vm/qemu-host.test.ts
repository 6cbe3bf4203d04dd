// QemuHost without booting (qemu-host.int.test.ts boots it for real): where it looks for the image,
// the start failure that says how to build a missing one, and the QEMU command line, through a fake
// QEMU that records its arguments and reports a guest failure.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { QemuHost, qemuValue } from './qemu-host';

let tmp = '';
afterEach(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  tmp = '';
});

function setup(imageFiles: string[]) {
  tmp = mkdtempSync(join(tmpdir(), 'berth-qemu-host-test-'));
  const bin = join(tmp, 'bin');
  const scripts = join(tmp, 'vm', 'linux');
  const image = join(scripts, 'image');
  mkdirSync(bin);
  mkdirSync(image, { recursive: true });
  for (const f of ['build-image.sh', 'init', 'berth-guest-init']) writeFileSync(join(scripts, f), '#\n');
  for (const f of imageFiles) writeFileSync(join(image, f), 'x');
  const qemu = join(bin, 'qemu-system-x86_64');
  writeFileSync(
    qemu,
    `#!/bin/sh\nprintf '%s\\n' "$@" > "$(dirname "$0")/args"\necho "BERTH-VM-FAIL fake QEMU"\nexit 1\n`,
  );
  chmodSync(qemu, 0o755);
  const host = new QemuHost({
    paths: { data: join(tmp, 'data'), config: join(tmp, 'config') },
    env: { PATH: bin },
    accel: 'tcg',
    scriptsDir: scripts,
    resources: { cpus: 1, memoryGiB: 1, diskGiB: 1 },
    apiTimeoutMs: 10000,
  });
  return { host, scripts, image, args: () => readFileSync(join(bin, 'args'), 'utf8').trim().split('\n') };
}

describe('QemuHost (fake QEMU: no boot)', { timeout: 20000 }, () => {
  it('looks for the image in the option, then BERTH_VM_IMAGE, then <scriptsDir>/image', () => {
    const opts = { paths: { data: '/tmp/berth-nowhere/data', config: '/tmp/berth-nowhere/config' } };
    rmSync('/tmp/berth-nowhere', { recursive: true, force: true });
    expect(new QemuHost({ ...opts, scriptsDir: '/r/vm/linux', env: {} }).imageDir).toBe('/r/vm/linux/image');
    expect(new QemuHost({ ...opts, scriptsDir: '/r', env: { BERTH_VM_IMAGE: '/e' } }).imageDir).toBe('/e');
    expect(new QemuHost({ ...opts, env: { BERTH_VM_IMAGE: '/e' }, image: { dir: '/o' } }).imageDir).toBe('/o');
    rmSync('/tmp/berth-nowhere', { recursive: true, force: true });
  });

  it('fails to start without an image, saying the command that builds it', async () => {
    const { host, scripts, image } = setup(['vmlinuz']);
    await expect(host.start()).rejects.toThrow();
    const error = host.status().failure!;
    expect(error.step).toBe('Preparing the VM (kernel, initramfs, data disk)');
    expect(error.message).toBe(`Berth's isolated VM has no image to boot: ${image} has no initramfs.cpio or root.img.`);
    expect(error.fix).toContain(`\`sudo bash ${scripts}/build-image.sh ${image}\``);
  });

  it('boots the kernel, initramfs and read-only root of the image, the data disk beside it, by serial', async () => {
    const { host, image, args } = setup(['vmlinuz', 'initramfs.cpio', 'root.img']);
    await expect(host.start()).rejects.toThrow();
    expect(host.status().failure).toMatchObject({
      step: 'Booting the VM',
      message: "Berth's VM stopped during start-up: fake QEMU.",
    });
    const a = args();
    const after = (flag: string) => a.flatMap((x, i) => (x === flag ? [a[i + 1]] : []));
    expect(after('-kernel')).toEqual([join(image, 'vmlinuz')]);
    expect(after('-initrd')).toEqual([join(image, 'initramfs.cpio')]);
    expect(after('-drive')).toEqual([
      `if=none,id=root,file=${join(image, 'root.img')},format=raw,readonly=on`,
      `if=none,id=data,file=${host.paths.dataDisk},format=raw,discard=unmap`,
    ]);
    expect(after('-device')).toContain('virtio-blk-pci,drive=root,serial=berth-root');
    expect(after('-device')).toContain('virtio-blk-pci,drive=data,serial=berth-data');
    expect(a).not.toContain('-virtfs');
    expect(after('-accel')).toEqual(['tcg']);
    // The engine listens with mutual TLS on 2376; its certificates reach the guest through fw_cfg.
    expect(after('-netdev')[0]).toMatch(/^user,id=n0,hostfwd=tcp:127\.0\.0\.1:\d+-:2376$/);
    expect(after('-fw_cfg')).toEqual(
      ['ca', 'server-cert', 'server-key'].map((f) => `name=opt/berth/${f},file=${join(host.paths.tls, `${f}.pem`)}`),
    );
    expect(host.address).toMatchObject({ kind: 'tcp', tls: { ca: expect.stringContaining('BEGIN CERTIFICATE') } });
  });

  it("doubles commas in paths inside QEMU's option lists", () => {
    expect(qemuValue('/home/a,b/root.img')).toBe('/home/a,,b/root.img');
  });
});
