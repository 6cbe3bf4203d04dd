// A BerthError that keeps its two halves apart — why it failed, and what to do — so an engine
// failure can show the fix on its own line.
import { BerthError, type ErrorKind } from '../../shared/errors';

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
