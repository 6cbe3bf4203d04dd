import { describe, expect, it } from 'vitest';
import { cpioNewc, moduleClosure } from './initramfs';

describe('initramfs for the isolated Linux VM', () => {
  it('writes cpio newc entries padded to 4 bytes, with a trailer', () => {
    const out = cpioNewc([
      { name: 'bin', dir: true },
      { name: 'bin/sh', symlink: 'busybox' },
      { name: 'init', data: Buffer.from('#!/bin/sh\n'), mode: 0o755 },
    ]);
    const text = out.toString('latin1');
    expect(text.startsWith('070701')).toBe(true);
    expect(out.length % 4).toBe(0);
    // The third header: mode 0100755, size 10, name "init\0" (5 bytes).
    const at = text.indexOf('init\0');
    const header = text.slice(at - 110, at);
    expect(header.slice(0, 6)).toBe('070701');
    expect(parseInt(header.slice(14, 22), 16)).toBe(0o100755);
    expect(parseInt(header.slice(54, 62), 16)).toBe(10);
    expect(parseInt(header.slice(94, 102), 16)).toBe(5);
    expect(text).toContain('\x00busybox');
    expect(text).toContain('TRAILER!!!');
  });

  it('orders modules after their dependencies, once each', () => {
    const dep = [
      'kernel/fs/9p/9p.ko: kernel/net/9p/9pnet.ko kernel/fs/netfs/netfs.ko kernel/fs/fscache/fscache.ko',
      'kernel/net/9p/9pnet_virtio.ko: kernel/drivers/virtio/virtio_ring.ko kernel/drivers/virtio/virtio.ko kernel/net/9p/9pnet.ko',
      'kernel/net/9p/9pnet.ko:',
      'kernel/fs/netfs/netfs.ko:',
      'kernel/fs/fscache/fscache.ko: kernel/fs/netfs/netfs.ko',
      'kernel/drivers/virtio/virtio.ko: kernel/drivers/virtio/virtio_ring.ko',
      'kernel/drivers/virtio/virtio_ring.ko:',
    ].join('\n');
    expect(moduleClosure(dep, ['9pnet_virtio', '9p', 'missing'])).toEqual([
      'kernel/drivers/virtio/virtio_ring.ko',
      'kernel/drivers/virtio/virtio.ko',
      'kernel/net/9p/9pnet.ko',
      'kernel/net/9p/9pnet_virtio.ko',
      'kernel/fs/netfs/netfs.ko',
      'kernel/fs/fscache/fscache.ko',
      'kernel/fs/9p/9p.ko',
    ]);
  });
});
