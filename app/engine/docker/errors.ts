// Maps whatever the engine, the socket or the local file system threw to a BerthError with a sentence
// a user understands. The HTTP status decides the kind first; the engine's message then picks the
// sentence (and the kind, for statuses that say little, like 500). Where the failing input is known the
// error names its field, so forms need not read the sentence.
import { BerthError, type ErrorKind } from '../../shared/errors';
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

function engineMessage(e: RawEngineError): string {
  const fromJson = e.json && typeof e.json === 'object' ? e.json.message : undefined;
  const raw = fromJson ?? e.message ?? String(e);
  // dockerode prefixes "(HTTP code 404) no such container - " before the engine's own message
  return raw.replace(/^\(HTTP code \d+\)\s*[^-]*-\s*/, '').trim();
}

/** A subnet the engine refuses because it overlaps a network it already has. */
const OVERLAP = /Pool overlaps with other one|networks have overlapping|overlaps with (?:an )?existing/i;
/** The engine is in no swarm, or only a worker of one. */
const SWARM_STATE = /not a swarm manager|not part of a swarm/i;
const AUTH =
  /unauthorized|authentication required|pull access denied|denied: requested access|incorrect username or password/i;

/** The kind the HTTP status alone decides, if it does. */
function statusKind(status: number | undefined, text: string): ErrorKind | undefined {
  switch (status) {
    case 400:
      return 'invalid';
    case 401:
      return 'unauthorized';
    case 403: // the engine's "forbidden": mostly a state it will not change (overlapping pools, built-in networks)
      return AUTH.test(text) ? 'unauthorized' : 'conflict';
    case 404:
      return AUTH.test(text) ? 'unauthorized' : 'not-found';
    case 409:
      return 'conflict';
    case 502:
    case 503:
      // swarm answers 503 when the engine is no manager of a swarm: a state, not an engine that is down
      return SWARM_STATE.test(text) ? 'conflict' : 'unavailable';
    default:
      return undefined;
  }
}

function kindOf(e: RawEngineError, text: string): ErrorKind {
  const byStatus = statusKind(e.statusCode, text);
  if (byStatus) return byStatus;
  if (e.code && socketCodes.has(e.code)) return 'unavailable';
  if (/socket hang up|connect ECONNREFUSED|Cannot connect to the Docker daemon/i.test(text)) return 'unavailable';
  if (OVERLAP.test(text)) return 'conflict';
  if (
    /executable file not found|no such file or directory: unknown|bind source path does not exist|not a directory/i.test(
      text,
    )
  )
    return 'invalid';
  if (
    /port is already allocated|address already in use|is already in use|already exists|is not stopped|is running|in use by|is being used|is not running|is paused|is not paused|is restarting|already paused|is already in progress|marked for removal/i.test(
      text,
    )
  )
    return 'conflict';
  if (
    /unauthorized|authentication required|pull access denied|denied: requested access|incorrect username or password/i.test(
      text,
    )
  )
    return 'unauthorized';
  if (
    /invalid reference format|invalid port|invalid mount|invalid argument|invalid volume|is not a valid|invalid (container )?name/i.test(
      text,
    )
  )
    return 'invalid';
  if (/no such|not found|does not exist|manifest unknown/i.test(text)) return 'not-found';
  return 'internal';
}

function sentence(kind: ErrorKind, what: string, text: string, e: RawEngineError): string {
  switch (kind) {
    case 'unavailable':
      return e.code === 'EACCES'
        ? `Could not ${what}: permission denied on the engine's socket${e.address ? ` ${e.address}` : ''}. Check that your user may use it, or choose another engine.`
        : `Could not ${what}: the engine is not reachable${e.code === 'ENOENT' && e.address ? ` (no socket at ${e.address})` : ''}. Check that it is running (Engine page), then try again.`;
    case 'not-found':
      if (/no such image|pull access denied|repository .* not found/i.test(text))
        return `Could not ${what}: the image is not on this engine. Pull it first, or check its name.`;
      return `Could not ${what}: it does not exist (any more). Refresh the list and try again.`;
    case 'conflict':
      if (SWARM_STATE.test(text))
        return `Could not ${what}: this engine is not a manager of a swarm. Create a swarm (or join one as a manager) on the Engine page first.`;
      if (OVERLAP.test(text))
        return `Could not ${what}: its subnet overlaps a network the engine already has. Choose another subnet, or leave it empty so the engine picks a free one.`;
      if (/port is already allocated|address already in use/i.test(text))
        return `Could not ${what}: a published port is already in use on this machine. Pick another host port or stop what uses it.`;
      if (/name .* is already in use|already in use by container/i.test(text))
        return `Could not ${what}: that name is already in use. Choose another name or remove the other container.`;
      if (/is not running|is restarting/i.test(text))
        return `Could not ${what}: the container is not running. Start it first.`;
      if (/is paused/i.test(text)) return `Could not ${what}: the container is paused. Resume it first.`;
      if (/is not paused/i.test(text)) return `Could not ${what}: the container is not paused.`;
      if (/already paused/i.test(text)) return `Could not ${what}: the container is already paused.`;
      if (/cannot remove a running container|stop the container before removing|is running/i.test(text))
        return `Could not ${what}: the container is running. Stop it first, or force the removal.`;
      return `Could not ${what}: it conflicts with the engine's current state (${text}).`;
    case 'unauthorized':
      return `Could not ${what}: the registry refused access. Sign in to the registry, or check the image name.`;
    case 'invalid':
      if (/executable file not found/i.test(text))
        return `Could not ${what}: the command does not exist in the image. Check the command, or use another image.`;
      if (/bind source path does not exist/i.test(text))
        return `Could not ${what}: a bind-mounted host path does not exist. Create it first, or fix the path.`;
      return `Could not ${what}: the engine refused the input (${text}).`;
    default:
      return `Could not ${what}: the engine reported an error (${text}).`;
  }
}

/** The input an engine message is about, where it says so unmistakably. */
function fieldOf(text: string): string | undefined {
  return OVERLAP.test(text) ? 'subnet' : undefined;
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
  if (e.statusCode === undefined) {
    const local = localFailure(e, what);
    if (local) {
      const detail = [e.code, e.syscall, isSocketError(e) ? e.address : e.path].filter(Boolean).join(' ');
      return new BerthError({ ...local, detail, ...(ctx.pathField ? { field: ctx.pathField } : {}) });
    }
  }
  const text = engineMessage(e);
  const kind = kindOf(e, text);
  const field = fieldOf(text);
  return new BerthError({ kind, message: sentence(kind, what, text, e), detail: text, ...(field ? { field } : {}) });
}

/** Runs `fn`, turning any failure into a BerthError about `what`. */
export async function attempt<T>(what: string, fn: () => Promise<T>, ctx: ErrorContext = {}): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw toBerthError(err, what, ctx);
  }
}
