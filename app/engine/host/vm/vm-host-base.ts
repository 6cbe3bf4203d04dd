// What the VM hosts (Lima, WSL) share: the state machine, named steps whose failures carry the step,
// a sentence and a fix, the VM tool's log, start/stop with a stop that aborts a start.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { EngineAddress } from '../../docker/client';
import { berthPaths, type BerthPaths } from '../paths';
import { RotatingLog } from '../rotating-log';
import { EngineStateMachine, failureError } from '../state-machine';
import { failureOf, runStep, StepFailure } from '../step-error';
import type { EngineHost, EngineHostKind, EngineListener, EngineState, EngineStatus } from '../types';
import { sleep } from '../processes';

/** A VM host's own folder under Berth's data directory, and its log there. */
export interface VmFolder {
  dir: string;
  logFile: string;
}

/** The folder `<data>/<name>`, its log file `log` and the other `files` in it (by key). */
export function vmFolder<K extends string>(
  paths: BerthPaths,
  name: string,
  log: string,
  files: Record<K, string>,
): VmFolder & Record<K, string> {
  const dir = join(paths.data, name);
  const inside = Object.fromEntries(Object.entries<string>(files).map(([key, file]) => [key, join(dir, file)]));
  return { dir, logFile: join(dir, log), ...(inside as Record<K, string>) };
}

/** The BerthPaths a host's options give, else those of its environment. */
export function hostPaths(opts: { paths?: BerthPaths; env?: Record<string, string | undefined> }): BerthPaths {
  return opts.paths ?? berthPaths(opts.env ?? process.env);
}

export abstract class VmHostBase<P extends VmFolder = VmFolder> implements EngineHost {
  abstract readonly id: string;
  abstract readonly kind: EngineHostKind;
  abstract readonly label: string;
  abstract readonly address: EngineAddress;

  protected readonly machine = new EngineStateMachine();
  private abort: AbortController | undefined;
  private startRun: Promise<EngineState> | undefined;
  private stopRun: Promise<void> | undefined;

  protected readonly log: RotatingLog;

  /** Makes the host's folder (owner only) and opens its log there. */
  constructor(readonly paths: P) {
    mkdirSync(paths.dir, { recursive: true, mode: 0o700 });
    this.log = new RotatingLog(paths.logFile);
  }

  get logFile(): string {
    return this.log.file;
  }

  /** Brings the VM and its engine up; resolves once the engine API answers. */
  protected abstract bringUp(signal: AbortSignal): Promise<void>;
  /** Stops the VM (or just its engine); must tolerate an already stopped VM. */
  protected abstract shutDown(): Promise<void>;
  /** The fix for an unexpected error at `step`. */
  protected abstract fixFor(message: string): string;

  status(): EngineStatus {
    return this.machine.status();
  }

  subscribe(listener: EngineListener): () => void {
    return this.machine.subscribe(listener);
  }

  logTail(lines = 20): string[] {
    return this.log.tail(lines);
  }

  onLogLine(listener: (line: string) => void): () => void {
    return this.log.onLine(listener);
  }

  protected notice(message: string): void {
    this.machine.notice(message);
    this.log.mark(message);
  }

  protected progress(line: string): void {
    if (this.machine.status().progress !== line) this.machine.progress(line);
  }

  protected async step<T>(name: string, fn: () => T | Promise<T>): Promise<T> {
    this.progress(name);
    return runStep(name, fn, (message) => this.fixFor(message));
  }

  start(): Promise<EngineState> {
    const state = this.machine.state;
    if (state === 'running') return Promise.resolve('running');
    if (state === 'starting' && this.startRun) return this.startRun;
    if (state === 'stopping' && this.stopRun) return this.stopRun.then(() => this.start());
    this.machine.transition('starting', `Preparing ${this.label}`);
    const abort = new AbortController();
    this.abort = abort;
    this.log.mark('start requested');
    const run = (async (): Promise<EngineState> => {
      try {
        await this.bringUp(abort.signal);
        if (abort.signal.aborted) return 'stopped';
        this.machine.transition('running', 'Engine is running');
        this.log.mark('engine running');
        return 'running';
      } catch (err) {
        if (abort.signal.aborted) return 'stopped';
        const failure = failureOf(err, 'Starting the VM', `${this.label} did not start`, (m) => this.fixFor(m));
        this.log.mark(`start failed at "${failure.step}": ${failure.message}`);
        throw this.machine.fail({ ...failure, logTail: this.log.tail(20) });
      }
    })();
    this.startRun = run;
    return run;
  }

  stop(): Promise<void> {
    const state = this.machine.state;
    if (state === 'stopped') return Promise.resolve();
    if (state === 'stopping' && this.stopRun) return this.stopRun;
    const run = (async () => {
      const aborting = state === 'starting';
      this.abort?.abort();
      if (state !== 'error')
        this.machine.transition('stopping', aborting ? 'Cancelling the start and stopping the VM' : 'Stopping the VM');
      try {
        await this.startRun?.catch(() => undefined);
        await this.shutDown();
        this.machine.transition('stopped', 'Stopped');
        this.log.mark('engine stopped');
      } catch (err) {
        const failure = failureOf(err, 'Stopping the VM', `${this.label} did not stop cleanly`, (m) => this.fixFor(m));
        throw this.machine.fail({ ...failure, logTail: this.log.tail(20) });
      } finally {
        this.stopRun = undefined;
      }
    })();
    this.stopRun = run;
    return run;
  }

  /** Polls `ping` until it answers, the signal aborts or `timeoutMs` passes. */
  protected async waitForApi(ping: () => Promise<boolean>, timeoutMs: number, signal: AbortSignal, where: string) {
    const deadline = Date.now() + timeoutMs;
    while (!signal.aborted) {
      if (await ping()) return;
      if (Date.now() > deadline)
        throw new StepFailure({
          step: 'Waiting for the engine API',
          message: `The VM is up, but its engine did not answer at ${where} within ${Math.round(timeoutMs / 1000)} s.`,
          fix: 'The engine inside the VM may have failed to start; read the VM log, then restart the engine.',
        });
      await sleep(200, signal);
    }
  }

  /** The error for the current failure, if any. */
  failureError() {
    const f = this.machine.status().failure;
    return f ? failureError(f) : undefined;
  }
}
