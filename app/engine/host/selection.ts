// One active engine at a time: the first-run default, switching at run time, and the persisted choice.
import { Emitter, type Subscription } from '../../shared/emitter';
import { BerthError } from '../../shared/errors';
import { findBinary } from './binaries';
import { detectExternalEngines, ExternalHost, type EngineCandidate } from './external-host';
import { defaultMode, type NativeEngineOptions } from './native-config';
import { NativeHost } from './native-host';
import { berthPaths, type BerthPaths } from './paths';
import { parseEngineAddress } from '../docker/client';
import { readSelection, writeSelection, type EngineChoice, type SelectionFile } from './selection-store';
import { EngineSupervisor, type SupervisorOptions } from './supervisor';
import type { EngineHost } from './types';
import type { VmResources } from './vm/lima-config';
import { LimaHost, type LimaHostOptions } from './vm/lima-host';
import { findLimactl } from './vm/limactl';
import { QemuHost, type QemuHostOptions } from './vm/qemu-host';
import { WslHost, type WslHostOptions } from './vm/wsl-host';

/** What Berth says when there is no engine at all. */
export interface NoEngine {
  kind: 'none';
  message: string;
  fix: string;
  candidates: EngineCandidate[];
}

export type DefaultDecision = { kind: 'choice'; choice: EngineChoice; why: string } | NoEngine;

export interface EngineSelectionOptions {
  paths?: BerthPaths;
  native?: Omit<NativeEngineOptions, 'paths'>;
  supervisor?: SupervisorOptions | false;
  /** Environment, home and uid for external detection (tests point these at temp dirs). */
  env?: Record<string, string | undefined>;
  home?: string;
  uid?: number;
  probeTimeoutMs?: number;
  /** Whether Berth can run its own dockerd here; default: dockerd is on PATH. */
  dockerdInstalled?: () => boolean;
  /** Options for the Lima host (macOS) and the WSL host (Windows). */
  lima?: Omit<LimaHostOptions, 'paths'>;
  wsl?: Omit<WslHostOptions, 'paths'>;
  /** Options for the isolated Linux VM. */
  linuxVm?: Omit<QemuHostOptions, 'paths' | 'resources'>;
  /** CPUs, memory and disk for a VM host as settings have them now (read when a VM host is made). */
  vmResources?: () => VmResources;
  /** Default process.platform. */
  platform?: NodeJS.Platform;
  /** Whether Berth's VM can run here (limactl on macOS, wsl.exe on Windows); default: the tool is found. */
  vmAvailable?: () => boolean;
}

/** The VM host kind Berth uses on `platform` by default, if any. */
export function vmKindFor(platform: NodeJS.Platform): 'lima' | 'wsl' | undefined {
  return platform === 'darwin' ? 'lima' : platform === 'win32' ? 'wsl' : undefined;
}

export type SelectionListener = (host: EngineHost | undefined) => void;

export class EngineSelection {
  readonly paths: BerthPaths;
  private host: EngineHost | undefined;
  private supervisor: EngineSupervisor | undefined;
  private readonly changes = new Emitter<EngineHost | undefined>({ name: 'the engine selection' });

  constructor(private readonly opts: EngineSelectionOptions = {}) {
    this.paths = opts.paths ?? berthPaths(opts.env ?? process.env);
  }

  get active(): EngineHost | undefined {
    return this.host;
  }

  /** The persisted choice and the explicit address. */
  saved(): SelectionFile {
    return readSelection(this.paths.config);
  }

  /** The persisted choice, of any kind. */
  savedChoice(): EngineChoice | undefined {
    return readSelection(this.paths.config).active;
  }

  /** Remembers the explicit engine address from settings (first in detection order). */
  setExplicitAddress(url: string | undefined): void {
    const file = readSelection(this.paths.config);
    if (url) parseEngineAddress(url); // throws a BerthError naming the bad address
    writeSelection(this.paths.config, {
      ...file,
      ...(url ? { explicitAddress: url } : { explicitAddress: undefined }),
    });
  }

  onChange(listener: SelectionListener): Subscription {
    return this.changes.on(listener);
  }

  /** Every external candidate in detection order, probed. */
  detect(): Promise<EngineCandidate[]> {
    const explicit = this.saved().explicitAddress;
    return detectExternalEngines({
      ...(explicit ? { explicit } : {}),
      ...(this.opts.env ? { env: this.opts.env } : {}),
      ...(this.opts.home ? { home: this.opts.home } : {}),
      ...(this.opts.uid !== undefined ? { uid: this.opts.uid } : {}),
      timeoutMs: this.opts.probeTimeoutMs ?? 1500,
    });
  }

  /** First run: Berth's own engine where dockerd is installed, else the first reachable external engine, else "no engine". */
  async decideDefault(): Promise<DefaultDecision> {
    const platform = this.opts.platform ?? process.platform;
    const vm = vmKindFor(platform);
    if (vm && this.vmAvailable(vm))
      return {
        kind: 'choice',
        choice: { kind: vm },
        why:
          vm === 'lima' ? 'on macOS Berth runs its engine in a Lima VM' : 'on Windows Berth runs its engine in WSL 2',
      };
    const installed = this.opts.dockerdInstalled ?? (() => findBinary('dockerd', this.opts.env) !== undefined);
    const mode = this.opts.native?.mode ?? defaultMode();
    if (installed())
      return {
        kind: 'choice',
        choice: { kind: mode === 'root' ? 'native' : 'rootless' },
        why: 'dockerd is installed, so Berth runs its own engine',
      };
    const candidates = await this.detect();
    const first = candidates.find((c) => c.reachable);
    if (first)
      return {
        kind: 'choice',
        choice: { kind: 'external', url: first.url, label: first.label },
        why: `${first.label} answers at ${first.url}`,
      };
    return {
      kind: 'none',
      message: `No container engine is available: dockerd is not installed, and none of these answered: ${candidates.map((c) => `${c.label} (${c.reason})`).join('; ')}.`,
      fix: "Install Docker's engine with `sudo apt-get install docker.io` (Debian/Ubuntu; add `rootlesskit uidmap slirp4netns` to run it without root) and restart Berth, or start an engine and enter its address in Berth's settings.",
      candidates,
    };
  }

  private vmAvailable(vm: 'lima' | 'wsl'): boolean {
    if (this.opts.vmAvailable) return this.opts.vmAvailable();
    if (vm === 'wsl') return true; // WslHost's own prerequisite check says what is missing
    try {
      findLimactl(this.opts.lima?.resourcesDir, this.opts.env ?? process.env);
      return true;
    } catch {
      return false;
    }
  }

  /** The saved choice, or the first-run default (saved once decided). Returns the NoEngine state when there is none. */
  async resolve(): Promise<EngineChoice | NoEngine> {
    const saved = this.savedChoice();
    if (saved) return saved;
    const decision = await this.decideDefault();
    if (decision.kind === 'none') return decision;
    writeSelection(this.paths.config, { ...readSelection(this.paths.config), active: decision.choice });
    return decision.choice;
  }

  /** Builds the host for a choice (not started). */
  createHost(choice: EngineChoice): EngineHost {
    if (choice.kind === 'external') {
      return new ExternalHost(
        choice.url,
        parseEngineAddress(choice.url),
        choice.label ?? `Engine at ${choice.url}`,
        this.opts.probeTimeoutMs ?? 1500,
      );
    }
    const platform = this.opts.platform ?? process.platform;
    const env = this.opts.env ? { env: this.opts.env } : {};
    const resources = this.opts.vmResources ? { resources: this.opts.vmResources() } : {};
    if (choice.kind === 'linux-vm') {
      if (platform !== 'linux')
        throw new BerthError({
          kind: 'invalid',
          message: "Berth's isolated QEMU VM runs on Linux only. On macOS choose the Lima engine, on Windows WSL.",
        });
      return new QemuHost({ ...env, ...this.opts.linuxVm, ...resources, paths: this.paths });
    }
    if (choice.kind === 'lima' || choice.kind === 'wsl') {
      const ok = choice.kind === 'wsl' ? platform === 'win32' : platform === 'darwin' || platform === 'linux';
      if (!ok)
        throw new BerthError({
          kind: 'invalid',
          message:
            choice.kind === 'wsl'
              ? 'The WSL engine runs only on Windows. Choose the native engine (Linux) or the Lima engine (macOS).'
              : 'The Lima engine runs on macOS (and Linux), not on Windows. Choose the WSL engine.',
        });
      return choice.kind === 'lima'
        ? new LimaHost({ ...env, ...this.opts.lima, ...resources, paths: this.paths })
        : new WslHost({ ...env, ...this.opts.wsl, paths: this.paths });
    }
    return new NativeHost({
      ...this.opts.native,
      paths: this.paths,
      mode: choice.kind === 'native' ? 'root' : 'rootless',
    });
  }

  /**
   * Makes `choice` the one active engine: stops (native) or disconnects (external) the current one,
   * persists the choice, and starts the new one. Resolves with the host even when its start failed
   * (its status then says why), so the UI can show it.
   */
  async activate(choice?: EngineChoice): Promise<EngineHost | NoEngine> {
    const target = choice ?? (await this.resolve());
    if (target.kind === 'none') return target;
    const next = this.createHost(target); // throws for a bad URL before anything changes
    if (this.host && this.host.id === next.id && this.host.status().state === 'running') return this.host;
    await this.deactivate();
    writeSelection(this.paths.config, { ...readSelection(this.paths.config), active: target });
    this.host = next;
    if (next instanceof NativeHost && this.opts.supervisor !== false)
      this.supervisor = new EngineSupervisor(next, this.opts.supervisor || {}).attach();
    this.changes.emit(next);
    await next.start().catch((err: unknown) => {
      if (!(err instanceof BerthError)) throw err;
    });
    return next;
  }

  /** Stops or disconnects the active engine; nothing is active afterwards. */
  async deactivate(): Promise<void> {
    const current = this.host;
    if (!current) return;
    this.supervisor?.detach();
    this.supervisor = undefined;
    await current.stop();
    this.host = undefined;
    this.changes.emit(undefined);
  }
}
