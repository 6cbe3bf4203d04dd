// A BerthError that keeps its two halves apart — why it failed, and what to do — so an engine
// failure can show the fix on its own line; and the named steps every host's start runs through.
import { BerthError, type ErrorKind } from '../../shared/errors';
import type { EngineFailure } from './types';

export class EngineStepError extends BerthError {
  constructor(
    kind: ErrorKind,
    /** What failed and why, one sentence. */
    readonly reason: string,
    /** What to do about it. */
    readonly fix: string,
    detail?: string,
  ) {
    super({ kind, message: `${reason} ${fix}`, ...(detail !== undefined ? { detail } : {}) });
  }
}

/** A failure at a named step of a host's start or stop, carried up to its state machine. */
export class StepFailure extends Error {
  constructor(readonly failure: Omit<EngineFailure, 'logTail'>) {
    super(failure.message);
  }
}

/** Runs `fn` as the step `name`: whatever it throws becomes a StepFailure at that step, with a fix. */
export async function runStep<T>(
  name: string,
  fn: () => T | Promise<T>,
  fixFor: (message: string) => string,
): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof StepFailure) throw err;
    if (err instanceof EngineStepError) throw new StepFailure({ step: name, message: err.reason, fix: err.fix });
    const message = (err as Error).message;
    throw new StepFailure({ step: name, message, fix: fixFor(message) });
  }
}

/** What a start or stop that threw `err` failed at: a step's own failure, else `step` with "`what`: why". */
export function failureOf(
  err: unknown,
  step: string,
  what: string,
  fixFor: (message: string) => string,
): Omit<EngineFailure, 'logTail'> {
  if (err instanceof StepFailure) return err.failure;
  const message = (err as Error).message;
  return { step, message: `${what}: ${message}`, fix: fixFor(message) };
}
