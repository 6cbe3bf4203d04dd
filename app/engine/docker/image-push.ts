// Pushes a local image to its registry with credentials (X-Registry-Auth) and per-layer progress.
import type { Readable } from 'node:stream';
import { BerthError } from '../../shared/errors';
import { dialStream, type EngineClient } from './client';
import { imagePath } from './images';
import { authHeader, type RegistryAuth } from './image-pull';
import {
  cancelled,
  inBandError,
  ndjson,
  registryError,
  toLayerOrStatus,
  type LayerProgress,
  type StatusProgress,
} from './progress';
import { parseImageReference } from './validate-reference';

export interface PushDone {
  kind: 'done';
  ref: string;
  digest?: string;
  size?: number;
}

export type PushProgress = LayerProgress | StatusProgress | PushDone;

export interface PushOptions {
  auth?: RegistryAuth;
  signal?: AbortSignal;
}

/** Pushes `ref` (repository[:tag], tag defaults to latest); yields layer progress then `{kind:'done'}`. */
export async function* pushImage(
  client: EngineClient,
  ref: string,
  opts: PushOptions = {},
): AsyncGenerator<PushProgress> {
  const parsed = parseImageReference(ref, 'image');
  if (parsed.digest) {
    throw new BerthError({
      kind: 'invalid',
      field: 'image',
      message: `Could not push "${ref}": push a tag, not a digest.`,
    });
  }
  const tag = parsed.tag ?? 'latest';
  const shown = `${parsed.repository}:${tag}`;
  if (opts.signal?.aborted) throw cancelled();
  let stream: Readable;
  try {
    // The engine wants X-Registry-Auth even for registries without auth; an empty object is fine then.
    const auth = authHeader(opts.auth, parsed) ?? {};
    stream = await dialStream(client, {
      method: 'POST',
      path: `${imagePath(parsed.repository)}/push`,
      query: { tag },
      auth,
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
  } catch (err) {
    if (opts.signal?.aborted) throw cancelled();
    throw registryError(err, 'push', shown);
  }
  let digest: string | undefined;
  let size: number | undefined;
  try {
    for await (const line of ndjson(stream, opts.signal)) {
      const failure = inBandError(line);
      if (failure) throw registryError(failure, 'push', shown);
      const aux = line.aux as { Digest?: string; Size?: number } | undefined;
      if (aux?.Digest) digest = aux.Digest;
      if (typeof aux?.Size === 'number') size = aux.Size;
      const item = toLayerOrStatus(line);
      if (item) yield item;
    }
  } catch (err) {
    if (opts.signal?.aborted) throw cancelled();
    throw registryError(err, 'push', shown);
  }
  yield { kind: 'done', ref: shown, ...(digest ? { digest } : {}), ...(size !== undefined ? { size } : {}) };
}
