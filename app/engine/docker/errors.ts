// Maps whatever the engine or the socket threw to a BerthError with a sentence a user understands.
import { BerthError, type ErrorKind } from '../../shared/errors';

interface RawEngineError {
  statusCode?: number;
  code?: string;
  reason?: string;
  message?: string;
  json?: { message?: string } | null;
  address?: string;
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

function kindOf(e: RawEngineError, text: string): ErrorKind {
  if (e.code && socketCodes.has(e.code)) return 'unavailable';
  if (/socket hang up|connect ECONNREFUSED|Cannot connect to the Docker daemon/i.test(text)) return 'unavailable';
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
  switch (e.statusCode) {
    case 400:
      return 'invalid';
    case 401:
    case 403:
      return 'unauthorized';
    case 404:
      return 'not-found';
    case 409:
      return 'conflict';
    case 502:
    case 503:
      return 'unavailable';
  }
  if (/no such|not found|does not exist|manifest unknown/i.test(text)) return 'not-found';
  return 'internal';
}

function sentence(kind: ErrorKind, what: string, text: string, e: RawEngineError): string {
  switch (kind) {
    case 'unavailable':
      return e.code === 'EACCES'
        ? `Could not ${what}: permission denied on the engine's socket. Check that your user may use it, or choose another engine.`
        : `Could not ${what}: the engine is not reachable. Check that it is running (Engine page), then try again.`;
    case 'not-found':
      if (/no such image|pull access denied|repository .* not found/i.test(text))
        return `Could not ${what}: the image is not on this engine. Pull it first, or check its name.`;
      return `Could not ${what}: it does not exist (any more). Refresh the list and try again.`;
    case 'conflict':
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

/** Wraps an engine failure as a BerthError. `what` completes "Could not …", e.g. `stop container "web"`. */
export function toBerthError(err: unknown, what: string): BerthError {
  if (err instanceof BerthError) return err;
  const e = (err ?? {}) as RawEngineError;
  const text = engineMessage(e);
  const kind = kindOf(e, text);
  return new BerthError({ kind, message: sentence(kind, what, text, e), detail: text });
}

/** Runs `fn`, turning any failure into a BerthError about `what`. */
export async function attempt<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw toBerthError(err, what);
  }
}
