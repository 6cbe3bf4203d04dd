// Probes one engine address with GET /_ping and a short timeout, saying why it is not reachable.
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { parseEngineAddress, pingUnix, type EngineAddress } from '../docker/client';
import { BerthError } from '../../shared/errors';
import { findBinary } from './binaries';

export interface ProbeResult {
  reachable: boolean;
  /** "answered /_ping (API 1.41)" or why not, naming the thing that failed. */
  reason: string;
  apiVersion?: string;
  address?: EngineAddress;
  /**
   * True when the engine is simply not there (yet): no socket, nothing listening, or no answer in
   * time (a starting dockerd accepts before it serves). Berth waits for such an engine.
   */
  absent?: boolean;
}

const where = (a: EngineAddress): string =>
  a.kind === 'unix'
    ? a.socketPath
    : a.kind === 'tcp'
      ? `${a.host}:${a.port}`
      : `ssh://${a.username ? `${a.username}@` : ''}${a.host}${a.port ? `:${a.port}` : ''}`;

function socketReason(path: string, code: string | undefined, timeoutMs: number): string {
  switch (code) {
    case 'ENOENT':
      return `no socket at ${path}`;
    case 'ECONNREFUSED':
      return `nothing is listening on ${path} (a stale socket: the engine is not running)`;
    case 'EACCES':
      return `permission denied on ${path} (your user may not use this engine; e.g. add it to the "docker" group)`;
    case 'timeout':
      return `${path} did not answer /_ping within ${timeoutMs} ms`;
    default:
      return `${path} did not answer /_ping (${code ?? 'unknown error'})`;
  }
}

async function probeUnix(path: string, timeoutMs: number): Promise<Omit<ProbeResult, 'address'>> {
  if (!existsSync(path)) return { reachable: false, absent: true, reason: socketReason(path, 'ENOENT', timeoutMs) };
  if (!statSync(path).isSocket()) return { reachable: false, reason: `${path} exists but is not a socket` };
  const r = await pingUnix(path, timeoutMs);
  if (r.ok)
    return {
      reachable: true,
      reason: `answered /_ping${r.apiVersion ? ` (API ${r.apiVersion})` : ''}`,
      ...(r.apiVersion ? { apiVersion: r.apiVersion } : {}),
    };
  const absent = r.error === 'ENOENT' || r.error === 'ECONNREFUSED' || r.error === 'timeout';
  return { reachable: false, reason: socketReason(path, r.error, timeoutMs), ...(absent ? { absent } : {}) };
}

function probeTcp(
  a: Extract<EngineAddress, { kind: 'tcp' }>,
  timeoutMs: number,
): Promise<Omit<ProbeResult, 'address'>> {
  const target = `${a.host}:${a.port}`;
  return new Promise((resolve) => {
    const req = (a.tls ? httpsRequest : request)(
      { host: a.host, port: a.port, path: '/_ping', timeout: timeoutMs, ...(a.tls ?? {}) },
      (res) => {
        res.resume();
        const v = res.headers['api-version'];
        const apiVersion = typeof v === 'string' ? v : undefined;
        resolve(
          res.statusCode === 200
            ? {
                reachable: true,
                reason: `answered /_ping${apiVersion ? ` (API ${apiVersion})` : ''}`,
                ...(apiVersion ? { apiVersion } : {}),
              }
            : { reachable: false, reason: `${target} answered /_ping with HTTP ${res.statusCode}` },
        );
      },
    );
    req.on('error', (e: NodeJS.ErrnoException) =>
      resolve({
        reachable: false,
        ...(e.code === 'ECONNREFUSED' ? { absent: true } : {}),
        reason:
          e.code === 'ECONNREFUSED'
            ? `${target} refused the connection`
            : `${target} is not reachable (${e.code ?? e.message})`,
      }),
    );
    req.on('timeout', () => {
      req.destroy();
      resolve({ reachable: false, absent: true, reason: `${target} did not answer /_ping within ${timeoutMs} ms` });
    });
    req.end();
  });
}

/** Like the docker CLI: `ssh … docker system dial-stdio`, then HTTP over the pipe. */
function probeSsh(
  a: Extract<EngineAddress, { kind: 'ssh' }>,
  timeoutMs: number,
): Promise<Omit<ProbeResult, 'address'>> {
  const target = where(a);
  const ssh = findBinary('ssh');
  if (!ssh)
    return Promise.resolve({
      reachable: false,
      reason: `cannot reach ${target}: ssh is not installed (install openssh-client)`,
    });
  const args = ['-o', 'BatchMode=yes', '-o', `ConnectTimeout=${Math.max(1, Math.ceil(timeoutMs / 1000))}`, '-T'];
  if (a.port) args.push('-p', String(a.port));
  args.push(a.username ? `${a.username}@${a.host}` : a.host, '--', 'docker', 'system', 'dial-stdio');
  return new Promise((resolve) => {
    const child = spawn(ssh, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let settled = false;
    const done = (r: Omit<ProbeResult, 'address'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      resolve(r);
    };
    const timer = setTimeout(
      () => done({ reachable: false, reason: `${target} did not answer /_ping within ${timeoutMs} ms` }),
      timeoutMs + 1000,
    );
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString('latin1');
      if (/\r\n\r\n/.test(out)) {
        const ok = /^HTTP\/1\.[01] 200/.test(out);
        const apiVersion = /\r\nApi-Version: *([^\r]+)/i.exec(out)?.[1];
        done(
          ok
            ? {
                reachable: true,
                reason: `answered /_ping over ssh${apiVersion ? ` (API ${apiVersion})` : ''}`,
                ...(apiVersion ? { apiVersion } : {}),
              }
            : { reachable: false, reason: `${target} answered /_ping with an error` },
        );
      }
    });
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('error', (e) => done({ reachable: false, reason: `cannot run ssh for ${target}: ${e.message}` }));
    child.on('close', () => {
      const why = err.trim().split('\n').filter(Boolean).pop() ?? 'the connection closed';
      done({ reachable: false, reason: `ssh to ${target} failed: ${why}` });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.write('GET /_ping HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n');
  });
}

/** Probes `url`; never throws: an unusable address is reported as unreachable with the parse error as reason. */
export async function probeEngine(url: string, timeoutMs = 1500): Promise<ProbeResult> {
  let address: EngineAddress;
  try {
    if (url.startsWith('context:')) {
      return {
        reachable: false,
        reason: `the docker context "${url.slice(8)}" has no stored endpoint (see \`docker context ls\`)`,
      };
    }
    address = parseEngineAddress(url);
  } catch (err) {
    return { reachable: false, reason: err instanceof BerthError ? err.message : String(err) };
  }
  return probeAddress(address, timeoutMs);
}

/** Probes an address as a host has it (a TLS address with its client certificate); never throws. */
export async function probeAddress(address: EngineAddress, timeoutMs = 1500): Promise<ProbeResult> {
  const result =
    address.kind === 'unix'
      ? await probeUnix(address.socketPath, timeoutMs)
      : address.kind === 'tcp'
        ? await probeTcp(address, timeoutMs)
        : await probeSsh(address, timeoutMs);
  return { ...result, address };
}

/** Throws a BerthError naming the failing address when `url` cannot be used. */
export async function requireReachable(
  url: string,
  timeoutMs = 1500,
): Promise<ProbeResult & { address: EngineAddress }> {
  const r = await probeEngine(url, timeoutMs);
  if (r.reachable && r.address) return r as ProbeResult & { address: EngineAddress };
  if (!r.address)
    throw new BerthError({
      kind: 'invalid',
      message: `${r.reason} Fix the engine address in settings.`,
      field: 'engine',
    });
  throw new BerthError({
    kind: 'unavailable',
    message: `Could not connect to the engine at ${url}: ${r.reason}. Start that engine, fix the address in settings, or choose another engine.`,
    field: 'engine',
  });
}
