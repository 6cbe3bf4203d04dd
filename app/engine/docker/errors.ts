// Classifies whatever the engine, the socket or the local file system threw, once, into a
// BerthError `{ kind, field?, message, detail? }`. The HTTP status decides the kind first; the
// engine's own message then picks the row of engine-messages.ts, which gives the kind for statuses
// that say little (a 500, an error line inside a stream), the field the failure concerns and the
// sentence. Nothing downstream reads the sentence: forms read `field`, code reads `kind`.
import { BerthError, type ErrorKind } from '../../shared/errors';
import { engineMessageFor, type EngineCause } from './engine-messages';
import { isSocketError, localFailure } from './local-errors';

interface RawEngineError {
  statusCode?: number;
  code?: string;
  reason?: string;
  message?: string;
  json?: { message?: string } | null;
  address?: string;
  syscall?: string;
  path?: string;
}

const socketCodes = new Set([
  'ECONNREFUSED',
  'ENOENT',
  'EACCES',
  'ECONNRESET',
  'ECONNABORTED',
  'ERR_STREAM_PREMATURE_CLOSE',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);

/** The engine's own words: the JSON message, without dockerode's "(HTTP code 404) no such container - " prefix. */
function engineMessage(e: RawEngineError | string): string {
  if (typeof e === 'string') return e.trim();
  const fromJson = e.json && typeof e.json === 'object' ? e.json.message : undefined;
  const raw = fromJson ?? e.message ?? String(e);
  return raw.replace(/^\(HTTP code \d+\)\s*[^-]*-\s*/, '').trim();
}

/** The kind the HTTP status alone decides, if it does (a registry's refusal may come as 403 or 404). */
function statusKind(status: number | undefined, rowKind: ErrorKind | undefined): ErrorKind | undefined {
  switch (status) {
    case 400:
      return 'invalid';
    case 401:
      return 'unauthorized';
    case 403: // the engine's "forbidden": mostly a state it will not change (overlapping pools, built-in networks)
      return rowKind === 'unauthorized' ? 'unauthorized' : 'conflict';
    case 404:
      return rowKind === 'unauthorized' ? 'unauthorized' : 'not-found';
    case 409:
      return 'conflict';
    case 502:
    case 503:
      return 'unavailable';
    default:
      return undefined;
  }
}

/** An engine failure as data: what kind, which input, which known message, and the engine's words. */
export interface EngineFailure {
  kind: ErrorKind;
  field?: string;
  cause?: EngineCause;
  /** The engine's own words. */
  text: string;
  /** What follows "Could not <what>: ". */
  says: string;
}

function generalSentence(kind: ErrorKind, text: string, e: RawEngineError): string {
  switch (kind) {
    case 'unavailable':
      return e.code === 'EACCES'
        ? `permission denied on the engine's socket${e.address ? ` ${e.address}` : ''}. Check that your user may use it, or choose another engine.`
        : `the engine is not reachable${e.code === 'ENOENT' && e.address ? ` (no socket at ${e.address})` : ''}. Check that it is running (Engine page), then try again.`;
    case 'not-found':
      return 'it does not exist (any more). Refresh the list and try again.';
    case 'conflict':
      return `it conflicts with the engine's current state (${text}).`;
    case 'unauthorized':
      return 'the registry refused access. Sign in to the registry, or check the image name.';
    case 'invalid':
      return `the engine refused the input (${text}).`;
    default:
      return `the engine reported an error (${text}).`;
  }
}

/**
 * Classifies an engine failure: an error dockerode or the modem threw, or the message of an error
 * line inside a stream (a string). Status first, then the table of engine messages.
 */
export function classifyEngineError(err: unknown): EngineFailure {
  const e: RawEngineError = typeof err === 'string' ? {} : ((err ?? {}) as RawEngineError);
  const text = engineMessage(typeof err === 'string' ? err : e);
  const socket = !!e.code && socketCodes.has(e.code) && e.statusCode === undefined;
  const row = socket ? undefined : engineMessageFor(text);
  const kind = socket ? 'unavailable' : (statusKind(e.statusCode, row?.kind) ?? row?.kind ?? 'internal');
  // A row's sentence holds only when its kind is the one decided (a 404 "is already in use" is no name clash).
  const fits = row !== undefined && row.kind === kind;
  return {
    kind,
    ...(fits && row.field ? { field: row.field } : {}),
    ...(row ? { cause: row.cause } : {}),
    text,
    says: fits && row.says ? row.says : generalSentence(kind, text, e),
  };
}

export interface ErrorContext {
  /** The field holding the local path the operation reads or writes: a local file failure concerns it. */
  pathField?: string;
}

/**
 * Wraps an engine, socket or local file failure as a BerthError. `what` completes "Could not …", e.g.
 * `stop container "web"`.
 */
export function toBerthError(err: unknown, what: string, ctx: ErrorContext = {}): BerthError {
  if (err instanceof BerthError) return err;
  const e = (err ?? {}) as RawEngineError;
  if (typeof err !== 'string' && e.statusCode === undefined) {
    const local = localFailure(e, what);
    if (local) {
      const detail = [e.code, e.syscall, isSocketError(e) ? e.address : e.path].filter(Boolean).join(' ');
      return new BerthError({ ...local, detail, ...(ctx.pathField ? { field: ctx.pathField } : {}) });
    }
  }
  const f = classifyEngineError(err);
  return new BerthError({
    kind: f.kind,
    message: `Could not ${what}: ${f.says}`,
    detail: f.text,
    ...(f.field ? { field: f.field } : {}),
  });
}

/** Runs `fn`, turning any failure into a BerthError about `what`. */
export async function attempt<T>(what: string, fn: () => Promise<T>, ctx: ErrorContext = {}): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw toBerthError(err, what, ctx);
  }
}
