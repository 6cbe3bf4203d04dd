// Berth's engine in a Lima VM (macOS): Berth's own LIMA_HOME under its data dir, an instance "berth"
// written from the bundled template, dockerd inside, the guest docker socket forwarded to
// <data>/vm/docker.sock, and the engine data on a separate Lima disk that survives a VM reset.
import { existsSync, mkdirSync, readFileSync, statfsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pingUnix, type EngineAddress } from '../../docker/client';
import type { BerthPaths } from '../paths';
import { EngineStepError } from '../step-error';
import {
  chooseVmType,
  DEFAULT_VM_RESOURCES,
  renderLimaConfig,
  type LimaConfigValues,
  type LimaVmType,
  type VmResources,
} from './lima-config';
import { findLimactl, limaFix, Limactl, LimactlError, parseLogLine, progressFor, type LimaInstance } from './limactl';
import { describeRestart, restartPlan, type RestartPlan } from './restart-reasons';
import { ShellStatsSource } from './shell-stats';
import type { BulkStatsSource } from '../../docker/stats-dump';
import type { VmControls } from './vm-controls';
import { hostPaths, vmFolder, VmHostBase } from './vm-host-base';

export const LIMA_INSTANCE = 'berth';
export const LIMA_DATA_DISK = 'berth-data';
/** macOS allows 104 bytes in a unix socket path, including the NUL. */
const MAX_MAC_SOCKET = 103;
const GiB = 1024 ** 3;

export interface LimaHostOptions {
  paths?: BerthPaths;
  resources?: VmResources;
  /** Force a VM type; default VZ on macOS 13+, else QEMU. */
  vmType?: LimaVmType;
  /** Berth's bundled resources: limactl at lima/bin/limactl, the template at vm/lima/berth.yaml. */
  resourcesDir?: string;
  /** The template; default <resourcesDir>/vm/lima/berth.yaml, else the repository's copy. */
  templateFile?: string;
  env?: Record<string, string | undefined>;
  /** limactl create/start; the first start downloads an image and installs dockerd. Default 15 min. */
  startTimeoutMs?: number;
  /** The forwarded socket must answer /_ping within this after Lima says READY. Default 60 s. */
  apiTimeoutMs?: number;
  platform?: NodeJS.Platform;
}

export function limaPaths(paths: BerthPaths) {
  return {
    ...vmFolder(paths, 'vm', 'lima.log', { config: 'lima-berth.yaml', socket: 'docker.sock' }),
    /** LIMA_HOME: Berth's instances and disks, apart from the user's ~/.lima. */
    limaHome: join(paths.data, 'lima'),
  };
}

export type LimaPaths = ReturnType<typeof limaPaths>;

function defaultTemplate(opts: LimaHostOptions): string {
  if (opts.templateFile) return opts.templateFile;
  if (opts.resourcesDir) return join(opts.resourcesDir, 'vm', 'lima', 'berth.yaml');
  return fileURLToPath(new URL('../../../../resources/vm/lima/berth.yaml', import.meta.url));
}

export class LimaHost extends VmHostBase<LimaPaths> implements VmControls {
  readonly id = 'lima';
  readonly kind = 'lima' as const;
  readonly label = "Berth's VM (Lima)";
  readonly address: EngineAddress;
  private resources: VmResources;
  private readonly env: Record<string, string | undefined>;
  private stats: ShellStatsSource | undefined;

  constructor(private readonly opts: LimaHostOptions = {}) {
    const paths = limaPaths(hostPaths(opts));
    super(paths);
    this.address = { kind: 'unix', socketPath: paths.socket };
    this.resources = opts.resources ?? DEFAULT_VM_RESOURCES;
    this.env = { ...(opts.env ?? process.env), LIMA_HOME: paths.limaHome };
  }

  /** Every container's counters with one `limactl shell` command per sample (shell-stats.ts). */
  containerStats(): BulkStatsSource | undefined {
    if (this.machine.state !== 'running') return undefined;
    return (this.stats ??= new ShellStatsSource(
      "Berth's VM (Lima)",
      (command, o) =>
        // Quietly: a command a second does not belong in the VM's log. `head` exits 1 when a container stopped meanwhile.
        new Limactl(findLimactl(this.opts.resourcesDir, this.env), this.env).run(
          ['shell', '--workdir', '/', LIMA_INSTANCE, ...command],
          { ...o, okCodes: [1] },
        ),
      this.opts.resourcesDir,
    ));
  }

  terminalEnv(): Record<string, string> {
    return { DOCKER_HOST: `unix://${this.paths.socket}` };
  }

  accelDescription(): string {
    return this.vmType === 'vz' ? 'Apple Virtualization (VZ)' : 'QEMU';
  }

  get vmType(): LimaVmType {
    return this.opts.vmType ?? chooseVmType(this.opts.platform);
  }

  protected fixFor(message: string): string {
    return limaFix(message, join(this.paths.limaHome, LIMA_INSTANCE));
  }

  private limactl(): Limactl {
    const file = findLimactl(this.opts.resourcesDir, this.env);
    return new Limactl(file, this.env, (line) => this.log.write(`${line}\n`));
  }

  private configValues(): LimaConfigValues {
    return { ...this.resources, vmType: this.vmType, hostSocket: this.paths.socket, dataDisk: LIMA_DATA_DISK };
  }

  /** The rendered instance config, written to <data>/vm/lima-berth.yaml (and into a stopped instance). */
  private writeConfig(instanceDir?: string): void {
    if ((this.opts.platform ?? process.platform) === 'darwin' && this.paths.socket.length > MAX_MAC_SOCKET)
      throw new EngineStepError(
        'invalid',
        `The engine socket path ${this.paths.socket} is ${this.paths.socket.length} characters long; macOS allows ${MAX_MAC_SOCKET}.`,
        "Move Berth's data to a shorter path (set BERTH_HOME).",
      );
    const template = defaultTemplate(this.opts);
    if (!existsSync(template))
      throw new EngineStepError(
        'unavailable',
        `Berth's Lima template is missing (${template}).`,
        'Reinstall Berth; its bundled resources are incomplete.',
      );
    const text = renderLimaConfig(readFileSync(template, 'utf8'), this.configValues());
    mkdirSync(this.paths.limaHome, { recursive: true, mode: 0o700 });
    writeFileSync(this.paths.config, text, { mode: 0o600 });
    if (instanceDir && existsSync(join(instanceDir, 'lima.yaml')))
      writeFileSync(join(instanceDir, 'lima.yaml'), text, { mode: 0o644 });
  }

  /** limactl's progress lines become Berth's. */
  private onLimaLine = (line: string): void => {
    const parsed = parseLogLine(line);
    const p = parsed && progressFor(parsed.msg);
    if (p) this.progress(p);
  };

  private async instance(lima: Limactl): Promise<LimaInstance | undefined> {
    return (await lima.list()).find((i) => i.name === LIMA_INSTANCE);
  }

  /** A "Broken" instance is deleted and recreated; the engine data on its own disk is kept. */
  private async recover(lima: Limactl, inst: LimaInstance): Promise<void> {
    const why = inst.errors?.length ? inst.errors.join('; ') : 'Lima reports it as broken';
    this.notice(
      `Berth's VM was broken (${why}); Berth recreates it. Images, containers and volumes on the ${LIMA_DATA_DISK} disk are kept.`,
    );
    const quiet = async (args: string[]) => {
      try {
        await lima.run(args, { timeoutMs: 120000 });
      } catch (err) {
        if (!(err instanceof LimactlError)) throw err;
        this.log.mark(`(ignored) ${err.message}`);
      }
    };
    await quiet(['stop', '--force', LIMA_INSTANCE]);
    await lima.run(['delete', '--force', LIMA_INSTANCE], { timeoutMs: 120000 });
    await quiet(['disk', 'unlock', LIMA_DATA_DISK]);
  }

  private async ensureDataDisk(lima: Limactl): Promise<void> {
    const disk = (await lima.disks()).find((d) => d.name === LIMA_DATA_DISK);
    const want = this.resources.diskGiB;
    if (!disk) {
      await lima.run(['disk', 'create', LIMA_DATA_DISK, `--size=${want}GiB`, '--format=raw'], { timeoutMs: 120000 });
    } else if (want * GiB > disk.size + GiB / 16) {
      await lima.run(['disk', 'resize', LIMA_DATA_DISK, `--size=${want}GiB`], { timeoutMs: 120000 });
    }
  }

  protected async bringUp(signal: AbortSignal): Promise<void> {
    const lima = await this.step('Checking prerequisites', async () => {
      if ((this.opts.platform ?? process.platform) === 'win32')
        throw new EngineStepError('unavailable', 'Lima does not run on Windows.', 'Use the WSL engine on Windows.');
      const l = this.limactl();
      this.log.mark(`limactl ${await l.version()} at ${l.file}, LIMA_HOME=${this.paths.limaHome}`);
      return l;
    });
    await this.step('Preparing the VM configuration', () => this.writeConfig());
    let inst = await this.step("Looking for Berth's VM", () => this.instance(lima));
    if (inst?.status === 'Broken') {
      const broken = inst;
      await this.step("Recovering Berth's broken VM", () => this.recover(lima, broken));
      inst = undefined;
    }
    if (signal.aborted) return;
    // Running already (Lima's host agent outlives Berth): adopted when its engine answers on Berth's
    // forwarded socket, else stopped cleanly and started again.
    if (inst?.status === 'Running') {
      if ((await pingUnix(this.paths.socket, 1000)).ok) {
        this.log.mark('Berth VM already running; using it');
        this.notice(
          "Berth's VM was still running from an earlier session; Berth took it over without a restart, so its containers kept running.",
        );
        return;
      }
      this.notice(
        `Berth's VM is running, but its engine does not answer at ${this.paths.socket}; Berth shuts it down cleanly and starts it again.`,
      );
      await this.step("Shutting down Berth's VM, whose engine does not answer", () => this.stopInstance(lima));
      inst = { ...inst, status: 'Stopped' };
    }
    const run = (args: string[]) =>
      lima.run(args, { onStderrLine: this.onLimaLine, signal, timeoutMs: this.opts.startTimeoutMs ?? 15 * 60000 });
    if (inst?.status !== 'Running')
      await this.step("Preparing the engine's data disk", () => this.ensureDataDisk(lima));
    if (!inst) {
      await this.step("Creating Berth's VM", () =>
        run(['create', `--name=${LIMA_INSTANCE}`, '--tty=false', this.paths.config]),
      );
    } else if (inst.status !== 'Running') {
      this.writeConfig(inst.dir ?? join(this.paths.limaHome, LIMA_INSTANCE)); // settings changed while stopped
    }
    if (signal.aborted) return;
    if (inst?.status !== 'Running')
      await this.step("Starting Berth's VM", () => run(['start', '--tty=false', LIMA_INSTANCE]));
    if (signal.aborted) return;
    await this.step('Waiting for the engine API', () =>
      this.waitForApi(
        async () => (await pingUnix(this.paths.socket, 1000)).ok,
        this.opts.apiTimeoutMs ?? 60000,
        signal,
        this.paths.socket,
      ),
    );
  }

  protected async shutDown(): Promise<void> {
    let lima: Limactl;
    try {
      lima = this.limactl();
    } catch {
      return; // no limactl: nothing of ours can be running
    }
    const inst = await this.instance(lima);
    if (!inst || inst.status !== 'Running') return;
    // Give the blocks the engine freed back to the Mac before the VM stops (the disks are sparse).
    this.progress("Trimming the engine's data disk");
    await lima
      .run(['shell', '--workdir', '/', LIMA_INSTANCE, 'sudo', 'fstrim', '-v', `/mnt/lima-${LIMA_DATA_DISK}`], {
        timeoutMs: 60000,
      })
      .then((r) => this.log.mark(`trimmed: ${r.stdout.toString('utf8').trim()}`))
      .catch((err: unknown) =>
        this.log.mark(`could not trim the data disk (${(err as Error).message}); it may take more space than it holds`),
      );
    this.progress("Shutting down Berth's VM");
    await this.stopInstance(lima);
  }

  /** `limactl stop` (the guest shuts down cleanly), forced when that does not end in time. */
  private async stopInstance(lima: Limactl): Promise<void> {
    try {
      await lima.run(['stop', LIMA_INSTANCE], { onStderrLine: this.onLimaLine, timeoutMs: 180000 });
    } catch (err) {
      if (!(err instanceof LimactlError)) throw err;
      this.notice(`Berth's VM did not shut down in time (${err.reason}); forcing it off.`);
      await lima.run(['stop', '--force', LIMA_INSTANCE], { timeoutMs: 60000 });
    }
  }

  /** What a restart would change, as sentences: compares the VM as it is with `desired` (default: current settings). */
  async restartPlan(desired: VmResources = this.resources): Promise<RestartPlan & { message?: string }> {
    const lima = this.limactl();
    const inst = await this.instance(lima);
    const disk = (await lima.disks()).find((d) => d.name === LIMA_DATA_DISK);
    const plan = restartPlan(
      {
        ...(inst?.cpus !== undefined ? { cpus: inst.cpus } : {}),
        ...(inst?.memory !== undefined ? { memory: inst.memory } : {}),
        ...(inst?.vmType !== undefined ? { vmType: inst.vmType } : {}),
        ...(disk ? { dataDisk: disk.size } : {}),
      },
      { ...desired, vmType: this.vmType },
    );
    const message = describeRestart(plan);
    return { ...plan, ...(message ? { message } : {}) };
  }

  /** The engine data disk: its size, what it takes on the Mac (Lima disks are sparse), and free space there. */
  async diskUsage(): Promise<{ sizeBytes: number; usedBytes: number; hostFreeBytes: number }> {
    const disk = (await this.limactl().disks()).find((d) => d.name === LIMA_DATA_DISK);
    const file = join(this.paths.limaHome, '_disks', LIMA_DATA_DISK, 'datadisk');
    const used = existsSync(file) ? statSync(file).blocks * 512 : 0;
    const fs = statfsSync(this.paths.dir);
    return { sizeBytes: disk?.size ?? 0, usedBytes: used, hostFreeBytes: fs.bavail * fs.bsize };
  }

  /** New resources from settings. Returns the restart plan; the caller previews it and calls restart(). */
  async setResources(resources: VmResources): Promise<RestartPlan & { message?: string }> {
    renderLimaConfig(readFileSync(defaultTemplate(this.opts), 'utf8'), { ...this.configValues(), ...resources }); // validates
    const plan = await this.restartPlan(resources);
    this.resources = resources;
    return plan;
  }

  /** Stops and starts the VM so new settings take effect. */
  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }
}
