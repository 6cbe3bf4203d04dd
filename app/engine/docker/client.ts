// Opens a dockerode client on an engine address and negotiates the API version from /_ping.
import type Docker from 'dockerode';
import { request, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BerthError } from '../../shared/errors';
import { poolConnections } from './connection-pool';
import { loadDockerode } from './dockerode-loader';
import { dialJson, dialStream } from './engine-request';

export { ENGINE_POOL_SOCKETS, ENGINE_STREAM_SOCKETS, withAbortSignal } from './connection-pool';
export { dialJson, dialStream, dialUpgrade, type DialOptions } from './engine-request';

/** Highest Engine API version Berth is written against; newer engines are spoken to at this version. */
export const MAX_API_VERSION = '1.47';
/** Oldest version Berth fully supports (Debian's dockerd 20.10). */
export const MIN_API_VERSION = '1.41';

export type EngineAddress =
  | { kind: 'unix'; socketPath: string }
  | { kind: 'tcp'; host: string; port: number; tls?: { ca?: string; cert?: string; key?: string } }
  | { kind: 'ssh'; host: string; port?: number; username?: string };

export interface EngineClient {
  docker: Docker;
  address: EngineAddress;
  apiVersion: string;
  /** The version the engine itself speaks (from /_ping). */
  engineApiVersion: string;
  /**
   * Set by withAbortSignal (a request's engine): calls that do not go through docker-modem's dial
   * (local-stream.ts) are aborted by it too.
   */
  signal?: AbortSignal;
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

/** The version to speak: the engine's, capped at ours. */
export function negotiateVersion(engineVersion: string): string {
  return compareVersions(engineVersion, MAX_API_VERSION) > 0 ? MAX_API_VERSION : engineVersion;
}

/** Parses `unix:///path`, `/path`, `tcp://host:port`, `ssh://user@host:port`. */
export function parseEngineAddress(url: string): EngineAddress {
  const invalid = (why: string) =>
    new BerthError({ kind: 'invalid', message: `The engine address "${url}" is not usable: ${why}.`, field: 'engine' });
  if (url.startsWith('/')) return { kind: 'unix', socketPath: url };
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw invalid(
      'it is not a URL or an absolute socket path (try unix:///var/run/docker.sock or tcp://127.0.0.1:2375)',
    );
  }
  switch (u.protocol) {
    case 'unix:':
      if (!u.pathname.startsWith('/')) throw invalid('a unix socket path must be absolute');
      return { kind: 'unix', socketPath: decodeURIComponent(u.pathname) };
    case 'tcp:':
    case 'http:':
    case 'https:':
      if (!u.hostname) throw invalid('it names no host');
      return { kind: 'tcp', host: u.hostname, port: Number(u.port || (u.protocol === 'https:' ? 2376 : 2375)) };
    case 'ssh:':
      if (!u.hostname) throw invalid('it names no host');
      return {
        kind: 'ssh',
        host: u.hostname,
        ...(u.port ? { port: Number(u.port) } : {}),
        ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
      };
    default:
      throw invalid(`the scheme "${u.protocol.replace(':', '')}" is not supported (use unix, tcp or ssh)`);
  }
}

function dockerOptions(address: EngineAddress, version?: string): Docker.DockerOptions {
  const v = version ? { version: `v${version}` } : {};
  switch (address.kind) {
    case 'unix':
      return { socketPath: address.socketPath, ...v };
    case 'tcp':
      return {
        host: address.host,
        port: address.port,
        protocol: address.tls ? 'https' : 'http',
        ...(address.tls ?? {}),
        ...v,
      };
    case 'ssh':
      return {
        protocol: 'ssh',
        host: address.host,
        port: address.port ?? 22,
        ...(address.username ? { username: address.username } : {}),
        ...v,
      } as Docker.DockerOptions;
  }
}

export interface PingResult {
  ok: boolean;
  apiVersion?: string;
  error?: string;
}

/** GET /_ping with a short timeout; resolves the Api-Version header. Never rejects. */
function ping(options: RequestOptions, timeoutMs: number, tls: boolean): Promise<PingResult> {
  return new Promise((resolve) => {
    const req = (tls ? httpsRequest : request)({ ...options, path: '/_ping', timeout: timeoutMs }, (res) => {
      res.resume();
      const apiVersion = res.headers['api-version'];
      resolve({ ok: res.statusCode === 200, ...(typeof apiVersion === 'string' ? { apiVersion } : {}) });
    });
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ ok: false, error: e.code ?? e.message }));
    req.on('timeout', () => {
      req.destroy();
      resolve({ ok: false, error: 'timeout' });
    });
    req.end();
  });
}

/** GET /_ping over a unix socket. */
export function pingUnix(socketPath: string, timeoutMs = 2000): Promise<PingResult> {
  return ping({ socketPath }, timeoutMs, false);
}

/** GET /_ping on a port of this machine's loopback; over TLS with a client certificate when `tls` is given. */
export function pingLoopback(
  port: number,
  timeoutMs = 2000,
  tls?: { ca?: string; cert?: string; key?: string },
): Promise<PingResult> {
  return ping({ host: '127.0.0.1', port, ...(tls ?? {}) }, timeoutMs, !!tls);
}

function describeAddress(address: EngineAddress): string {
  return address.kind === 'unix'
    ? address.socketPath
    : address.kind === 'tcp'
      ? `${address.host}:${address.port}`
      : `ssh://${address.host}`;
}

/**
 * GET /_ping through dockerode's modem (so unix, tcp, tls and ssh all work) and read the
 * Api-Version header. Falls back to /version for engines that do not send the header.
 */
async function pingApiVersion(probe: Docker): Promise<string> {
  const client = { docker: probe } as EngineClient;
  const res = await dialStream(client, { path: '/_ping' });
  res.resume();
  const header = res.headers['api-version'];
  if (typeof header === 'string' && /^\d+\.\d+$/.test(header)) return header;
  const version = await dialJson<{ ApiVersion?: string }>(client, { path: '/version' });
  return version.ApiVersion ?? MIN_API_VERSION;
}

/** Connects to the engine at `address`, negotiating the API version. Throws `unavailable` if it does not answer. */
export async function connectEngine(address: EngineAddress): Promise<EngineClient> {
  const Dockerode = loadDockerode();
  const probe = new Dockerode({ ...dockerOptions(address), timeout: 10000 });
  let engineApiVersion: string;
  try {
    engineApiVersion = await pingApiVersion(probe);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new BerthError({
      kind: 'unavailable',
      message: `Could not connect to the engine at ${describeAddress(address)}: ${e.code === 'ENOENT' ? 'no socket there' : e.code === 'EACCES' ? 'permission denied' : 'it does not answer'}. Start the engine or choose another one.`,
      detail: e.message,
    });
  }
  if (compareVersions(engineApiVersion, MIN_API_VERSION) < 0) {
    throw new BerthError({
      kind: 'unavailable',
      message: `The engine at ${describeAddress(address)} speaks API ${engineApiVersion}, older than the ${MIN_API_VERSION} Berth needs (Docker 20.10). Update the engine or choose another one.`,
    });
  }
  const apiVersion = negotiateVersion(engineApiVersion);
  const docker = new Dockerode(dockerOptions(address, apiVersion));
  if (address.kind !== 'ssh') poolConnections(docker, address.kind === 'tcp' && !!address.tls);
  return { docker, address, apiVersion, engineApiVersion };
}

/** Whether the engine runs on this machine, so its processes and cgroups are visible in /proc. */
export function isLocalEngine(client: EngineClient): boolean {
  return client.address.kind === 'unix';
}
