// The gatekeeping of `berth serve`. Nothing the browser keeps per host is a credential: cookies are
// not isolated by port (a container's page on another port of 127.0.0.1 would receive them), so
// Berth sets none and ignores any. The token lives in the page (sessionStorage, which is scoped to
// the origin and so to the port) and is presented on the WebSocket handshake as a subprotocol;
// Host and Origin checks keep DNS rebinding and foreign pages out.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { hostname, networkInterfaces } from 'node:os';
import {
  WS_PROTOCOL as PROTOCOL,
  WS_TOKEN_PROTOCOL_PREFIX as TOKEN_PROTOCOL_PREFIX,
} from '../../shared/contract/frames';

export { PROTOCOL, TOKEN_PROTOCOL_PREFIX };

export function tokenMatches(given: string | undefined | null, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The protocols a WebSocket handshake offers (any shape of header; junk yields none). */
export function offeredProtocols(req: IncomingMessage): string[] {
  const raw = req.headers['sec-websocket-protocol'];
  const text = Array.isArray(raw) ? raw.join(',') : typeof raw === 'string' ? raw : '';
  return text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
}

/** The token a handshake presents: offered as `berth.token.<token>` alongside PROTOCOL, else none. */
export function handshakeToken(req: IncomingMessage): string | undefined {
  const offered = offeredProtocols(req);
  if (!offered.includes(PROTOCOL)) return undefined;
  const carrier = offered.find((p) => p.startsWith(TOKEN_PROTOCOL_PREFIX));
  return carrier?.slice(TOKEN_PROTOCOL_PREFIX.length);
}

/** `Authorization: Bearer <token>` (the page's token check), else none. */
export function bearerToken(req: IncomingMessage): string | undefined {
  const m = /^Bearer ([\w-]+)$/.exec(req.headers.authorization ?? '');
  return m?.[1];
}

/** The path and query of a request target, or undefined when it is not a URL at all. */
export function parseTarget(target: string | undefined): URL | undefined {
  try {
    return new URL(target ?? '/', 'http://berth.invalid');
  } catch {
    return undefined;
  }
}

/** The Host header values this server answers to: its own address, and the loopback names for it. */
export function allowedHosts(host: string, port: number): Set<string> {
  const names = new Set([host.includes(':') && !host.startsWith('[') ? `[${host}]` : host]);
  if (['127.0.0.1', 'localhost', '::1', '[::1]', '0.0.0.0', '::'].includes(host)) {
    names.add('127.0.0.1');
    names.add('localhost');
    names.add('[::1]');
  }
  if (host === '0.0.0.0' || host === '::') {
    // Bound to every address (with a warning): answer to this machine's own names and addresses only.
    names.add(hostname().toLowerCase());
    for (const list of Object.values(networkInterfaces()))
      for (const a of list ?? []) names.add(a.family === 'IPv6' ? `[${a.address}]` : a.address);
  }
  return new Set([...names].map((n) => `${n}:${port}`));
}

export function hostAllowed(req: IncomingMessage, hosts: Set<string>): boolean {
  return typeof req.headers.host === 'string' && hosts.has(req.headers.host.toLowerCase());
}

/** A socket's Origin must be this server itself (same host and port over http). */
export function originAllowed(req: IncomingMessage, hosts: Set<string>): boolean {
  const origin = req.headers.origin;
  if (typeof origin !== 'string') return false;
  try {
    const u = new URL(origin);
    return u.protocol === 'http:' && hosts.has(u.host.toLowerCase());
  } catch {
    return false;
  }
}

export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** What `berth serve --host` beyond loopback exposes, printed on stderr when it starts. */
export function exposureWarning(host: string): string {
  return (
    `Warning: Berth is listening on ${host}, beyond this machine's loopback. Anyone on your network, and every ` +
    `container on the engine's bridge networks (they reach this machine through the bridge's gateway), can reach it. ` +
    `The token travels in clear over plain HTTP, so anyone who can watch that traffic can take it and control your ` +
    `containers (with a native engine, that is root on this machine). Prefer the default 127.0.0.1 and an SSH tunnel.`
  );
}
