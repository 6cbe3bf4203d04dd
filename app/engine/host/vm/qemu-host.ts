// The isolated Linux VM (like Docker Desktop on Linux): dockerd in a QEMU VM — KVM when asked for
// and usable, else software emulation (TCG, clearly labelled slow) — booted from the image
// resources/vm/linux/build-image.sh builds from Debian packages (image.ts: Debian's kernel, a small
// initramfs, a read-only ext4 root with docker.io); nothing of the host but QEMU is used. The engine
// data is a raw disk image under Berth's data dir, and the guest's engine port is forwarded to a
// loopback port on the host.
import { spawn, type ChildProcess } from 'node:child_process';
import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  statfsSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pingLoopback, type EngineAddress } from '../../docker/client';
import { findBinary } from '../binaries';
import { berthPaths, type BerthPaths } from '../paths';
import { sleep } from '../processes';
import { RotatingLog } from '../rotating-log';
import { EngineStepError } from '../step-error';
import { freePort, portFree } from './ports';
import { clientTls, ensureEngineTls, type EngineTlsMaterial } from './engine-tls';
import { describeImage, findVmImage, staleImageNotice, type VmImage } from './image';
import { DEFAULT_VM_RESOURCES, type VmResources } from './lima-config';
import { describeRestart, restartPlan } from './restart-reasons';
import type { VmControls, VmDiskUsage, VmRestartPlan } from './vm-controls';
import { VmHostBase, VmStepFailure } from './vm-host-base';

export type QemuAccel = 'kvm' | 'tcg' | 'auto';

export interface QemuHostOptions {
  paths?: BerthPaths;
  /** CPUs, memory and the data disk's size (it can grow, never shrink); default DEFAULT_VM_RESOURCES. */
  resources?: VmResources;
  /** Default 'auto': KVM when /dev/kvm is usable, else software emulation. */
  accel?: QemuAccel;
  /** resources/vm/linux (the image's build script and guest init scripts); default the repository's copy. */
  scriptsDir?: string;
  /**
   * The built image (vmlinuz, initramfs.cpio, root.img: build-image.sh's output). Default the
   * BERTH_VM_IMAGE environment variable, else `<scriptsDir>/image` — in a package,
   * <resources>/vm/linux/image, built at packaging time.
   */
  image?: { dir: string };
  env?: Record<string, string | undefined>;
  /** Boot + dockerd start; software emulation needs minutes on a busy machine. Default 5 min. */
  apiTimeoutMs?: number;
}

export interface QemuPaths {
  dir: string;
  dataDisk: string;
  control: string;
  logFile: string;
  /** The engine's TLS certificates (ca.pem, cert.pem, key.pem: a DOCKER_CERT_PATH for the docker CLI). */
  tls: string;
}

export function qemuPaths(paths: BerthPaths): QemuPaths {
  const dir = join(paths.data, 'linux-vm');
  return {
    dir,
    dataDisk: join(dir, 'data.img'),
    control: join(dir, 'control.sock'),
    logFile: join(dir, 'console.log'),
    tls: join(dir, 'tls'),
  };
}

const consoleMarkers: [string, string][] = [
  ['BERTH-VM-ROOT-READY', "The VM's kernel is up; mounting the engine data"],
  ['BERTH-VM-ENGINE-STARTING', 'Starting dockerd inside the VM'],
];

/** A value inside one of QEMU's comma-separated option lists (a comma is written twice). */
export function qemuValue(s: string): string {
  return s.replace(/,/g, ',,');
}

export function kvmUsable(): boolean {
  try {
    accessSync('/dev/kvm', constants.R_OK | constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** QEMU, the one thing the VM needs from this machine; a step error saying how to install it when missing. */
function findQemu(env: Record<string, string | undefined>): string {
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
    return {
      available: true,
      reason: kvmUsable()
        ? 'QEMU is installed and /dev/kvm is usable: KVM is tried first, software emulation if QEMU cannot use it'
        : 'QEMU is installed; no usable /dev/kvm, so software emulation (slow)',
    };
  } catch (err) {
    const e = err as EngineStepError;
    return { available: false, reason: e.message };
  }
}

export class QemuHost extends VmHostBase implements VmControls {
  readonly id = 'linux-vm';
  readonly kind = 'linux-vm' as const;
  readonly label = "Berth's isolated VM (QEMU)";
  private resources: VmResources;
  /** What the running VM was started with (undefined while stopped). */
  private applied: (VmResources & { accel: 'kvm' | 'tcg' }) | undefined;
  readonly paths: QemuPaths;
  private port = 0;
  private tls: EngineTlsMaterial | undefined;
  private qemu: ChildProcess | undefined;
  private console = '';
  private seen = new Set<string>();

  constructor(private readonly opts: QemuHostOptions = {}) {
    const paths = qemuPaths(opts.paths ?? berthPaths(opts.env ?? process.env));
    mkdirSync(paths.dir, { recursive: true, mode: 0o700 });
    super(new RotatingLog(paths.logFile));
    this.paths = paths;
    this.resources = opts.resources ?? DEFAULT_VM_RESOURCES;
  }

  /** The forwarded port, over mutual TLS with Berth's client certificate. */
  get address(): EngineAddress {
    return { kind: 'tcp', host: '127.0.0.1', port: this.port, ...(this.tls ? { tls: this.tls } : {}) };
  }

  /** 'kvm' or 'tcg', as this start uses it. */
  get accel(): 'kvm' | 'tcg' {
    const a = this.opts.accel ?? 'auto';
    return a === 'auto' ? (kvmUsable() ? 'kvm' : 'tcg') : a;
  }

  protected fixFor(): string {
    return `Read the VM's console log at ${this.paths.logFile}, then start the engine again.`;
  }

  /** resources/vm/linux. */
  private get scriptsDir(): string {
    return this.opts.scriptsDir ?? fileURLToPath(new URL('../../../../resources/vm/linux', import.meta.url));
  }

  /** Where the image is looked for: the option, BERTH_VM_IMAGE, else `<scriptsDir>/image`. */
  get imageDir(): string {
    return this.opts.image?.dir ?? (this.opts.env ?? process.env).BERTH_VM_IMAGE ?? join(this.scriptsDir, 'image');
  }

  private prepare(): { qemu: string; image: VmImage } {
    const env = this.opts.env ?? process.env;
    const qemu = findQemu(env);
    const image = findVmImage(this.imageDir, this.scriptsDir);
    this.log.mark(describeImage(image));
    const stale = staleImageNotice(image, this.scriptsDir);
    if (stale) this.notice(stale);
    if (this.opts.accel === 'kvm' && !kvmUsable())
      throw new EngineStepError(
        'unavailable',
        'KVM was asked for, but /dev/kvm is missing or not usable by Berth.',
        'Enable virtualization in the firmware and add your user to the kvm group, or choose software emulation.',
      );
    // Made once, readable by the user alone; the VM gets the server's part through fw_cfg at boot.
    this.tls = clientTls(ensureEngineTls(this.paths.tls, { ips: ['127.0.0.1'], names: ['localhost'], env }));
    // Berth before the Debian image wrote its initramfs here.
    rmSync(join(this.paths.dir, 'initramfs.cpio'), { force: true });
    // Sparse; the guest formats it on first boot, and grows its file system when the image grew.
    const want = this.resources.diskGiB * 1024 ** 3;
    const have = existsSync(this.paths.dataDisk) ? statSync(this.paths.dataDisk).size : 0;
    if (want > have) {
      const fd = openSync(this.paths.dataDisk, existsSync(this.paths.dataDisk) ? 'r+' : 'w', 0o600);
      ftruncateSync(fd, want);
      closeSync(fd);
    } else if (want < have)
      this.notice(
        `The data disk stays ${Math.round(have / 1024 ** 3)} GiB: it cannot shrink to ${this.resources.diskGiB} GiB without losing data.`,
      );
    return { qemu, image };
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

  private qemuArgs(accel: 'kvm' | 'tcg', image: VmImage): string[] {
    return [
      ...(accel === 'kvm' ? ['-enable-kvm', '-cpu', 'host'] : ['-accel', 'tcg']),
      ...['-m', `${this.resources.memoryGiB * 1024}`, '-smp', String(this.resources.cpus)],
      ...['-nographic', '-nodefaults', '-no-reboot'],
      ...['-kernel', image.kernel, '-initrd', image.initramfs, '-append', 'console=ttyS0 quiet panic=-1'],
      // The guest finds its disks by serial. The root image is shared by every VM and never written.
      ...['-drive', `if=none,id=root,file=${qemuValue(image.root)},format=raw,readonly=on`],
      ...['-device', 'virtio-blk-pci,drive=root,serial=berth-root'],
      ...['-drive', `if=none,id=data,file=${qemuValue(this.paths.dataDisk)},format=raw,discard=unmap`],
      ...['-device', 'virtio-blk-pci,drive=data,serial=berth-data'],
      ...['-netdev', `user,id=n0,hostfwd=tcp:127.0.0.1:${this.port}-:2376`, '-device', 'virtio-net-pci,netdev=n0'],
      // The engine's server certificate, key and CA, read by the guest from /sys/firmware/qemu_fw_cfg.
      ...(['ca', 'server-cert', 'server-key'] as const).flatMap((f) => [
        '-fw_cfg',
        `name=opt/berth/${f},file=${qemuValue(join(this.paths.tls, `${f}.pem`))}`,
      ]),
      ...['-serial', 'stdio', '-serial', `unix:${qemuValue(this.paths.control)},server=on,wait=off`],
    ];
  }

  private launch(qemu: string, accel: 'kvm' | 'tcg', image: VmImage): Promise<void> {
    const args = this.qemuArgs(accel, image);
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
        this.applied = { ...this.resources, accel };
      },
    );
  }

  protected async bringUp(signal: AbortSignal): Promise<void> {
    const { qemu, image } = await this.step('Preparing the VM (kernel, initramfs, data disk)', () => this.prepare());
    this.port = await this.enginePort();
    let accel = this.accel;
    await this.launch(qemu, accel, image);
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
            await this.launch(qemu, accel, image);
            return false;
          }
          if (failed || exited)
            throw new VmStepFailure({
              step: 'Booting the VM',
              message: `Berth's VM stopped during start-up: ${failed ?? last}.`,
              fix: this.fixFor(),
            });
          return (await pingLoopback(this.port, 2000, this.tls)).ok; // mutual TLS: only Berth's certificate gets an answer
        },
        this.opts.apiTimeoutMs ?? 300000,
        signal,
        `127.0.0.1:${this.port}`,
      ),
    );
  }

  /** The port the engine had last time when it is free (so a terminal's DOCKER_HOST keeps working), else a new one. */
  private async enginePort(): Promise<number> {
    const file = join(this.paths.dir, 'engine.json');
    let saved: number | undefined;
    try {
      const p = (JSON.parse(readFileSync(file, 'utf8')) as { port?: unknown }).port;
      if (typeof p === 'number') saved = p;
    } catch {
      /* first start */
    }
    if (saved && (await portFree(saved))) return saved;
    const port = await freePort();
    writeFileSync(file, `${JSON.stringify({ port }, null, 2)}\n`, { mode: 0o600 });
    return port;
  }

  terminalEnv(): Record<string, string> {
    return { DOCKER_HOST: `tcp://127.0.0.1:${this.port}`, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: this.paths.tls };
  }

  accelDescription(): string {
    const accel = this.applied?.accel ?? this.accel;
    return accel === 'kvm' ? 'KVM' : 'software emulation (slow: no KVM)';
  }

  /** The data disk: its size, what it really takes on the host (it is sparse), and the host's free space. */
  async diskUsage(): Promise<VmDiskUsage | undefined> {
    if (!existsSync(this.paths.dataDisk)) return undefined;
    const st = statSync(this.paths.dataDisk);
    const fs = statfsSync(this.paths.dir);
    return { sizeBytes: st.size, usedBytes: st.blocks * 512, hostFreeBytes: fs.bavail * fs.bsize };
  }

  async setResources(resources: VmResources): Promise<VmRestartPlan> {
    this.resources = { ...resources };
    return this.restartPlan();
  }

  async restartPlan(): Promise<VmRestartPlan> {
    const disk = existsSync(this.paths.dataDisk) ? statSync(this.paths.dataDisk).size : undefined;
    const running = this.machine.state === 'running' ? this.applied : undefined;
    const plan = restartPlan(
      {
        ...(running ? { cpus: running.cpus, memory: running.memoryGiB * 1024 ** 3 } : {}),
        ...(disk !== undefined ? { dataDisk: disk } : {}),
      },
      { ...this.resources, vmType: 'qemu' },
    );
    // A stopped VM takes the settings at its next start: nothing to restart for.
    if (!running) plan.reasons = [];
    const message = describeRestart(plan);
    return { ...plan, ...(message ? { message } : {}) };
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
    this.applied = undefined;
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
