// The progress stream of a pull or a push: the request is dialled, each NDJSON line is looked at by the
// caller (digest, size, "up to date") and shown as layer or status progress; an in-band error line, an
// HTTP error or a cancel ends it with the same sentences for both verbs.
import type { Readable } from 'node:stream';
import { dialStream, type DialOptions, type EngineClient } from './client';
import {
  cancelled,
  inBandError,
  ndjson,
  registryError,
  toLayerOrStatus,
  type LayerProgress,
  type ProgressLine,
  type StatusProgress,
} from './progress';

export interface RegistryTransfer {
  verb: 'pull' | 'push';
  /** The reference as the user sees it in messages, e.g. "busybox:latest". */
  shown: string;
  /** The engine request (method, path, query, auth); the signal is added here. */
  request: DialOptions;
  signal?: AbortSignal;
  /** Sees every line before it is shown, to pick up what the final `done` item reports. */
  observe: (line: ProgressLine) => void;
}

/** Yields the layer and status progress of a pull or a push; throws a BerthError on failure or cancel. */
export async function* registryProgress(
  client: EngineClient,
  t: RegistryTransfer,
): AsyncGenerator<LayerProgress | StatusProgress> {
  const fail = (err: unknown) => (t.signal?.aborted ? cancelled() : registryError(err, t.verb, t.shown));
  if (t.signal?.aborted) throw cancelled();
  let stream: Readable;
  try {
    stream = await dialStream(client, { ...t.request, ...(t.signal ? { signal: t.signal } : {}) });
  } catch (err) {
    throw fail(err);
  }
  try {
    for await (const line of ndjson(stream, t.signal)) {
      const failure = inBandError(line);
      if (failure) throw registryError(failure, t.verb, t.shown);
      t.observe(line);
      const item = toLayerOrStatus(line);
      if (item) yield item;
    }
  } catch (err) {
    throw fail(err);
  }
}
