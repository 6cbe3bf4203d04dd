// Pulls an image with per-layer progress. The engine answers HTTP 200 and then may report a failure
// in-band (an `error` line); that is a failure like any other, thrown as a BerthError.
import { dialJson, type EngineClient } from './client';
import { imagePath } from './images';
import type { LayerProgress, StatusProgress } from './progress';
import { registryProgress } from './registry-progress';
import { parseImageReference } from './validate-reference';

/** Credentials for a registry, sent as X-Registry-Auth. */
export interface RegistryAuth {
  username?: string;
  password?: string;
  /** An identity token from a previous login, instead of a password. */
  identitytoken?: string;
  /** Registry host, e.g. "registry.example.com" or "127.0.0.1:5000". */
  serveraddress?: string;
}

export interface PullDone {
  kind: 'done';
  /** The reference pulled, with the tag made explicit (":latest" when none was given). */
  ref: string;
  /** Content digest the registry reported, if any. */
  digest?: string;
  /** Local image id after the pull. */
  imageId?: string;
  /** True when the image was already up to date. */
  upToDate: boolean;
}

export type PullProgress = LayerProgress | StatusProgress | PullDone;

export interface PullOptions {
  auth?: RegistryAuth;
  signal?: AbortSignal;
  /** e.g. "linux/amd64". */
  platform?: string;
}

export function authHeader(
  auth: RegistryAuth | undefined,
  ref: { registry?: string },
): Record<string, string> | undefined {
  if (!auth) return undefined;
  const out: Record<string, string> = {};
  for (const k of ['username', 'password', 'identitytoken'] as const) if (auth[k]) out[k] = auth[k];
  out.serveraddress = auth.serveraddress ?? ref.registry ?? 'https://index.docker.io/v1/';
  return out;
}

/** Pulls `ref`; yields layer and status progress, then `{kind:'done'}`. Throws BerthError on failure or cancel. */
export async function* pullImage(
  client: EngineClient,
  ref: string,
  opts: PullOptions = {},
): AsyncGenerator<PullProgress> {
  const parsed = parseImageReference(ref, 'image');
  const tagOrDigest = parsed.digest ?? parsed.tag ?? 'latest';
  const shown = parsed.digest ? `${parsed.repository}@${parsed.digest}` : `${parsed.repository}:${tagOrDigest}`;
  let digest: string | undefined;
  let upToDate = false;
  const auth = authHeader(opts.auth, parsed);
  yield* registryProgress(client, {
    verb: 'pull',
    shown,
    request: {
      method: 'POST',
      path: '/images/create',
      query: { fromImage: parsed.repository, tag: tagOrDigest, ...(opts.platform ? { platform: opts.platform } : {}) },
      ...(auth ? { auth } : {}),
    },
    ...(opts.signal ? { signal: opts.signal } : {}),
    observe: (line) => {
      const status = line.status ?? '';
      const d = /^Digest: (\S+)/.exec(status);
      if (d) digest = d[1];
      if (/Image is up to date/.test(status)) upToDate = true;
    },
  });
  let imageId: string | undefined;
  try {
    imageId = (await dialJson<{ Id?: string }>(client, { path: `${imagePath(shown)}/json` })).Id;
  } catch {
    /* the pull succeeded; the id is a nicety */
  }
  yield {
    kind: 'done',
    ref: shown,
    upToDate,
    ...(digest ? { digest } : {}),
    ...(imageId ? { imageId } : {}),
  };
}
