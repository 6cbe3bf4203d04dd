// The isolated Linux VM (like Docker Desktop on Linux): dockerd in a QEMU VM — KVM when asked for
// and usable, else software emulation (TCG, clearly labelled slow) — booted from this machine's own
// Debian kernel and an initramfs Berth builds (initramfs.ts); the guest's /usr is the host's /usr,
// read-only over 9p, and the engine data is a raw disk image under Berth's data dir. The guest's
// engine port is forwarded to a loopback port on the host.
import { spawn, type ChildProcess } from 'node:child_process';
import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  statfsSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { request } from 'node:http';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EngineAddress } from '../../docker/client';
import { findBinary } from '../binaries';
import { berthPaths, type BerthPaths } from '../paths';
import { sleep } from '../processes';
import { RotatingLog } from '../rotating-log';
import { EngineStepError } from '../step-error';
import { buildInitramfs, findGuestKernel } from './initramfs';
import { VmHostBase, VmStepFailure } from './vm-host-base';

export type QemuAccel = 'kvm' | 'tcg' | 'auto';

export interface VmDiskUsage {
  /** The disk's size as the VM sees it. */
  sizeBytes: number;
  /** What the disk image really takes on the host (sparse / thin-provisioned). */
  usedBytes: number;
  /** Free space on the host's file system that holds the image. */
  hostFreeBytes: number;
}

export interface QemuHostOptions {
  paths?: BerthPaths;
  cpus?: number;
  memoryGiB?: number;
  /** Size of the sparse data disk; default 20 GiB. */
  diskGiB?: number;
  /** Default 'auto': KVM when /dev/kvm is usable, else software emulation. */
  accel?: QemuAccel;
  /** resources/vm/linux (init scripts); default the repository's copy. */
  scriptsDir?: string;
  env?: Record<string, string | undefined>;
  /** Boot + dockerd start; software emulation needs minutes on a busy machine. Default 5 min. */
  apiTimeoutMs?: number;
}

export interface QemuPaths {
  dir: string;
  initramfs: string;
  dataDisk: string;
  control: string;
  logFile: string;
}

export function qemuPaths(paths: BerthPaths): QemuPaths {
  const dir = join(paths.data, 'linux-vm');
  return {
    dir,
    initramfs: join(dir, 'initramfs.cpio'),
    dataDisk: join(dir, 'data.img'),
    control: join(dir, 'control.sock'),
    logFile: join(dir, 'console.log'),
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function pingTcp(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/_ping', timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
    req.end();
  });
}

const consoleMarkers: [string, string][] = [
  ['BERTH-VM-ROOT-READY', "The VM's kernel is up; mounting the engine data"],
  ['BERTH-VM-ENGINE-STARTING', 'Starting dockerd inside the VM'],
];

export function kvmUsable(): boolean {
  try {
    accessSync('/dev/kvm', constants.R_OK | constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

export class QemuHost extends VmHostBase {
  readonly id = 'linux-vm';
  /**
   * The contract's EngineStatus.kind has no VM kind for Linux yet, so this host reports itself as
   * Berth's own ("native") engine; see vm/README.md.
   */
  readonly kind = 'native' as const;
  readonly label = "Berth's isolated VM (QEMU)";
  readonly paths: QemuPaths;
  private port = 0;
  private qemu: ChildProcess | undefined;
  private console = '';
  private seen = new Set<string>();

  constructor(private readonly opts: QemuHostOptions = {}) {
    const paths = qemuPaths(opts.paths ?? berthPaths(opts.env ?? process.env));
    mkdirSync(paths.dir, { recursive: true, mode: 0o700 });
    super(new RotatingLog(paths.logFile));
    this.paths = paths;
  }

  get address(): EngineAddress {
    return { kind: 'tcp', host: '127.0.0.1', port: this.port };
  }

  /** 'kvm' or 'tcg', as this start uses it. */
  get accel(): 'kvm' | 'tcg' {
    const a = this.opts.accel ?? 'auto';
    return a === 'auto' ? (kvmUsable() ? 'kvm' : 'tcg') : a;
  }

  protected fixFor(): string {
    return `Read the VM's console log at ${this.paths.logFile}, then start the engine again.`;
  }

  private prepare(): { qemu: string; kernel: string } {
    const env = this.opts.env ?? process.env;
    const qemu = findBinary('qemu-system-x86_64', env);
    if (!qemu)
      throw new EngineStepError(
        'unavailable',
        "Berth's isolated VM needs QEMU, which is not installed.",
        'Install it with `sudo apt-get install qemu-system-x86`.',
      );
    const busybox = ['/usr/bin/busybox', '/bin/busybox'].find((b) => existsSync(b));
    if (!busybox || !findBinary('dockerd', env))
      throw new EngineStepError(
        'unavailable',
        "Berth's isolated VM runs this machine's own busybox and dockerd inside the VM, and one of them is missing.",
        'Install them with `sudo apt-get install busybox-static docker.io`.',
      );
    if (this.opts.accel === 'kvm' && !kvmUsable())
      throw new EngineStepError(
        'unavailable',
        'KVM was asked for, but /dev/kvm is missing or not usable by Berth.',
        'Enable virtualization in the firmware and add your user to the kvm group, or choose software emulation.',
      );
    const kernel = findGuestKernel();
    const scriptsDir =
      this.opts.scriptsDir ?? fileURLToPath(new URL('../../../../resources/vm/linux', import.meta.url));
    writeFileSync(
      this.paths.initramfs,
      buildInitramfs({
        kernel,
        busybox,
        scriptsDir,
        alternatives: [
          'iptables',
          'iptables-save',
          'iptables-restore',
          'ip6tables',
          'ip6tables-save',
          'ip6tables-restore',
        ],
      }),
    );
    if (!existsSync(this.paths.dataDisk)) {
      const fd = openSync(this.paths.dataDisk, 'w', 0o600);
      ftruncateSync(fd, (this.opts.diskGiB ?? 20) * 1024 ** 3); // sparse; the guest formats it on first boot
      closeSync(fd);
    }
    return { qemu, kernel: kernel.vmlinuz };
  }

  private onConsole = (b: Buffer): void => {
    const text = b.toString('utf8');
    this.log.write(text);
    this.console = (this.console + text).slice(-4000);
    // Markers may arrive split across chunks, so look at what came so far, once per marker.
    for (const [marker, line] of consoleMarkers)
      if (!this.seen.has(marker) && this.console.includes(marker)) {
        this.seen.add(marker);
        this.progress(line);
      }
  };

  private qemuArgs(accel: 'kvm' | 'tcg', kernel: string): string[] {
    return [
      ...(accel === 'kvm' ? ['-enable-kvm', '-cpu', 'host'] : ['-accel', 'tcg']),
      ...['-m', `${(this.opts.memoryGiB ?? 2) * 1024}`, '-smp', String(this.opts.cpus ?? 2)],
      ...['-nographic', '-nodefaults', '-no-reboot'],
      ...['-kernel', kernel, '-initrd', this.paths.initramfs, '-append', 'console=ttyS0 quiet panic=-1'],
      ...['-virtfs', 'local,path=/usr,mount_tag=hostusr,security_model=none,readonly=on'],
      ...['-drive', `file=${this.paths.dataDisk},format=raw,if=virtio,discard=unmap`],
      ...['-netdev', `user,id=n0,hostfwd=tcp:127.0.0.1:${this.port}-:2375`, '-device', 'virtio-net-pci,netdev=n0'],
      ...['-serial', 'stdio', '-serial', `unix:${this.paths.control},server=on,wait=off`],
    ];
  }

  private launch(qemu: string, accel: 'kvm' | 'tcg', kernel: string): Promise<void> {
    const args = this.qemuArgs(accel, kernel);
    this.log.mark(`starting: ${qemu} ${args.join(' ')}`);
    return this.step(
      accel === 'kvm' ? "Booting Berth's VM (KVM)" : "Booting Berth's VM (software emulation: slow, no KVM)",
      () => {
        const child = spawn(qemu, args, { stdio: ['ignore', 'pipe', 'pipe'] });
        this.qemu = child;
        this.console = '';
        this.seen.clear();
        child.stdout.on('data', this.onConsole);
        child.stderr.on('data', this.onConsole);
        child.on('exit', (code, sig) => this.onExit(child, code, sig));
      },
    );
  }

  protected async bringUp(signal: AbortSignal): Promise<void> {
    const { qemu, kernel } = await this.step('Preparing the VM (kernel, initramfs, data disk)', () => this.prepare());
    this.port = await freePort();
    let accel = this.accel;
    await this.launch(qemu, accel, kernel);
    await this.step('Waiting for the engine API', () =>
      this.waitForApi(
        async () => {
          const failed = /BERTH-VM-FAIL (.*)/.exec(this.console)?.[1];
          const q = this.qemu;
          const exited = !q || q.exitCode !== null || q.signalCode !== null;
          const last = this.console.trim().split('\n').at(-1) ?? 'no output';
          // KVM that QEMU cannot use (nested virtualization refusing the host CPU model) fails at once.
          if (exited && accel === 'kvm' && this.opts.accel !== 'kvm' && /kvm|MSR/i.test(this.console)) {
            this.notice(`KVM did not work here (${last}); Berth's VM uses software emulation instead, which is slow.`);
            accel = 'tcg';
            await this.launch(qemu, accel, kernel);
            return false;
          }
          if (failed || exited)
            throw new VmStepFailure({
              step: 'Booting the VM',
              message: `Berth's VM stopped during start-up: ${failed ?? last}.`,
              fix: this.fixFor(),
            });
          return pingTcp(this.port);
        },
        this.opts.apiTimeoutMs ?? 300000,
        signal,
        `127.0.0.1:${this.port}`,
      ),
    );
  }

  /** The data disk: its size, what it really takes on the host (it is sparse), and the host's free space. */
  diskUsage(): VmDiskUsage {
    const st = existsSync(this.paths.dataDisk) ? statSync(this.paths.dataDisk) : undefined;
    const fs = statfsSync(this.paths.dir);
    return { sizeBytes: st?.size ?? 0, usedBytes: (st?.blocks ?? 0) * 512, hostFreeBytes: fs.bavail * fs.bsize };
  }

  private onExit(child: ChildProcess, code: number | null, sig: NodeJS.Signals | null): void {
    this.log.mark(`qemu exited (${sig ? `signal ${sig}` : `exit code ${code}`})`);
    if (child !== this.qemu || this.machine.state !== 'running') return;
    this.qemu = undefined;
    this.machine.fail({
      step: 'Running',
      message: `Berth's VM stopped unexpectedly (${sig ? `signal ${sig}` : `exit code ${code}`}).`,
      fix: this.fixFor(),
      logTail: this.log.tail(20),
    });
  }

  protected async shutDown(): Promise<void> {
    const child = this.qemu;
    this.qemu = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    this.progress('Stopping dockerd and shutting down the VM');
    await new Promise<void>((resolve) => {
      const s = connect(this.paths.control, () => s.end('stop\n'));
      s.on('close', () => resolve());
      s.on('error', () => resolve());
    });
    for (let i = 0; i < 300 && child.exitCode === null && child.signalCode === null; i++) await sleep(100);
    if (child.exitCode === null && child.signalCode === null) {
      this.notice("Berth's VM did not shut down within 30 s; stopping QEMU.");
      child.kill('SIGTERM');
      for (let i = 0; i < 50 && child.exitCode === null && child.signalCode === null; i++) await sleep(100);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  }
}
