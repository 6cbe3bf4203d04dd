// NDJSON progress streams (pull, push, build, load): split by line from bytes, parse each line, and
// turn the in-band `error`/`errorDetail` lines (sent with HTTP 200) into BerthErrors with a sentence.
import type { Readable } from 'node:stream';
import { BerthError } from '../../shared/errors';
import { classifyEngineError, toBerthError } from './errors';

export interface ProgressLine {
  status?: string;
  id?: string;
  progress?: string;
  progressDetail?: { current?: number; total?: number };
  stream?: string;
  error?: string;
  errorDetail?: { code?: number; message?: string };
  aux?: Record<string, unknown>;
  [key: string]: unknown;
}

/** Progress of one layer of a pull or push. */
export interface LayerProgress {
  kind: 'layer';
  id: string;
  status: string;
  current?: number;
  total?: number;
}

/** A line of status not tied to a layer (e.g. "Pulling from library/busybox", "Digest: sha256:…"). */
export interface StatusProgress {
  kind: 'status';
  text: string;
}

/** Reads a byte stream as NDJSON objects. A line that is not JSON comes back as `{ stream: line }`. */
export async function* ndjson(stream: Readable, signal?: AbortSignal): AsyncGenerator<ProgressLine> {
  const onAbort = () => stream.destroy();
  signal?.addEventListener('abort', onAbort, { once: true });
  let pending = '';
  const decoder = new TextDecoder();
  const parse = (line: string): ProgressLine | undefined => {
    const text = line.trim();
    if (!text) return undefined;
    try {
      const v = JSON.parse(text) as unknown;
      return typeof v === 'object' && v !== null ? (v as ProgressLine) : { stream: text };
    } catch {
      return { stream: text };
    }
  };
  try {
    for await (const chunk of stream) {
      pending += typeof chunk === 'string' ? chunk : decoder.decode(chunk as Buffer, { stream: true });
      let nl: number;
      while ((nl = pending.indexOf('\n')) >= 0) {
        const item = parse(pending.slice(0, nl));
        pending = pending.slice(nl + 1);
        if (item) yield item;
      }
    }
    pending += decoder.decode();
    const last = parse(pending);
    if (last) yield last;
  } catch (err) {
    if (signal?.aborted) throw cancelled();
    throw err;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    stream.destroy();
  }
  if (signal?.aborted) throw cancelled();
}

export function cancelled(): BerthError {
  return new BerthError({ kind: 'internal', message: 'The operation was cancelled.', detail: 'cancelled' });
}

/** The engine's message of an in-band error line, or undefined when the line is not an error. */
export function inBandError(line: ProgressLine): string | undefined {
  if (line.errorDetail?.message) return line.errorDetail.message;
  if (typeof line.error === 'string' && line.error) return line.error;
  return undefined;
}

/** A BerthError for a pull/push failure, whether it came as an HTTP error or as an in-band line. */
export function registryError(err: unknown, verb: 'pull' | 'push', ref: string): BerthError {
  if (err instanceof BerthError) return err;
  const { kind, cause, text } = classifyEngineError(err);
  const registry = ref.includes('/') && /[.:]|^localhost$/.test(ref.split('/')[0]!) ? ref.split('/')[0]! : 'Docker Hub';
  const could = `Could not ${verb} "${ref}"`;
  let message: string;
  if (cause === 'blob-unknown')
    return new BerthError({
      kind,
      message: `${could}: the registry (${registry}) is missing a layer of this image (${text}). The image there is damaged; push it again.`,
      detail: text,
    });
  switch (kind) {
    case 'not-found':
      message =
        verb === 'pull'
          ? `${could}: the registry (${registry}) has no such image or tag. Check the name and tag.`
          : `${could}: there is no local image by that name. Tag an image with this name first.`;
      break;
    case 'unauthorized':
      message = `${could}: ${registry} refused access. Sign in with a user that may ${verb} this repository.`;
      break;
    case 'unavailable':
      message = `${could}: the registry ${registry} is not reachable. Check the address and your network, then try again.`;
      break;
    case 'invalid':
      message = `${could}: the engine refused the reference (${text}).`;
      break;
    default:
      message = toBerthError(err, `${verb} "${ref}"`).message;
  }
  return new BerthError({ kind, message, detail: text });
}

/** Turns a progress line into a layer or status item (or undefined when it carries nothing to show). */
export function toLayerOrStatus(line: ProgressLine): LayerProgress | StatusProgress | undefined {
  const status = line.status;
  if (!status) return undefined;
  if (line.id && /^[0-9a-f]{12,}$/.test(line.id)) {
    const current = line.progressDetail?.current;
    const total = line.progressDetail?.total;
    return {
      kind: 'layer',
      id: line.id,
      status,
      ...(typeof current === 'number' ? { current } : {}),
      ...(typeof total === 'number' && total > 0 ? { total } : {}),
    };
  }
  return { kind: 'status', text: line.id ? `${line.id}: ${status}` : status };
}
