// The engine host's state machine: legal transitions, the current progress line, and event fan-out.
import { Emitter, type Subscription } from '../../shared/emitter';
import { BerthError } from '../../shared/errors';
import type { EngineHostEvent, EngineFailure, EngineListener, EngineState, EngineStatus } from './types';

/**
 * stopped → starting → running → stopping → stopped, and any → error.
 * Also: starting → stopping (a stop aborts a start), running → starting (supervisor restart after a
 * crash or hang), error → starting (try again) and error → stopped (dismiss).
 */
const allowed: Record<EngineState, readonly EngineState[]> = {
  stopped: ['starting', 'error'],
  starting: ['running', 'stopping', 'starting', 'error'],
  running: ['stopping', 'starting', 'error'],
  stopping: ['stopped', 'error'],
  error: ['starting', 'stopped', 'error'],
};

export function canTransition(from: EngineState, to: EngineState): boolean {
  return allowed[from].includes(to);
}

export class EngineStateMachine {
  private current: EngineState = 'stopped';
  private line = 'Stopped';
  private failure: EngineFailure | undefined;
  private readonly events = new Emitter<EngineHostEvent>({ name: 'the engine host' });
  pid: number | undefined;
  restarts = 0;

  get state(): EngineState {
    return this.current;
  }

  status(): EngineStatus {
    return {
      state: this.current,
      progress: this.line,
      restarts: this.restarts,
      ...(this.failure ? { failure: this.failure } : {}),
      ...(this.pid !== undefined && this.current !== 'stopped' ? { pid: this.pid } : {}),
    };
  }

  subscribe(listener: EngineListener): Subscription {
    return this.events.on(listener);
  }

  /** A broken listener never breaks the engine: the emitter isolates and reports it. */
  emit(event: EngineHostEvent): void {
    this.events.emit(event);
  }

  /** Moves to `to` with a progress line; throws on an illegal transition (a programming error). */
  transition(to: EngineState, progress: string): void {
    const from = this.current;
    if (!canTransition(from, to)) {
      throw new BerthError({ kind: 'internal', message: `The engine cannot go from "${from}" to "${to}".` });
    }
    this.current = to;
    this.line = progress;
    if (to !== 'error') this.failure = undefined;
    this.emit({ type: 'state', from, to, progress, at: Date.now() });
  }

  /** Updates the progress line without changing state. */
  progress(line: string): void {
    this.line = line;
    this.emit({ type: 'progress', state: this.current, progress: line, at: Date.now() });
  }

  /** Moves to `error` with the failure, and returns the BerthError callers should throw. */
  fail(failure: EngineFailure): BerthError {
    const from = this.current;
    this.current = 'error';
    this.failure = failure;
    this.line = `${failure.step} failed`;
    this.emit({ type: 'state', from, to: 'error', progress: this.line, at: Date.now(), failure });
    return failureError(failure);
  }

  notice(message: string): void {
    this.emit({ type: 'notice', message, at: Date.now() });
  }
}

/** The BerthError for a failure: message and fix in the sentence, the log lines as detail. */
export function failureError(failure: EngineFailure): BerthError {
  return new BerthError({
    kind: 'unavailable',
    message: `${failure.message} ${failure.fix}`.trim(),
    ...(failure.logTail.length ? { detail: failure.logTail.join('\n') } : {}),
  });
}
