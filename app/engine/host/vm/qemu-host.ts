// The isolated Linux VM (like Docker Desktop on Linux): dockerd in a QEMU VM — KVM when asked for
// and usable, else software emulation (TCG, clearly labelled slow) — booted from the image
// resources/vm/linux/build-image.sh builds from Debian packages (image.ts: Debian's kernel, a small
// initramfs, a read-only ext4 root with docker.io); nothing of the host but QEMU is used. The engine
// data is a raw disk image under Berth's data dir, and the guest's engine port is forwarded to a
// loopback port on the host.
//
// The VM is tied to Berth without dying with it (README: "A VM tied to its owner"): QEMU runs in its
// own session with a pidfile, a QMP socket, a console socket and a control port under the data dir.
// Berth holds the control port while it runs; the guest shuts itself down cleanly when no Berth has
// held it for the orphan grace (default 5 min). A start first looks for a VM an earlier Berth left:
// a healthy one is adopted (no reboot, containers keep running), any other is shut down through QMP.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pingLoopback, type EngineAddress } from '../../docker/client';
import type { BerthPaths } from '../paths';
import { isAlive, sleep } from '../processes';
import { EngineStepError } from '../step-error';
import { keptPort } from './ports';
import { dataDiskGiB, dataDiskUsage, growDataDisk } from './qemu-disk';
import { clientTls, ensureEngineTls, type EngineTlsMaterial } from './engine-tls';
import {
  buildImageCommand,
  describeImage,
  findVmImage,
  GUEST_PROTOCOL,
  GUEST_STATS_PROTOCOL,
  staleImageNotice,
  type VmImage,
} from './image';
import { GuestStatsChannel } from './guest-stats';
import type { BulkStatsSource } from '../../docker/stats-dump';
import { kvmProblem } from './kvm';
import { findQemu } from './qemu-availability';
import { GuestChannels } from './qemu-channels';
import { DEFAULT_VM_RESOURCES, type VmResources } from './lima-config';
import { qemuArgs, qemuRuntimeFiles } from './qemu-command';
import { withQmp } from './qmp';
import {
  clearRuntimeFiles,
  findLeftoverVm,
  leftoverProblem,
  liveOwner,
  powerDownVm,
  retireLeftoverVm,
  writeOwner,
  type LeftoverVm,
} from './qemu-leftover';
import { describeRestart, restartPlan } from './restart-reasons';
import type { VmControls, VmDiskUsage, VmRestartPlan } from './vm-controls';
import { StepFailure } from '../step-error';
import { hostPaths, vmFolder, VmHostBase } from './vm-host-base';

export { qemuValue } from './qemu-command';
export { kvmUsable } from './kvm';
export { linuxVmAvailability } from './qemu-availability';

export type QemuAccel = 'kvm' | 'tcg' | 'auto';

/**
 * How long a VM gets to shut down cleanly (dockerd stops its containers: up to 15 s; containerd; the
 * disk is trimmed) before QEMU is told to quit. Emulated VMs on a busy machine need much of it.
 */
const SHUTDOWN_GRACE_MS = 60000;

/** How long a VM waits for a Berth on its control port before it shuts itself down. */
export const DEFAULT_ORPHAN_GRACE_S = 300;

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
  /**
   * Seconds a VM whose Berth is gone (crashed, killed) keeps running for the next Berth to adopt it,
   * before it shuts itself down. Default the BERTH_VM_ORPHAN_GRACE_S environment variable, else 300.
   */
  orphanGraceS?: number;
}

export function qemuPaths(paths: BerthPaths) {
  const folder = vmFolder(paths, 'linux-vm', 'console.log', {
    dataDisk: 'data.img',
    /** The engine's TLS certificates (ca.pem, cert.pem, key.pem: a DOCKER_CERT_PATH for the docker CLI). */
    tls: 'tls',
  });
  return { ...folder, ...qemuRuntimeFiles(folder.dir) };
}

export type QemuPaths = ReturnType<typeof qemuPaths>;

const consoleMarkers: [string, string][] = [
  ['BERTH-VM-ROOT-READY', "The VM's kernel is up; mounting the engine data"],
  ['BERTH-VM-ENGINE-STARTING', 'Starting dockerd inside the VM'],
];

export class QemuHost extends VmHostBase<QemuPaths> implements VmControls {
  readonly id = 'linux-vm';
  readonly kind = 'linux-vm' as const;
  readonly label = "Berth's isolated VM (QEMU)";
  private resources: VmResources;
  /** What the running VM was started with (undefined while stopped). */
  private applied: (VmResources & { accel: 'kvm' | 'tcg' }) | undefined;
  private port = 0;
  private tls: EngineTlsMaterial | undefined;
  /** The running VM's QEMU: launched by this Berth (`child` set) or adopted from an earlier one. */
  private vmPid: number | undefined;
  private child: ChildProcess | undefined;
  /** Console and control port; the control port is held while the VM runs (the guest counts on it). */
  private channels: GuestChannels | undefined;
  /** Stats requests on the control port, while it is held and the image's guest answers them. */
  private stats: GuestStatsChannel | undefined;
  /** The guest protocol of the image this start boots (image.ts). */
  private guest = 1;
  private console = '';
  private seen = new Set<string>();

  constructor(private readonly opts: QemuHostOptions = {}) {
    super(qemuPaths(hostPaths(opts)));
    this.resources = opts.resources ?? DEFAULT_VM_RESOURCES;
  }

  /** The forwarded port, over mutual TLS with Berth's client certificate. */
  get address(): EngineAddress {
    return { kind: 'tcp', host: '127.0.0.1', port: this.port, ...(this.tls ? { tls: this.tls } : {}) };
  }

  /** 'kvm' or 'tcg', as this start uses it. */
  get accel(): 'kvm' | 'tcg' {
    const a = this.opts.accel ?? 'auto';
    return a === 'auto' ? (kvmProblem() ? 'tcg' : 'kvm') : a;
  }

  /** The running VM's QEMU process id (launched or adopted), undefined while stopped. */
  get vmProcess(): number | undefined {
    return this.vmPid;
  }

  private get orphanGraceS(): number {
    const fromEnv = Number((this.opts.env ?? process.env).BERTH_VM_ORPHAN_GRACE_S);
    return this.opts.orphanGraceS ?? (Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : DEFAULT_ORPHAN_GRACE_S);
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
    if (image.info && image.info.guest < GUEST_PROTOCOL)
      throw new EngineStepError(
        'unavailable',
        `Berth's VM image in ${image.dir} was built for an older Berth: its guest cannot be stopped by this Berth, nor stop itself when Berth is gone.`,
        `Rebuild it with \`${buildImageCommand(this.scriptsDir, image.dir)}\`, then start the engine again.`,
      );
    const stale = staleImageNotice(image, this.scriptsDir);
    if (stale) this.notice(stale);
    this.guest = image.info?.guest ?? 1;
    const kvm = kvmProblem();
    if (this.opts.accel === 'kvm' && kvm)
      throw new EngineStepError(
        'unavailable',
        `KVM was asked for, but ${kvm}.`,
        'Enable virtualization in the firmware and add your user to the kvm group, or choose software emulation.',
      );
    if (this.opts.accel !== 'tcg' && kvm) this.log.mark(`software emulation: ${kvm}`);
    // Made once, readable by the user alone; the VM gets the server's part through fw_cfg at boot.
    this.tls = clientTls(ensureEngineTls(this.paths.tls, { ips: ['127.0.0.1'], names: ['localhost'], env }));
    // Berth before the Debian image wrote its initramfs here.
    rmSync(join(this.paths.dir, 'initramfs.cpio'), { force: true });
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

  /**
   * A VM an earlier Berth left running: adopted when it is healthy and ours (true), else shut down
   * cleanly through QMP (false: a new one boots). Fails when another live Berth holds it.
   */
  private async adoptLeftover(image: VmImage): Promise<boolean> {
    const vm = findLeftoverVm(this.paths, this.paths.dataDisk);
    if (!vm) return false;
    const owner = liveOwner(this.paths);
    if (owner !== undefined && owner !== process.pid)
      throw new EngineStepError(
        'conflict',
        `Berth's VM (QEMU process ${vm.pid}) is in use by another Berth (process ${owner}).`,
        'Quit the other Berth first, or give this one its own data directory with BERTH_HOME.',
      );
    const problem = await leftoverProblem(vm, this.paths, image, this.tls!);
    if (problem) {
      await this.retireLeftover(vm, problem);
      return false;
    }
    this.port = vm.port;
    const disk = dataDiskGiB(this.paths.dataDisk) ?? this.resources.diskGiB;
    this.applied = { cpus: vm.cpus, memoryGiB: vm.memoryGiB, diskGiB: disk, accel: vm.accel };
    await this.attach(vm.pid);
    this.log.mark(`adopted QEMU process ${vm.pid} (engine on 127.0.0.1:${vm.port}) from an earlier Berth`);
    this.notice(
      `Berth's VM was still running from an earlier session (QEMU process ${vm.pid}); Berth took it over without a restart, so its containers kept running.`,
    );
    return true;
  }

  private async retireLeftover(vm: LeftoverVm, problem: string): Promise<void> {
    this.notice(
      `Berth's VM from an earlier session (QEMU process ${vm.pid}) cannot be used: ${problem}. Berth shuts it down cleanly and starts a new one.`,
    );
    this.progress('Shutting down the VM left by an earlier session');
    this.log.mark(await retireLeftoverVm(vm, this.paths, SHUTDOWN_GRACE_MS, (b) => this.log.write(b)));
  }

  /** Takes the VM's console into the log and holds its control port (Berth's presence, for the guest). */
  private async attach(pid: number): Promise<void> {
    this.vmPid = pid;
    writeOwner(this.paths, pid);
    const stats = new GuestStatsChannel((line) => channels.writeControl(line));
    const channels = new GuestChannels(
      this.paths,
      () => this.vmPid !== pid || !isAlive(pid),
      this.onConsole,
      () => this.onControlLost(channels, pid),
      (b) => stats.onData(b),
    );
    this.channels = channels;
    this.stats = this.guest >= GUEST_STATS_PROTOCOL ? stats : undefined;
    await channels.open();
  }

  private detach(): void {
    this.channels?.close();
    this.channels = undefined;
    this.stats = undefined;
    this.vmPid = undefined;
    this.child = undefined;
  }

  private launch(qemu: string, accel: 'kvm' | 'tcg', image: VmImage): Promise<void> {
    clearRuntimeFiles(this.paths);
    const args = qemuArgs({
      accel,
      resources: this.resources,
      image,
      dataDisk: this.paths.dataDisk,
      port: this.port,
      tlsDir: this.paths.tls,
      files: this.paths,
      orphanGraceS: this.orphanGraceS,
    });
    this.log.mark(`starting: ${qemu} ${args.join(' ')}`);
    return this.step(
      accel === 'kvm' ? "Booting Berth's VM (KVM)" : "Booting Berth's VM (software emulation: slow, no KVM)",
      async () => {
        const err = openSync(this.paths.stderr, 'w', 0o600);
        let child: ChildProcess;
        try {
          // Its own session: a Ctrl-C in Berth's terminal or a crash of Berth does not take the VM
          // down mid-write; the guest's orphan grace and the next start's adopt-or-stop do.
          child = spawn(qemu, args, { detached: true, stdio: ['ignore', 'ignore', err] });
        } finally {
          closeSync(err);
        }
        this.child = child;
        this.console = '';
        this.seen.clear();
        child.on('error', (e) => this.log.mark(`qemu could not run: ${e.message}`));
        child.on('exit', (code, sig) => this.onExit(child, code, sig));
        this.applied = { ...this.resources, accel };
        if (child.pid) await this.attach(child.pid);
      },
    );
  }

  private qemuMessages(): string {
    try {
      return readFileSync(this.paths.stderr, 'utf8').trim();
    } catch {
      return '';
    }
  }

  protected async bringUp(signal: AbortSignal): Promise<void> {
    const { qemu, image } = await this.step('Preparing the VM (kernel, initramfs, data disk)', () => this.prepare());
    if (await this.step("Looking for Berth's VM from an earlier session", () => this.adoptLeftover(image))) return;
    if (signal.aborted) return;
    await this.step("Preparing the engine's data disk", () => {
      const notice = growDataDisk(this.paths.dataDisk, this.resources.diskGiB);
      if (notice) this.notice(notice);
    });
    this.port = await keptPort(join(this.paths.dir, 'engine.json'));
    const accel = this.accel;
    try {
      await this.launch(qemu, accel, image);
      await this.waitForEngine(qemu, image, accel, signal);
    } catch (err) {
      // A VM whose engine never came up is shut down, not left running (while Berth holds its control
      // port, the guest would not stop by itself).
      await this.discardVm();
      throw err;
    }
  }

  /** Shuts down a VM that failed to start: the power button, then quit after 10 s, then SIGKILL. */
  private async discardVm(): Promise<void> {
    const pid = this.vmPid;
    this.detach();
    this.applied = undefined;
    if (pid && isAlive(pid)) this.log.mark(`the VM that failed to start: ${await powerDownVm(pid, this.paths, 10000)}`);
    clearRuntimeFiles(this.paths);
  }

  private waitForEngine(qemu: string, image: VmImage, first: 'kvm' | 'tcg', signal: AbortSignal): Promise<void> {
    let accel = first;
    return this.step('Waiting for the engine API', () =>
      this.waitForApi(
        async () => {
          const failed = /BERTH-VM-FAIL (.*)/.exec(this.console)?.[1];
          const q = this.child;
          const exited = !q || q.exitCode !== null || q.signalCode !== null;
          const said = exited ? this.qemuMessages() : '';
          const last = (said || this.console).trim().split('\n').at(-1) ?? 'no output';
          // KVM that QEMU cannot use (nested virtualization refusing the host CPU model) fails at once.
          if (exited && accel === 'kvm' && this.opts.accel !== 'kvm' && /kvm|MSR/i.test(said)) {
            this.notice(`KVM did not work here (${last}); Berth's VM uses software emulation instead, which is slow.`);
            accel = 'tcg';
            await this.launch(qemu, accel, image);
            return false;
          }
          if (failed || exited)
            throw new StepFailure({
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

  /**
   * Every container's counters in one request on the control port (guest-stats.ts), while the VM runs
   * an image whose guest answers them; undefined otherwise (the sampler asks the engine).
   */
  containerStats(): BulkStatsSource | undefined {
    return this.machine.state === 'running' ? this.stats : undefined;
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
    return dataDiskUsage(this.paths.dataDisk);
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
    if (child !== this.child || this.machine.state !== 'running') return;
    this.vmGone(`${sig ? `signal ${sig}` : `exit code ${code}`}`);
  }

  /** The control port closed: for an adopted VM (no child to watch) that is how its end shows. */
  private onControlLost(channels: GuestChannels, pid: number): void {
    if (channels !== this.channels || this.child || this.machine.state !== 'running') return;
    if (!isAlive(pid)) return this.vmGone(`QEMU process ${pid} ended`);
    this.log.mark('the control port closed while QEMU runs; connecting again');
    void channels.holdControl().then((held) => {
      if (!held && channels === this.channels && this.machine.state === 'running')
        this.vmGone(`QEMU process ${pid} ended`);
    });
  }

  private vmGone(how: string): void {
    this.detach();
    this.applied = undefined;
    clearRuntimeFiles(this.paths);
    this.machine.fail({
      step: 'Running',
      message: `Berth's VM stopped unexpectedly (${how}).`,
      fix: this.fixFor(),
      logTail: this.log.tail(20),
    });
  }

  protected async shutDown(): Promise<void> {
    const pid = this.vmPid;
    const channels = this.channels;
    this.applied = undefined;
    if (pid && isAlive(pid)) {
      this.progress('Stopping dockerd and shutting down the VM');
      // "stop" on the control port: the guest stops dockerd, trims and unmounts the data disk, powers off.
      const asked =
        (await channels?.sendStop()) || (await withQmp(this.paths.qmp, (q) => q.execute('system_powerdown'))).ok;
      if (!asked) this.log.mark('could not ask the guest to stop; QEMU is told to quit after the grace');
      const end = Date.now() + SHUTDOWN_GRACE_MS;
      while (isAlive(pid) && Date.now() < end) await sleep(100);
      if (isAlive(pid)) {
        this.notice(`Berth's VM did not shut down within ${SHUTDOWN_GRACE_MS / 1000} s; stopping QEMU.`);
        await powerDownVm(pid, this.paths, 0);
      }
      await channels?.drained(2000);
    }
    this.detach();
    clearRuntimeFiles(this.paths);
  }
}
