// One HTTP(S) request to a context's API server, authenticated by client-node exactly as its own
// clients are (CA, client certificates, bearer token, token file, exec credential plugins).
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { BerthError } from '../../shared/errors';
import { credentialError, statusError, transportError } from './errors';

export interface KubeRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path under the server, e.g. /api/v1/namespaces. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: string;
  contentType?: string;
  signal?: AbortSignal;
  /** Milliseconds to wait for the answer's headers. */
  timeoutMs?: number;
}

export function serverOf(kc: KubeConfig): string {
  const server = kc.getCurrentCluster()?.server;
  if (!server) {
    throw new BerthError({
      kind: 'invalid',
      message: `The context “${kc.getCurrentContext()}” names no cluster with a server address. Fix the kubeconfig.`,
    });
  }
  return server.replace(/\/+$/, '');
}

/** Opens the request and resolves with the response once its headers arrive (any status). */
export async function openKube(kc: KubeConfig, req: KubeRequest): Promise<IncomingMessage> {
  const server = serverOf(kc);
  const url = new URL(server + req.path);
  for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
  const opts: https.RequestOptions = { method: req.method ?? 'GET', headers: { Accept: 'application/json' } };
  try {
    await kc.applyToHTTPSOptions(opts);
  } catch (e) {
    const user = kc.getCurrentUser();
    throw credentialError(e, user?.name ?? '', user?.exec?.command ?? user?.authProvider?.name ?? 'credential plugin');
  }
  const headers = { ...(opts.headers as Record<string, string>) };
  if (req.body !== undefined) {
    headers['Content-Type'] = req.contentType ?? 'application/json';
    headers['Content-Length'] = String(Buffer.byteLength(req.body));
  }
  const mod = url.protocol === 'http:' ? http : https;
  if (url.protocol === 'http:') {
    // As kubectl: credentials never travel over plain HTTP.
    delete opts.agent;
    delete headers.Authorization;
  }
  return new Promise((resolve, reject) => {
    const r = mod.request(url, { ...opts, headers, ...(req.signal ? { signal: req.signal } : {}) }, resolve);
    if (req.timeoutMs)
      r.setTimeout(req.timeoutMs, () => r.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })));
    r.on('error', (e) => reject(req.signal?.aborted ? e : transportError(e, server)));
    r.end(req.body);
  });
}

async function readBody(res: IncomingMessage, limit = 64 * 1024 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of res as AsyncIterable<Buffer>) {
    size += c.length;
    if (size > limit) {
      res.destroy();
      throw new BerthError({ kind: 'internal', message: `The API server's answer is larger than ${limit} bytes.` });
    }
    chunks.push(c);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A request whose answer is JSON; an answer of 400 and above becomes a BerthError with a sentence. */
export async function kubeJson<T>(kc: KubeConfig, req: KubeRequest): Promise<T> {
  const res = await openKube(kc, req);
  const body = await readBody(res);
  if ((res.statusCode ?? 500) >= 400) throw statusError(res.statusCode ?? 500, body, serverOf(kc));
  try {
    return JSON.parse(body) as T;
  } catch {
    throw new BerthError({
      kind: 'internal',
      message: `The API server at ${serverOf(kc)} answered ${req.path} with something that is not JSON.`,
      detail: body.slice(0, 300),
    });
  }
}

/** Throws the answer's error when it is one (for streams, whose body is read elsewhere). */
export async function throwIfFailed(kc: KubeConfig, res: IncomingMessage): Promise<void> {
  if ((res.statusCode ?? 500) < 400) return;
  throw statusError(res.statusCode ?? 500, await readBody(res, 1024 * 1024), serverOf(kc));
}
