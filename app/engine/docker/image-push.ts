// Pushes a local image to its registry with credentials (X-Registry-Auth) and per-layer progress.
import { BerthError } from '../../shared/errors';
import type { EngineClient } from './client';
import { imagePath } from './images';
import { authHeader, type RegistryAuth } from './image-pull';
import type { LayerProgress, StatusProgress } from './progress';
import { registryProgress } from './registry-progress';
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
  let digest: string | undefined;
  let size: number | undefined;
  yield* registryProgress(client, {
    verb: 'push',
    shown,
    // The engine wants X-Registry-Auth even for registries without auth; an empty object is fine then.
    request: {
      method: 'POST',
      path: `${imagePath(parsed.repository)}/push`,
      query: { tag },
      auth: authHeader(opts.auth, parsed) ?? {},
    },
    ...(opts.signal ? { signal: opts.signal } : {}),
    observe: (line) => {
      const aux = line.aux as { Digest?: string; Size?: number } | undefined;
      if (aux?.Digest) digest = aux.Digest;
      if (typeof aux?.Size === 'number') size = aux.Size;
    },
  });
  yield { kind: 'done', ref: shown, ...(digest ? { digest } : {}), ...(size !== undefined ? { size } : {}) };
}
