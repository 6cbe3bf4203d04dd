// Berth's own dockerd: private data-root, exec-root, socket, pidfile, bridge, pool and cgroup parent
// under Berth's data dir; started, watched and stopped by Berth (directly as root, or via rootlesskit).
// One left running by an earlier Berth session that died is adopted when healthy, so its containers
// keep running; an unhealthy one is stopped and a fresh one started.
import { chmodSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EngineAddress } from '../docker/client';
import { pingUnix } from '../docker/client';
import type { BerthError } from '../../shared/errors';
import { findBinary } from './binaries';
import { adoptEngineProcess, launchEngineProcess, type EngineProcess, type ExitInfo } from './engine-process';
import { daemonMessage, suggestFix } from './failure-advice';
import { EngineNat } from './nat';
import {
  bridgeExists,
  forgetOwnedBridge,
  removeBridge,
  resolveEngineNetwork,
  setUpEngineBridge,
  type EngineNetwork,
} from './network';
import {
  defaultMode,
  dockerdArgs,
  resolveDockerd,
  rootlessCommand,
  type EngineCommand,
  type NativeEngineOptions,
  type NativeMode,
} from './native-config';
import { berthPaths, MAX_SOCKET_PATH, nativeEnginePaths, type NativeEnginePaths } from './paths';
import { isAlive, isDockerd, processesMentioning, sleep, terminate } from './processes';
import { RotatingLog } from './rotating-log';
import { describeRootlessProblems, rootlessProblems } from './rootless-prereqs';
import { adoptionProblem, inspectStale, readPid } from './stale-recovery';
import { EngineStateMachine, failureError } from './state-machine';
import { failureOf, runStep, StepFailure } from './step-error';
import type { EngineHost, EngineListener, EngineState, EngineStatus } from './types';

export class NativeHost implements EngineHost {
  readonly kind: 'native' | 'rootless';
  readonly id: string;
  readonly label: string;
  readonly address: EngineAddress;
  readonly paths: NativeEnginePaths;
  get dataRoot(): string {
    return this.paths.dataRoot;
  }
  get logFile(): string {
    return this.paths.logFile;
  }
  readonly mode: NativeMode;
  /** Called instead of failing when dockerd exits on its own while running (the supervisor sets it). */
  crashHandler: ((exit: ExitInfo) => void) | undefined;

  private readonly machine = new EngineStateMachine();
  private readonly log: RotatingLog;
  private proc: EngineProcess | undefined;
  private abort: AbortController | undefined;
  private startRun: Promise<EngineState> | undefined;
  private stopRun: Promise<void> | undefined;
  private network: EngineNetwork | undefined;
  private createdBridge = false;
  private nat: EngineNat | undefined;
  private rootlessNatNoticed = false;
  /** dockerd and its flags as this session runs them (inside rootlesskit in rootless mode). */
  private expected: EngineCommand | undefined;

  constructor(private readonly opts: NativeEngineOptions = {}) {
    this.mode = opts.mode ?? defaultMode();
    this.kind = this.mode === 'root' ? 'native' : 'rootless';
    this.id = this.kind;
    this.label =
      this.mode === 'root' ? "Berth's engine (dockerd)" : "Berth's rootless engine (dockerd via rootlesskit)";
    this.paths = nativeEnginePaths(opts.paths ?? berthPaths(opts.env ?? process.env), opts.name);
    this.address = { kind: 'unix', socketPath: this.paths.socket };
    this.log = new RotatingLog(this.paths.logFile, opts.log);
  }

  status(): EngineStatus {
    return this.machine.status();
  }

  subscribe(listener: EngineListener): () => void {
    return this.machine.subscribe(listener);
  }

  onLogLine(listener: (line: string) => void): () => void {
    return this.log.onLine(listener);
  }

  logTail(lines = 20): string[] {
    return this.log.tail(lines);
  }

  /** For the supervisor: progress lines, notices and restart events go through the host's own stream. */
  get events(): EngineStateMachine {
    return this.machine;
  }

  get pid(): number | undefined {
    return this.proc?.exitInfo ? undefined : this.proc?.pid;
  }

  start(): Promise<EngineState> {
    const state = this.machine.state;
    if (state === 'running') return Promise.resolve('running');
    if (state === 'starting' && this.startRun) return this.startRun;
    if (state === 'stopping' && this.stopRun) return this.stopRun.then(() => this.start());
    this.machine.restarts = 0;
    this.machine.transition('starting', "Preparing Berth's engine");
    return this.beginRun(0);
  }

  /**
   * Supervisor only: brings a crashed or hung engine back, after `delayMs`. Kills what is left of the
   * old process first. Resolves like start().
   */
  restart(progress: string, delayMs: number): Promise<EngineState> {
    this.machine.transition('starting', progress);
    this.machine.restarts++;
    return this.beginRun(delayMs);
  }

  private beginRun(delayMs: number): Promise<EngineState> {
    const abort = new AbortController();
    this.abort = abort;
    const run = (async (): Promise<EngineState> => {
      try {
        if (this.proc && !this.proc.exitInfo) await this.proc.terminate(3000);
        if (delayMs > 0) await sleep(delayMs, abort.signal);
        if (abort.signal.aborted) return 'stopped';
        await this.bringUp(abort.signal);
        if (abort.signal.aborted) return 'stopped';
        this.machine.pid = this.proc?.pid;
        const adopted = this.proc?.adopted;
        this.machine.transition(
          'running',
          adopted
            ? `Engine is running (kept from an earlier Berth session, pid ${this.proc?.pid}: its containers kept running)`
            : 'Engine is running',
        );
        this.log.mark(`engine running (pid ${this.proc?.pid}${adopted ? ', adopted' : ''})`);
        return 'running';
      } catch (err) {
        if (abort.signal.aborted) return 'stopped';
        const failure = failureOf(err, 'Starting the engine', "Berth's engine did not start", (m) =>
          suggestFix(m, this.paths),
        );
        await this.killProcess(3000);
        throw this.machine.fail({ ...failure, logTail: this.log.tail(20) });
      }
    })();
    this.startRun = run;
    return run;
  }

  private async step<T>(name: string, fn: () => T | Promise<T>): Promise<T> {
    this.machine.progress(name);
    return runStep(name, fn, (message) => suggestFix(message, this.paths));
  }

  private async bringUp(signal: AbortSignal): Promise<void> {
    const cmd = await this.step('Checking prerequisites', () => this.command());
    await this.step('Preparing the engine directory', () => this.prepareDirs());
    this.log.follow();
    const stale = await this.step('Checking for leftovers of an earlier run', () => inspectStale(this.paths));
    for (const note of stale.notes) {
      this.machine.progress(note);
      this.log.mark(note);
    }
    let adopted: EngineProcess | undefined;
    if (stale.ownOrphanPid) adopted = await this.adoptOrStop(stale.ownOrphanPid);
    if (signal.aborted) return;
    if (this.mode === 'root') {
      const net = this.network!;
      await this.step(`Setting up the engine's bridge ${net.bridge} (${net.bip})`, () => {
        const bridge = setUpEngineBridge(this.paths.dir, net);
        bridge.notes.forEach((n) => this.log.mark(n));
        this.createdBridge = bridge.berths || this.createdBridge;
      });
    }
    if (signal.aborted) return;
    this.log.resetMemory();
    await this.setUpOutbound();
    if (adopted) return;
    this.log.mark(`starting: ${cmd.file} ${cmd.args.join(' ')}`);
    const proc = await this.step('Starting dockerd', () =>
      launchEngineProcess(cmd, this.log, this.opts.env ?? process.env),
    );
    this.proc = proc;
    void proc.exited.then((exit) => this.onExit(proc, exit));
    await this.step('Waiting for the engine API', () => this.waitForApi(proc, signal));
    if (signal.aborted) return;
    // The engine dir is 0700 already; the socket itself is for the user only too.
    chmodSync(this.paths.socket, 0o600);
  }

  /**
   * Berth's engine left running by an earlier session: adopted (it becomes this session's engine, its
   * containers untouched) when its command line, pidfile and socket agree and it answers; otherwise
   * stopped cleanly (SIGTERM, then SIGKILL) with its helpers, so a fresh one can start.
   */
  private async adoptOrStop(orphan: number): Promise<EngineProcess | undefined> {
    const problem = await this.step(`Checking the engine left running by an earlier session (pid ${orphan})`, () =>
      adoptionProblem(orphan, this.paths, this.expected!),
    );
    if (problem === undefined) {
      const proc = adoptEngineProcess(orphan, this.paths.socket);
      this.proc = proc;
      void proc.exited.then((exit) => this.onExit(proc, exit));
      const note = `Kept Berth's engine from an earlier session (pid ${orphan}): its containers keep running`;
      this.machine.progress(note);
      this.log.mark(note);
      return proc;
    }
    const note = `The engine left running by an earlier session (pid ${orphan}) is not kept: ${problem}`;
    this.machine.progress(note);
    this.log.mark(note);
    await this.step(`Stopping the engine left running by an earlier session (pid ${orphan})`, async () => {
      await terminate([orphan], this.opts.stopTimeoutMs ?? 20000);
      await this.stopLeftoverHelpers();
    });
    return undefined;
  }

  private notice(message: string): void {
    this.machine.notice(message);
    this.log.mark(message);
  }

  /** Outbound networking: Berth's NAT rules (root mode), dockerd's own (iptables: true), or slirp4netns (rootless). */
  private async setUpOutbound(): Promise<void> {
    const net = this.network;
    if (this.mode === 'rootless' || !net) {
      if (this.rootlessNatNoticed) return;
      this.rootlessNatNoticed = true;
      return this.notice(
        "Outbound networking for the rootless engine comes from rootlesskit's slirp4netns, so Berth adds no iptables rules.",
      );
    }
    if (this.opts.iptables)
      return this.log.mark('dockerd manages iptables itself (iptables: true); Berth adds no rules');
    await this.step(`Setting up outbound networking (NAT) for ${net.bridge}`, () => this.installNat(net));
  }

  /** Berth's own NAT/FORWARD rules for its bridge and pool; never fails the start (a notice says why). */
  private installNat(net: EngineNetwork): void {
    this.nat = new EngineNat({
      net,
      stateFile: join(this.paths.dir, 'nat.json'),
      ...(this.opts.env ? { env: this.opts.env } : {}),
    });
    const out = this.nat.install();
    for (const n of out.notices) this.notice(n);
    if (out.installed) this.log.mark(`outbound networking: NAT rules installed for ${net.bridge}`);
  }

  private command(): EngineCommand {
    const dockerd = resolveDockerd(this.opts);
    if (this.mode === 'root') {
      if (process.getuid?.() !== 0) {
        throw new StepFailure({
          step: 'Checking prerequisites',
          message: "Berth's engine in root mode needs root, but Berth runs as a normal user.",
          fix: 'Use the rootless engine (the default for normal users), or run Berth as root.',
        });
      }
      this.network = resolveEngineNetwork(this.paths.dir, this.opts.network);
      this.expected = { file: dockerd, args: dockerdArgs(this.paths, 'root', this.network, this.opts) };
      return this.expected;
    }
    const problems = rootlessProblems();
    if (problems.length) {
      const { message, fix } = describeRootlessProblems(problems);
      throw new StepFailure({ step: 'Checking prerequisites', message, fix });
    }
    const rootlesskit = findBinary(this.opts.rootlesskitPath ?? 'rootlesskit')!;
    this.expected = { file: dockerd, args: dockerdArgs(this.paths, 'rootless', undefined, this.opts) };
    return rootlessCommand(rootlesskit, dockerd, this.paths, this.expected.args);
  }

  private prepareDirs(): void {
    const p = this.paths;
    if (p.socket.length > MAX_SOCKET_PATH) {
      throw new StepFailure({
        step: 'Preparing the engine directory',
        message: `The engine socket path ${p.socket} is ${p.socket.length} characters long; Linux allows ${MAX_SOCKET_PATH}.`,
        fix: "Move Berth's data to a shorter path (set BERTH_HOME or XDG_DATA_HOME).",
      });
    }
    for (const dir of [p.dir, p.dataRoot, p.execRoot]) mkdirSync(dir, { recursive: true, mode: 0o700 });
    chmodSync(p.dir, 0o700);
    if (!existsSync(p.daemonConfig)) writeFileSync(p.daemonConfig, '{}\n', { mode: 0o600 });
    if (this.mode === 'rootless') rmSync(p.rootlesskitState, { recursive: true, force: true });
  }

  private async waitForApi(proc: EngineProcess, signal: AbortSignal): Promise<void> {
    const timeoutMs = this.opts.startTimeoutMs ?? 60000;
    const deadline = Date.now() + timeoutMs;
    const began = Date.now();
    while (!signal.aborted) {
      if (proc.exitInfo) {
        await sleep(50); // let the last stderr bytes reach the log
        const own = daemonMessage(this.log.tail(40));
        throw new StepFailure({
          step: 'Starting dockerd',
          message: `dockerd stopped during start-up (${proc.exitInfo.description})${own ? `: ${own}` : ''}.`,
          fix: suggestFix(own, this.paths),
        });
      }
      if ((await pingUnix(this.paths.socket, 1000)).ok) return;
      if (Date.now() > deadline) {
        throw new StepFailure({
          step: 'Waiting for the engine API',
          message: `dockerd started but did not answer /_ping within ${Math.round(timeoutMs / 1000)} s.`,
          fix: `It may be stuck or the machine overloaded; read the engine log at ${this.paths.logFile}, then start again.`,
        });
      }
      // Before the socket exists a ping fails at once (ENOENT), so poll tightly while dockerd is young.
      await sleep(Date.now() - began < 5000 ? 10 : 100, signal);
    }
  }

  private onExit(proc: EngineProcess, exit: ExitInfo): void {
    if (proc !== this.proc || this.machine.state !== 'running') return; // expected, or handled by the start loop
    this.log.mark(`dockerd exited unexpectedly (${exit.description})`);
    this.machine.pid = undefined;
    if (this.crashHandler) return this.crashHandler(exit);
    const own = daemonMessage(this.log.tail(40));
    this.machine.fail({
      step: 'Running',
      message: `Berth's engine stopped unexpectedly (${exit.description})${own ? `: ${own}` : ''}.`,
      fix: `Start the engine again; if it keeps stopping, read its log at ${this.paths.logFile}.`,
      logTail: this.log.tail(20),
    });
  }

  /** Stops dockerd (SIGTERM, then SIGKILL), then any containerd, shim or rootlesskit helper it left. */
  private async killProcess(graceMs: number): Promise<void> {
    const proc = this.proc;
    if (proc && !proc.exitInfo) await proc.terminate(graceMs);
    const holder = readPid(this.paths.pidfile);
    if (holder && holder !== proc?.pid && isAlive(holder) && isDockerd(holder)) return; // another engine uses this dir now: not ours to sweep
    await this.stopLeftoverHelpers();
  }

  /** Any containerd, shim or rootlesskit helper of this engine dir whose dockerd is gone. */
  private async stopLeftoverHelpers(): Promise<void> {
    const leftovers = processesMentioning(this.paths.execRoot).concat(
      this.mode === 'rootless' ? processesMentioning(this.paths.rootlesskitState) : [],
    );
    if (leftovers.length) {
      this.log.mark(`stopping ${leftovers.length} leftover engine helper process(es): ${leftovers.join(', ')}`);
      await terminate(leftovers, 5000);
    }
  }

  stop(): Promise<void> {
    const state = this.machine.state;
    if (state === 'stopped') return Promise.resolve();
    if (state === 'stopping' && this.stopRun) return this.stopRun;
    if (state === 'error') return this.dismissError();
    const run = (async () => {
      const aborting = state === 'starting';
      this.abort?.abort();
      this.machine.transition('stopping', aborting ? 'Cancelling the start and stopping dockerd' : 'Stopping dockerd');
      this.log.mark(aborting ? 'start cancelled by a stop request' : 'stop requested');
      try {
        await this.startRun?.catch(() => undefined);
        await this.killProcess(this.opts.stopTimeoutMs ?? 20000);
        this.releaseNetwork();
        this.machine.pid = undefined;
        this.machine.transition('stopped', 'Stopped');
        this.log.mark('engine stopped');
        this.log.unfollow();
      } catch (err) {
        throw this.machine.fail({
          step: 'Stopping dockerd',
          message: `Berth's engine did not stop cleanly: ${(err as Error).message}.`,
          fix: `Check for a leftover dockerd using ${this.paths.dataRoot} and stop it.`,
          logTail: this.log.tail(20),
        });
      } finally {
        this.stopRun = undefined;
      }
    })();
    this.stopRun = run;
    return run;
  }

  /** From `error`: makes sure nothing of the failed engine is left, then `stopped`. */
  private async dismissError(): Promise<void> {
    this.abort?.abort();
    await this.startRun?.catch(() => undefined);
    await this.killProcess(this.opts.stopTimeoutMs ?? 20000);
    this.releaseNetwork();
    this.machine.pid = undefined;
    if (this.machine.state === 'error') this.machine.transition('stopped', 'Stopped');
  }

  private releaseNetwork(): void {
    if (this.nat) {
      for (const n of this.nat.remove().notices) this.notice(n);
      this.nat = undefined;
    }
    if (this.createdBridge && this.network && this.opts.removeBridgeOnStop !== false) {
      removeBridge(this.network.bridge);
      if (!bridgeExists(this.network.bridge)) forgetOwnedBridge(this.paths.dir);
      this.createdBridge = false;
    }
  }

  /** dockerd's flags as this session runs them (or will, once started): daemon.json may not repeat them. */
  commandLineFlags(): string[] {
    if (this.expected) return this.expected.args;
    const net = this.mode === 'root' ? resolveEngineNetwork(this.paths.dir, this.opts.network) : undefined;
    return dockerdArgs(this.paths, this.mode, net, this.opts);
  }

  /** The error to show when a start failed (for callers that only kept the status). */
  failureError(): BerthError | undefined {
    const f = this.machine.status().failure;
    return f ? failureError(f) : undefined;
  }
}
