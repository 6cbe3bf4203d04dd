// Opens a dockerode client on an engine address and negotiates the API version from /_ping.
import Docker from 'dockerode';
import { request } from 'node:http';
import { BerthError } from '../../shared/errors';

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
    throw invalid('it is not a URL or an absolute socket path (try unix:///var/run/docker.sock or tcp://127.0.0.1:2375)');
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

/** GET /_ping over a unix socket with a short timeout; resolves the Api-Version header. */
export function pingUnix(socketPath: string, timeoutMs = 2000): Promise<{ ok: boolean; apiVersion?: string; error?: string }> {
  return new Promise((resolve) => {
    const req = request({ socketPath, path: '/_ping', timeout: timeoutMs }, (res) => {
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

/** Connects to the engine at `address`, negotiating the API version. Throws `unavailable` if it does not answer. */
export async function connectEngine(address: EngineAddress): Promise<EngineClient> {
  const probe = new Docker(dockerOptions(address));
  let engineApiVersion: string;
  try {
    // dockerode's ping gives no headers, so read the version the engine reports.
    const version = (await probe.version()) as { ApiVersion?: string };
    engineApiVersion = version.ApiVersion ?? MIN_API_VERSION;
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const where = address.kind === 'unix' ? address.socketPath : address.kind === 'tcp' ? `${address.host}:${address.port}` : `ssh://${address.host}`;
    throw new BerthError({
      kind: 'unavailable',
      message: `Could not connect to the engine at ${where}: ${e.code === 'ENOENT' ? 'no socket there' : e.code === 'EACCES' ? 'permission denied' : 'it does not answer'}. Start the engine or choose another one.`,
      detail: e.message,
    });
  }
  const apiVersion = negotiateVersion(engineApiVersion);
  return { docker: new Docker(dockerOptions(address, apiVersion)), address, apiVersion, engineApiVersion };
}
