// The error kinds every layer speaks. An error crossing the contract is `{ kind, message, detail? }`:
// `message` is a sentence for the user (what failed, why, what to do); `detail` is the engine's own words.
export const errorKinds = ['not-found', 'conflict', 'invalid', 'unauthorized', 'unavailable', 'internal'] as const;
export type ErrorKind = (typeof errorKinds)[number];

export interface ErrorInfo {
  kind: ErrorKind;
  message: string;
  detail?: string;
  /** For form errors: the field the error concerns (e.g. 'name', 'ports.0.hostPort'). */
  field?: string;
}

/** An Error that carries an ErrorInfo; thrown by the engine facade and the handlers. */
export class BerthError extends Error implements ErrorInfo {
  readonly kind: ErrorKind;
  readonly detail?: string;
  readonly field?: string;
  constructor(info: ErrorInfo) {
    super(info.message);
    this.name = 'BerthError';
    this.kind = info.kind;
    if (info.detail !== undefined) this.detail = info.detail;
    if (info.field !== undefined) this.field = info.field;
  }
  toJSON(): ErrorInfo {
    return {
      kind: this.kind,
      message: this.message,
      ...(this.detail !== undefined ? { detail: this.detail } : {}),
      ...(this.field !== undefined ? { field: this.field } : {}),
    };
  }
}

export function isErrorInfo(v: unknown): v is ErrorInfo {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as ErrorInfo).message === 'string' &&
    (errorKinds as readonly string[]).includes((v as ErrorInfo).kind)
  );
}
