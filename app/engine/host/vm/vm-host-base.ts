// What the VM hosts (Lima, WSL) share: the state machine, named steps whose failures carry the step,
// a sentence and a fix, the VM tool's log, start/stop with a stop that aborts a start.
import type { EngineAddress } from '../../docker/client';
import type { RotatingLog } from '../rotating-log';
import { EngineStateMachine, failureError } from '../state-machine';
import { EngineStepError } from '../step-error';
import type { EngineFailure, EngineHost, EngineHostKind, EngineListener, EngineState, EngineStatus } from '../types';
import { sleep } from '../processes';

/** A failure at a named step. */
export class VmStepFailure extends Error {
  constructor(readonly failure: Omit<EngineFailure, 'logTail'>) {
    super(failure.message);
  }
}

export abstract class VmHostBase implements EngineHost {
  abstract readonly id: string;
  abstract readonly kind: EngineHostKind;
  abstract readonly label: string;
  abstract readonly address: EngineAddress;

  protected readonly machine = new EngineStateMachine();
  private abort: AbortController | undefined;
  private startRun: Promise<EngineState> | undefined;
  private stopRun: Promise<void> | undefined;

  constructor(protected readonly log: RotatingLog) {}

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
    try {
      return await fn();
    } catch (err) {
      if (err instanceof VmStepFailure) throw err;
      if (err instanceof EngineStepError) throw new VmStepFailure({ step: name, message: err.reason, fix: err.fix });
      const message = (err as Error).message;
      throw new VmStepFailure({ step: name, message, fix: this.fixFor(message) });
    }
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
        const failure =
          err instanceof VmStepFailure
            ? err.failure
            : {
                step: 'Starting the VM',
                message: `${this.label} did not start: ${(err as Error).message}`,
                fix: this.fixFor((err as Error).message),
              };
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
        const f = err instanceof VmStepFailure ? err.failure : undefined;
        throw this.machine.fail({
          step: f?.step ?? 'Stopping the VM',
          message: f?.message ?? `${this.label} did not stop cleanly: ${(err as Error).message}`,
          fix: f?.fix ?? this.fixFor((err as Error).message),
          logTail: this.log.tail(20),
        });
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
        throw new VmStepFailure({
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
