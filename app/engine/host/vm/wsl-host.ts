// Berth's engine in WSL 2 (Windows): two distros Berth imports from bundled tarballs — "berth" (the
// engine: dockerd) and "berth-data" (only the engine data, bind-mounted at /mnt/wsl/berth-data,
// which every WSL 2 distro shares) — so resetting one never loses the other. dockerd listens on a
// loopback TCP port inside WSL, which WSL forwards to Windows' 127.0.0.1.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, statfsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pingLoopback, type EngineAddress } from '../../docker/client';
import { findBinary } from '../binaries';
import type { BerthPaths } from '../paths';
import { sleep } from '../processes';
import { EngineStepError } from '../step-error';
import { portFree } from './ports';
import { runTool } from './run';
import { ShellStatsSource } from './shell-stats';
import type { BulkStatsSource } from '../../docker/stats-dump';
import type { VmControls, VmDiskUsage, VmRestartPlan } from './vm-controls';
import { StepFailure } from '../step-error';
import { hostPaths, vmFolder, VmHostBase } from './vm-host-base';
import { decodeWslOutput, parseWslList, parseWslStatus, wslProblem, type WslDistro } from './wsl-output';

export const WSL_DISTRO = 'berth';
export const WSL_DATA_DISTRO = 'berth-data';
const DATA_MOUNT = '/mnt/wsl/berth-data';
const READY = 'berth-data-ready';

export interface WslHostOptions {
  paths?: BerthPaths;
  /** Berth's bundled resources: vm/wsl/berth-rootfs.tar.gz and vm/wsl/berth-data.tar. */
  resourcesDir?: string;
  /** wsl.exe; default %SystemRoot%\System32\wsl.exe on Windows, else `wsl.exe` on PATH (tests). */
  wslPath?: string;
  env?: Record<string, string | undefined>;
  /** Loopback port for the engine; default chosen once and kept in <data>/wsl/engine.json. */
  port?: number;
  apiTimeoutMs?: number;
  platform?: NodeJS.Platform;
}

export function wslPaths(paths: BerthPaths) {
  return vmFolder(paths, 'wsl', 'wsl.log', {
    /** Where `wsl --import` keeps each distro's ext4.vhdx. */
    distroDir: WSL_DISTRO,
    dataDistroDir: WSL_DATA_DISTRO,
    stateFile: 'engine.json',
  });
}

export type WslPaths = ReturnType<typeof wslPaths>;

const randomPort = () => 49152 + Math.floor(Math.random() * 16000);

/** The engine answers on the loopback port (with an API version, so it is an engine, not any server). */
const pingTcp = async (port: number) => {
  const r = await pingLoopback(port, 1000);
  return r.ok && r.apiVersion !== undefined;
};

export class WslHost extends VmHostBase<WslPaths> implements VmControls {
  readonly id = 'wsl';
  readonly kind = 'wsl' as const;
  readonly label = "Berth's WSL 2 engine";
  private port: number;
  private keepAlive: ChildProcess | undefined;
  private engine: ChildProcess | undefined;
  private readonly env: Record<string, string | undefined>;
  private stats: ShellStatsSource | undefined;

  constructor(private readonly opts: WslHostOptions = {}) {
    super(wslPaths(hostPaths(opts)));
    this.env = opts.env ?? process.env;
    this.port = opts.port ?? this.savedPort() ?? this.savePort(randomPort());
  }

  get address(): EngineAddress {
    return { kind: 'tcp', host: '127.0.0.1', port: this.port };
  }

  private savedPort(): number | undefined {
    try {
      const p = (JSON.parse(readFileSync(this.paths.stateFile, 'utf8')) as { port?: unknown }).port;
      return typeof p === 'number' ? p : undefined;
    } catch {
      return undefined;
    }
  }

  private savePort(port: number): number {
    writeFileSync(this.paths.stateFile, `${JSON.stringify({ port }, null, 2)}\n`, { mode: 0o600 });
    return port;
  }

  protected fixFor(message: string): string {
    return wslProblem(message).fix;
  }

  /** Every container's counters with one `wsl -d berth` command per sample (shell-stats.ts). */
  containerStats(): BulkStatsSource | undefined {
    if (this.machine.state !== 'running') return undefined;
    return (this.stats ??= new ShellStatsSource(
      "Berth's WSL 2 engine",
      (command, o) =>
        runTool(this.wslExe(), ['-d', WSL_DISTRO, '-u', 'root', '-e', ...command], { ...o, env: this.env }),
      this.opts.resourcesDir,
    ));
  }

  terminalEnv(): Record<string, string> {
    return { DOCKER_HOST: `tcp://127.0.0.1:${this.port}` };
  }

  accelDescription(): string {
    return 'WSL 2';
  }

  /** WSL 2 takes CPU and memory limits from .wslconfig (shared by every distro) and grows its disk on demand. */
  async setResources(): Promise<VmRestartPlan> {
    return this.restartPlan();
  }

  async restartPlan(): Promise<VmRestartPlan> {
    return {
      reasons: [],
      warnings: [
        "WSL 2 takes its CPU and memory limits from %UserProfile%\\.wslconfig, which every WSL distro shares; Berth does not change that file, so set them there (then run `wsl --shutdown`). The data disk grows on demand up to WSL's limit.",
      ],
    };
  }

  /** The data distro's virtual disk: WSL 2 grows it on demand up to 1 TiB (its default limit). */
  async diskUsage(): Promise<VmDiskUsage | undefined> {
    const vhdx = join(this.paths.dataDistroDir, 'ext4.vhdx');
    if (!existsSync(vhdx)) return undefined;
    const fs = statfsSync(this.paths.dir);
    return { sizeBytes: 1024 ** 4, usedBytes: statSync(vhdx).size, hostFreeBytes: fs.bavail * fs.bsize };
  }

  private wslExe(): string {
    if (this.opts.wslPath) return this.opts.wslPath;
    if ((this.opts.platform ?? process.platform) === 'win32')
      return join(this.env.SystemRoot ?? 'C:\\Windows', 'System32', 'wsl.exe');
    return findBinary('wsl.exe', this.env) ?? 'wsl.exe';
  }

  /** Runs wsl.exe; a failure becomes the matching prerequisite problem. */
  private async wsl(args: string[], timeoutMs = 120000): Promise<string> {
    let res;
    try {
      res = await runTool(this.wslExe(), args, { env: this.env, timeoutMs });
    } catch (err) {
      const p = wslProblem('', (err as NodeJS.ErrnoException).code);
      throw new EngineStepError('unavailable', p.message, p.fix);
    }
    const text = decodeWslOutput(res.stdout) + decodeWslOutput(res.stderr);
    this.log.write(`wsl ${args.join(' ')} → ${res.code}\n${text.trim() ? `${text.trim()}\n` : ''}`);
    if (res.code !== 0 && !(args[0] === '--list' && /no installed distributions/i.test(text))) {
      const p = wslProblem(text);
      throw new EngineStepError('unavailable', p.message, p.fix, text.trim());
    }
    return text;
  }

  private resource(name: string): string {
    const file = join(this.opts.resourcesDir ?? join(process.cwd(), 'resources'), 'vm', 'wsl', name);
    if (!existsSync(file))
      throw new EngineStepError(
        'unavailable',
        `Berth's WSL image ${name} is missing (${file}).`,
        'Reinstall Berth; its bundled resources are incomplete.',
      );
    return file;
  }

  private async distros(): Promise<WslDistro[]> {
    return parseWslList(await this.wsl(['--list', '--verbose']));
  }

  /** Starts a long-lived `wsl.exe -d …` process whose output goes to the log; resolves on `until` in stdout. */
  private launch(
    distro: string,
    command: string[],
    until: ((out: string) => boolean) | undefined,
    what: string,
  ): Promise<ChildProcess> {
    return new Promise((resolve, reject) => {
      const child = spawn(this.wslExe(), ['-d', distro, '-u', 'root', '-e', ...command], {
        env: this.env as NodeJS.ProcessEnv,
        stdio: ['ignore', 'pipe', 'pipe'],
        windowsHide: true,
      });
      let out = '';
      let done = false;
      const onData = (b: Buffer) => {
        const text = decodeWslOutput(b);
        out += text;
        this.log.write(text);
        if (!done && until?.(out)) {
          done = true;
          resolve(child);
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      if (!until)
        child.once('spawn', () => {
          done = true;
          resolve(child);
        });
      child.on('error', (err) => {
        const p = wslProblem('', (err as NodeJS.ErrnoException).code);
        if (!done) reject(new EngineStepError('unavailable', p.message, p.fix));
      });
      child.on('exit', (code) => {
        if (!done) {
          done = true;
          const p = wslProblem(out);
          const reason =
            p.id === 'wsl-failed'
              ? `${what} stopped at once (exit code ${code}): ${out.trim().split('\n').at(-1) ?? ''}`
              : p.message;
          reject(new EngineStepError('unavailable', reason, p.fix, out.trim()));
        } else if (child === this.engine) this.onEngineExit(code);
      });
    });
  }

  private onEngineExit(code: number | null): void {
    this.engine = undefined;
    if (this.machine.state !== 'running') return;
    this.machine.fail({
      step: 'Running',
      message: `dockerd in Berth's WSL distro stopped unexpectedly (exit code ${code ?? 'unknown'}).`,
      fix: `Start the engine again; if it keeps stopping, read ${this.paths.logFile}.`,
      logTail: this.log.tail(20),
    });
  }

  protected async bringUp(signal: AbortSignal): Promise<void> {
    await this.step('Checking prerequisites', async () => {
      if ((this.opts.platform ?? process.platform) !== 'win32')
        throw new EngineStepError(
          'unavailable',
          'WSL runs only on Windows.',
          'Use the native engine on Linux or the Lima engine on macOS.',
        );
      const status = parseWslStatus(await this.wsl(['--status'], 30000));
      this.log.mark(`WSL status: ${JSON.stringify(status)}`);
    });
    let list = await this.step("Looking for Berth's WSL distros", () => this.distros());
    const has = (name: string) => list.some((d) => d.name === name);
    if (!has(WSL_DATA_DISTRO)) {
      await this.step("Creating Berth's data distro", () =>
        this.wsl([
          '--import',
          WSL_DATA_DISTRO,
          this.paths.dataDistroDir,
          this.resource('berth-data.tar'),
          '--version',
          '2',
        ]),
      );
      // A sparse disk gives what the engine frees back to Windows (WSL 2.0 and later).
      await this.wsl(['--manage', WSL_DATA_DISTRO, '--set-sparse', 'true'], 30000).catch((err: unknown) =>
        this.notice(
          `Berth's data disk could not be made sparse (${err instanceof EngineStepError ? err.reason : (err as Error).message}), so space the engine frees stays taken on Windows. Update WSL with \`wsl --update\` to get that.`,
        ),
      );
    }
    if (!has(WSL_DISTRO))
      await this.step("Installing Berth's engine distro (first start only)", () =>
        this.wsl([
          '--import',
          WSL_DISTRO,
          this.paths.distroDir,
          this.resource('berth-rootfs.tar.gz'),
          '--version',
          '2',
        ]),
      );
    if (signal.aborted) return;
    list = await this.distros();
    for (const d of list)
      if ((d.name === WSL_DISTRO || d.name === WSL_DATA_DISTRO) && d.version !== 2)
        throw new StepFailure({
          step: "Looking for Berth's WSL distros",
          message: `Berth's distro "${d.name}" runs as WSL ${d.version}, but Docker's engine needs WSL 2.`,
          fix: `Convert it with \`wsl.exe --set-version ${d.name} 2\`, then start the engine again.`,
        });
    // Running already (dockerd outlives a Berth that crashed): adopted when the engine answers on
    // Berth's port, else the distro is terminated and the engine started again.
    if (list.find((d) => d.name === WSL_DISTRO)?.state === 'Running') {
      if (await pingTcp(this.port)) {
        this.engine = await this.step('Watching the engine left running by an earlier session', () =>
          this.launch(WSL_DISTRO, ['/usr/local/bin/berth-engine', '--watch'], undefined, 'the engine watcher'),
        );
        this.log.mark(`adopted the engine on 127.0.0.1:${this.port}`);
        this.notice(
          "Berth's WSL engine was still running from an earlier session; Berth took it over without a restart, so its containers kept running.",
        );
        return;
      }
      this.notice(
        `Berth's WSL distro is running, but its engine does not answer on 127.0.0.1:${this.port}; Berth stops it and starts it again.`,
      );
      await this.step('Stopping the engine left running by an earlier session', () =>
        this.wsl(['--terminate', WSL_DISTRO]),
      );
    }
    await this.step('Choosing the engine port', async () => {
      if (await portFree(this.port)) return;
      const old = this.port;
      for (let i = 0; i < 20 && !(await portFree(this.port)); i++) this.port = randomPort();
      this.savePort(this.port);
      this.notice(`Port ${old} is taken by another program, so Berth's engine now listens on 127.0.0.1:${this.port}.`);
    });
    this.keepAlive = await this.step('Mounting the engine data', () =>
      this.launch(
        WSL_DATA_DISTRO,
        [
          '/bin/sh',
          '-c',
          `mkdir -p ${DATA_MOUNT} && (mountpoint -q ${DATA_MOUNT} || mount --bind / ${DATA_MOUNT}) && echo ${READY} && exec sleep 2147483647`,
        ],
        (out) => out.includes(READY),
        "Berth's data distro",
      ),
    );
    if (signal.aborted) return;
    const started = Date.now();
    this.engine = await this.step('Starting dockerd in WSL', () =>
      this.launch(
        WSL_DISTRO,
        ['/usr/local/bin/berth-engine', `--port=${this.port}`, `--data-root=${DATA_MOUNT}/docker`],
        undefined,
        'dockerd',
      ),
    );
    await this.step('Waiting for the engine API', async () => {
      const engine = this.engine;
      await this.waitForApi(
        async () => {
          if (!this.engine || engine?.exitCode !== null || engine?.signalCode !== null)
            throw new EngineStepError(
              'unavailable',
              `dockerd in Berth's WSL distro stopped during start-up: ${this.log.tail(1)[0] ?? 'no output'}.`,
              `Read ${this.paths.logFile}, then start the engine again.`,
            );
          return pingTcp(this.port);
        },
        this.opts.apiTimeoutMs ?? 60000,
        signal,
        `127.0.0.1:${this.port}`,
      );
      this.log.mark(`engine answered after ${Date.now() - started} ms`);
    });
  }

  protected async shutDown(): Promise<void> {
    const engine = this.engine;
    if (engine && engine.exitCode === null) {
      this.progress('Stopping dockerd in WSL');
      await this.wsl(
        [
          '-d',
          WSL_DISTRO,
          '-u',
          'root',
          '-e',
          '/bin/sh',
          '-c',
          'kill -TERM $(cat /var/run/docker.pid) 2>/dev/null; true',
        ],
        30000,
      ).catch((err: Error) => this.log.mark(`(ignored) ${err.message}`));
      for (let i = 0; i < 200 && engine.exitCode === null; i++) await sleep(100);
    }
    this.engine = undefined;
    for (const distro of [WSL_DISTRO, WSL_DATA_DISTRO]) {
      this.progress(`Shutting down the ${distro} distro`);
      await this.wsl(['--terminate', distro], 60000).catch((err: Error) => this.log.mark(`(ignored) ${err.message}`));
    }
    for (const child of [engine, this.keepAlive]) if (child && child.exitCode === null) child.kill();
    this.keepAlive = undefined;
  }
}
