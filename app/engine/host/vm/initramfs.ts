// The isolated Linux VM's boot files, made from what Debian installed on this machine: the newest
// /boot/vmlinuz-* that has its modules in /lib/modules, and an initramfs (cpio "newc", uncompressed)
// holding busybox-static, the virtio/9p modules stage 1 needs, and the two init scripts from
// resources/vm/linux. No download, no image to fetch.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { EngineStepError } from '../step-error';

export interface CpioEntry {
  name: string;
  /** File contents, or the target of a symlink. */
  data?: Buffer;
  symlink?: string;
  /** Octal permission bits; directories default 0o755, files 0o644. */
  mode?: number;
  dir?: boolean;
}

const pad4 = (n: number) => (4 - (n % 4)) % 4;
const hex = (n: number) => n.toString(16).padStart(8, '0');

/** Writes a cpio "newc" archive (what the kernel unpacks as an initramfs). */
export function cpioNewc(entries: CpioEntry[]): Buffer {
  const parts: Buffer[] = [];
  let ino = 1;
  const add = (name: string, mode: number, data: Buffer) => {
    const nameBuf = Buffer.from(`${name}\0`);
    const fields = [ino++, mode, 0, 0, 1, 0, data.length, 0, 0, 0, 0, nameBuf.length, 0];
    const header = Buffer.from(`070701${fields.map(hex).join('')}`);
    parts.push(
      header,
      nameBuf,
      Buffer.alloc(pad4(header.length + nameBuf.length)),
      data,
      Buffer.alloc(pad4(data.length)),
    );
  };
  for (const e of entries) {
    if (e.dir) add(e.name, 0o040000 | (e.mode ?? 0o755), Buffer.alloc(0));
    else if (e.symlink !== undefined) add(e.name, 0o120000 | 0o777, Buffer.from(e.symlink));
    else add(e.name, 0o100000 | (e.mode ?? 0o644), e.data ?? Buffer.alloc(0));
  }
  add('TRAILER!!!', 0, Buffer.alloc(0));
  return Buffer.concat(parts);
}

export interface GuestKernel {
  version: string;
  vmlinuz: string;
  modulesDir: string;
}

/** The newest kernel in /boot whose modules are installed. */
export function findGuestKernel(boot = '/boot', modules = '/lib/modules'): GuestKernel {
  const versions = existsSync(boot)
    ? readdirSync(boot)
        .filter((f) => f.startsWith('vmlinuz-'))
        .map((f) => f.slice('vmlinuz-'.length))
        .filter((v) => existsSync(join(modules, v, 'modules.dep')))
        .sort((a, b) => b.localeCompare(a, undefined, { numeric: true }))
    : [];
  const version = versions[0];
  if (!version)
    throw new EngineStepError(
      'unavailable',
      "Berth's isolated VM needs a Linux kernel with its modules, but /boot has none.",
      'Install one with `sudo apt-get install linux-image-amd64`.',
    );
  return { version, vmlinuz: join(boot, `vmlinuz-${version}`), modulesDir: join(modules, version) };
}

/** `names` and everything they depend on, dependencies first, as paths relative to the modules dir. */
export function moduleClosure(modulesDep: string, names: string[]): string[] {
  const deps = new Map<string, string[]>();
  for (const line of modulesDep.split('\n')) {
    const [mod, rest] = line.split(':');
    if (mod) deps.set(mod.trim(), (rest ?? '').trim().split(/\s+/).filter(Boolean));
  }
  const byName = new Map<string, string>();
  for (const path of deps.keys())
    byName.set(
      path
        .split('/')
        .pop()!
        .replace(/\.ko(\.(xz|zst|gz))?$/, ''),
      path,
    );
  const out: string[] = [];
  const visit = (path: string) => {
    if (out.includes(path)) return;
    for (const d of deps.get(path) ?? []) visit(d);
    out.push(path);
  };
  for (const n of names) {
    const path = byName.get(n) ?? byName.get(n.replace(/-/g, '_'));
    if (path) visit(path);
  }
  return out;
}

/** A module file as busybox insmod can load it (decompressed when the distribution compresses them). */
function moduleBytes(file: string): Buffer {
  if (file.endsWith('.ko')) return readFileSync(file);
  const tool = file.endsWith('.xz') ? 'xz' : file.endsWith('.zst') ? 'zstd' : 'gzip';
  return execFileSync(tool, ['-dc', file], { maxBuffer: 64 * 1024 * 1024 });
}

export const STAGE1_MODULES = ['virtio_pci', '9pnet_virtio', '9p'];

export interface InitramfsInputs {
  kernel: GuestKernel;
  busybox: string;
  /** resources/vm/linux: `init` and `berth-guest-init`. */
  scriptsDir: string;
  /** /etc/alternatives symlinks worth keeping (iptables, …), read from the host. */
  alternatives?: string[];
}

export function buildInitramfs(i: InitramfsInputs): Buffer {
  const dep = readFileSync(join(i.kernel.modulesDir, 'modules.dep'), 'utf8');
  const mods = moduleClosure(dep, STAGE1_MODULES);
  const modName = (p: string) =>
    p
      .split('/')
      .pop()!
      .replace(/\.(xz|zst|gz)$/, '');
  const entries: CpioEntry[] = [
    ...['bin', 'lib', 'lib/modules', 'etc', 'etc/alternatives', 'etc/docker'].map((name) => ({ name, dir: true })),
    { name: 'bin/busybox', data: readFileSync(i.busybox), mode: 0o755 },
    { name: 'init', data: readFileSync(join(i.scriptsDir, 'init')), mode: 0o755 },
    { name: 'berth-guest-init', data: readFileSync(join(i.scriptsDir, 'berth-guest-init')), mode: 0o755 },
    ...mods.map((m) => ({ name: `lib/modules/${modName(m)}`, data: moduleBytes(join(i.kernel.modulesDir, m)) })),
    { name: 'lib/modules/order', data: Buffer.from(`${mods.map(modName).join('\n')}\n`) },
    {
      name: 'etc/passwd',
      data: Buffer.from('root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n'),
    },
    { name: 'etc/group', data: Buffer.from('root:x:0:\ndocker:x:999:\nnogroup:x:65534:\n') },
    { name: 'etc/hosts', data: Buffer.from('127.0.0.1 localhost berth-vm\n') },
    { name: 'etc/resolv.conf', data: Buffer.from('nameserver 10.0.2.3\n') },
  ];
  for (const name of i.alternatives ?? []) {
    const link = join('/etc/alternatives', name);
    try {
      if (statSync(link)) entries.push({ name: `etc/alternatives/${name}`, symlink: readlinkSync(link) });
    } catch {
      /* not installed */
    }
  }
  return cpioNewc(entries);
}
